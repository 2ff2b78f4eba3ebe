"""The hub's feed from a file carried by hand (``popup-pos feed import``), for a till with no network.

The file is checked whole first (sync/carried_feed.py: written for this till,
signed with its key, nothing changed, added, removed or reordered), then
applied through ``pull_changes`` exactly as pages from the network are: each
page and its cursor in one transaction, an entry that breaks its contract
quarantined. The cursor rules are the network's: what the till already has
(entries up to its cursor) is skipped, so importing a file twice changes
nothing; a file that starts after the till's cursor would leave a gap, and is
refused with the cursor to export from.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import InvalidInput, RuleViolation
from app.domain.progress import Progress, no_progress
from app.domain.texts import _
from app.services.syncing import pull_changes, single_sender
from app.store.unit_of_work import UnitOfWork
from sync.carried_feed import FeedFile, cursor_position, read_feed_file
from sync.carried_files import CarriedFileError, file_key
from sync.protocol import ChangesPage

# Entries per page handed to pull_changes, as the hub serves them.
PAGE_SIZE = 500


def _gap(till_id: str, cursor: str, since: str) -> InvalidInput:
    return InvalidInput(
        _(
            "This feed file starts at cursor '{since}', after this till's cursor '{cursor}': the changes in between "
            "are not in it. Export from cursor '{cursor}' on the hub: "
            "popup-hub feed export --till {till_id} --since '{cursor}' FILE"
        ).format(since=since, cursor=cursor, till_id=till_id)
    )


class FileFeed:
    """A feed file as a ``FeedSource``: pages of the entries after the cursor asked for."""

    def __init__(self, carried: FeedFile, till_id: str, page_size: int = PAGE_SIZE) -> None:
        self._carried = carried
        self._till_id = till_id
        self._positions = [cursor_position(entry.cursor) for entry in carried.entries]
        self._page_size = page_size
        # A file of the whole feed, written because the hub no longer served the till's cursor: read from zero.
        self._restart = carried.resync

    def pull(self, cursor: str) -> ChangesPage:
        if self._restart:
            self._restart = False
            if cursor:
                return ChangesPage(changes=[], next_cursor="", more=True, resync=True)
        position = cursor_position(cursor)
        if position < cursor_position(self._carried.since):
            raise _gap(self._till_id, cursor, self._carried.since)
        start = bisect_right(self._positions, position)
        page = self._carried.entries[start : start + self._page_size]
        return ChangesPage(
            changes=[entry.change for entry in page],
            next_cursor=page[-1].cursor if page else cursor,
            more=start + len(page) < len(self._carried.entries),
        )


@dataclass(frozen=True, slots=True)
class FeedImported:
    applied: int
    # Entries the till already had (up to its cursor), left as they were.
    skipped: int


def import_feed(
    source: Path, new_uow: Callable[[], UnitOfWork], lock_file: Path, progress: Progress = no_progress
) -> FeedImported:
    """Apply a feed file written for this till by 'popup-hub feed export'; one sync at a time (``lock_file``)."""
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise InvalidInput(
            _("{source} cannot be read as a feed file: use the file 'popup-hub feed export' wrote.").format(
                source=source
            )
        ) from None
    with new_uow().for_reading() as uow:
        till = uow.tills.this_till()
        link = uow.hub.link()
    if link is None:
        raise RuleViolation(_("This till is not enrolled with a hub: only an enrolled till can read a feed file."))
    try:
        carried = read_feed_file(text, till.till_id, file_key(link.token))
    except CarriedFileError as refused:
        raise InvalidInput(str(refused)) from None
    if carried.event_id != till.event_id:
        raise InvalidInput(_("This feed file is for another event than this till's: export one for this till."))
    with single_sender(lock_file):
        return _apply(carried, till.till_id, new_uow, progress)


def _apply(carried: FeedFile, till_id: str, new_uow: Callable[[], UnitOfWork], progress: Progress) -> FeedImported:
    # The cursor is read under the sync lock: a network sync cannot move it meanwhile.
    with new_uow().for_reading() as uow:
        link = uow.hub.link()
    assert link is not None, "checked before, and a till is never unenrolled"
    position = cursor_position(link.cursor)
    if carried.resync:
        skipped = 0
    elif position < cursor_position(carried.since):
        raise _gap(till_id, link.cursor, carried.since)
    else:
        skipped = bisect_right([cursor_position(entry.cursor) for entry in carried.entries], position)
    applied = pull_changes(new_uow, FileFeed(carried, till_id), progress)
    return FeedImported(applied, skipped)
