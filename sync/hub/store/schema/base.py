"""The hub's one MetaData, and the timestamps its Text columns hold."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import MetaData

metadata = MetaData()


def now() -> str:
    """A timestamp as the Text columns hold it: ISO 8601 in UTC, so that text order is time order."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")
