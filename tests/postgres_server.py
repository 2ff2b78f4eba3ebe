"""A real PostgreSQL server for the test run, started from Debian's binaries in a temporary folder.

PostgreSQL refuses to run as root, so under root (CI) it runs as the
``postgres`` user. Each test gets its own database on the one server; a hub's
starts as a copy of one the hub's migrations built once (``migrated_hub_template``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sync.hub.store import open_hub_engine

POSTGRES_ROOT = Path("/usr/lib/postgresql")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    candidates = sorted(POSTGRES_ROOT.glob("*/bin/initdb"))
    if not candidates:
        pytest.skip("PostgreSQL server binaries are not installed (Debian: apt-get install postgresql)")
    bindir = candidates[-1].parent
    folder = Path(tempfile.mkdtemp(prefix="popup-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()
    subprocess.run(
        [*run_as, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off -c max_connections=200"
    subprocess.run(
        [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-o", options, "-w", "start"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def migrated_hub_template(postgres_server: str) -> str:
    """The name of a database the hub's migrations (Alembic) built once in this test process: a hub's new
    database copies it (about a fifth of a second of migrations saved for each of hundreds of hubs)."""
    url = new_database(postgres_server)
    # Disposed at once: PostgreSQL copies a template only while no one is connected to it.
    open_hub_engine(url).dispose()
    return url.rsplit("/", 1)[1]


def new_database(server: str, template: str | None = None) -> str:
    """A new database on ``server``: empty, or a copy of the database ``template``."""
    name = f"hub_{uuid.uuid4().hex[:12]}"
    copied = f' TEMPLATE "{template}"' if template is not None else ""
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"{copied}'))
    admin.dispose()
    return f"{server}/{name}"
