"""The hub's change feed for one till, in a file carried by hand (for a till that never reaches the network).

Signed like the outbox and answers files (sync/carried_files.py), with the
same till's key, so only that till can read it as genuine and any change to
it is refused whole. Each entry carries its place in the feed (the cursor a
till stores after it), so the till applies exactly what it does not have yet:
entries up to its own cursor are skipped, and a file that starts after its
cursor (changes in between were never exported) is refused.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from sync.carried_files import FILE_VERSION, CarriedFileError, open_file, sign_file
from sync.protocol import Change
from sync.texts import _

FEED_FORMAT = "popup-pos-feed"


def cursor_position(cursor: str) -> tuple[int, int]:
    """Where a feed cursor ("transaction.sequence", or "" for the start) lies, in the feed's own order."""
    if not cursor:
        return (-1, 0)
    tx, _dot, seq = cursor.partition(".")
    return (int(tx), int(seq))


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """A change and the cursor a till stores once it has applied it."""

    cursor: str
    change: Change


@dataclass(frozen=True, slots=True)
class FeedFile:
    till_id: str
    event_id: str
    # The cursor the entries follow on from, and the one after the last entry.
    since: str
    until: str
    # The hub no longer knew the till's cursor and wrote its whole feed: the till reads it from zero.
    resync: bool
    entries: list[FeedEntry]


def write_feed_file(
    till_id: str, event_id: str, since: str, until: str, resync: bool, entries: Sequence[FeedEntry], key: bytes
) -> str:
    header: dict[str, object] = {
        "format": FEED_FORMAT,
        "till_id": till_id,
        "event_id": event_id,
        "since": since,
        "until": until,
        "resync": resync,
    }
    bodies = [
        json.dumps({"cursor": entry.cursor, "change": entry.change.model_dump(mode="json")}, ensure_ascii=False)
        for entry in entries
    ]
    return sign_file(key, header, bodies)


def read_feed_file(text: str, till_id: str, key: bytes) -> FeedFile:
    """The entries of a feed file written for this till, every signature checked; anything else is refused whole."""
    try:
        header = json.loads(text.splitlines()[0])["header"]
        ours = isinstance(header, dict) and header.get("format") == FEED_FORMAT
    except (ValueError, IndexError, KeyError, TypeError):
        ours = False
    if not ours:
        raise CarriedFileError(
            _("This is not a feed file of Pop-up POS: take the file 'popup-hub feed export' wrote for this till.")
        )
    if header.get("version") != FILE_VERSION:
        raise CarriedFileError(
            _(
                "This feed file has format version {version}, this till reads {readable}: update the older side, "
                "or export the file again."
            ).format(version=header.get("version"), readable=FILE_VERSION)
        )
    opened = open_file(
        text,
        FEED_FORMAT,
        lambda signed: key if signed.get("till_id") == till_id else None,
        _("This feed file was written for another till: export one for this till ('popup-hub feed export --till')."),
    )
    entries = []
    try:
        previous = cursor_position(str(opened.header["since"]))
        cursor_position(str(opened.header["until"]))
        for body in opened.bodies:
            item = json.loads(body)
            entry = FeedEntry(str(item["cursor"]), Change.model_validate(item["change"]))
            position = cursor_position(entry.cursor)
            if position <= previous:
                raise ValueError(entry.cursor)
            previous = position
            entries.append(entry)
        return FeedFile(
            till_id=str(opened.header["till_id"]),
            event_id=str(opened.header["event_id"]),
            since=str(opened.header["since"]),
            until=str(opened.header["until"]),
            resync=opened.header["resync"] is True,
            entries=entries,
        )
    except (ValueError, KeyError, TypeError, ValidationError):
        raise CarriedFileError(
            _("The feed file holds something that is not a feed entry in order: nothing of it was applied.")
        ) from None
