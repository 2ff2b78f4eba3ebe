"""The hub as its own process: the repository's root to run it from, ``popup-hub`` commands, a hub served on a
port (``serve``), a venue hub relaying upstream (``serve_venue``), and the till's sync child (``CHILD``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("sync_child.py")


def popup_hub(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync.hub.cli", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )


def serve_venue(db_url: str, port: int, upstream: str, log: Path) -> subprocess.Popen[bytes]:
    """The venue hub process; what it logs is appended to ``log``, read when the test fails."""
    with log.open("ab") as output:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sync.hub.cli",
                "--db",
                db_url,
                "serve",
                "--port",
                str(port),
                "--upstream",
                upstream,
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=output,
            stderr=output,
        )


def kill(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def serve(db_url: str, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "sync.hub.cli", "--db", db_url, "serve", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
