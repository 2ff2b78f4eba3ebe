"""A Python script run as a child process that the tests kill at an instant it names, never by a timing guess.

The child says a line when it reaches the instant (``sent``, ``pushing 5``) and holds still; the test waits for
that line, then SIGKILLs it. Used by the kill tests of the till's sync (tests/sync/test_kill.py) and of its print
queue (tests/integration/test_print_honesty.py).
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_child(script: Path | str, *args: str) -> subprocess.Popen[str]:
    """``python SCRIPT ARGS`` from the repository's root, its output read as text through pipes."""
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def wait_for_line(child: subprocess.Popen[str], prefix: str, timeout: float = 60) -> str:
    """The child's first output line starting with ``prefix``, read without ever blocking past ``timeout``."""
    assert child.stdout is not None
    # Raw reads on the descriptor: a buffered readline could block for good on a child that hangs.
    descriptor, said, deadline = child.stdout.fileno(), "", time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0 and select.select([descriptor], [], [], left)[0]:
        chunk = os.read(descriptor, 4096)
        if not chunk:
            break
        said += chunk.decode()
        lines = said.split("\n")
        found = next((line for line in lines[:-1] if line.startswith(prefix)), None)
        if found is not None:
            return found
    child.kill()
    _out, errors = child.communicate(timeout=10)
    raise AssertionError(f"the child never said {prefix!r}; it said {said!r}; errors: {errors}")


def kill(child: subprocess.Popen[str]) -> int:
    """SIGKILL; the return code tells whether the child was still running (-SIGKILL) or had finished (0)."""
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=10)
    return child.returncode
