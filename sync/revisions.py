"""The revision a folder of Alembic migrations brings a database to, from the files' names alone.

Each migration file is named after its revision ("0007_feed_quarantine.py" is revision 0007), in order, for
the till's store (app/store/migrations) and the hub's database (sync/hub/migrations) alike. A database already
at that revision needs no Alembic run, and a program that opens one need not even import Alembic: about a
quarter of a second of every start.
"""

from __future__ import annotations

from pathlib import Path


def newest_revision(versions: Path) -> str:
    """The revision of the newest migration file in ``versions``."""
    return max(path.name.split("_", 1)[0] for path in versions.glob("[0-9]*_*.py"))
