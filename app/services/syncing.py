"""Syncing the till with the marketplace's hub: enroll, push the outbox, pull the change feed.

The till changes an outbox record only from the hub's answer, in one
transaction per batch; a network failure changes nothing but the attempt
count, so the same records go again next time and the hub's inbox makes the
repeat harmless. A pulled page and the new cursor are stored together; an
entry of the page that cannot be applied is quarantined, not allowed to hold
the cursor back.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from app.domain.catalog import TaxClass
from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, PosError, RuleViolation
from app.domain.events import EventSettings
from app.domain.progress import Cancelled, CancelToken, Progress, no_progress
from app.domain.texts import _
from app.services.chain_head import note_head_answer, pushed_head
from app.services.feed_pages import PAGES_PER_WRITE, CheckedPage, check_page, store_checked
from app.services.sync_status import hub_refusal
from app.store.database import StoreError
from app.store.enroll_attempts import EnrollAttempts
from app.store.files import exclusive_lock
from app.store.outbox import OutboxRecord, OutboxStatus
from app.store.tills import TillInfo
from app.store.unit_of_work import UnitOfWork
from sync.carried_files import CarriedFileError, file_key, read_answers_file, write_outbox_file
from sync.client import (
    HubClient,
    HubUnreachable,
    PayloadMismatch,
    SyncError,
    enroll_attempt_key,
    new_enroll_attempt,
)
from sync.protocol import MAX_PUSH_BATCH, ChangesPage, PushRecord, PushResponse

ClientFactory = Callable[[str, str], HubClient]
DEFAULT_DISCOUNT_LIMIT = Decimal(10)


class SyncRefused(PosError):
    """The hub gave a final no, or another sender is running."""


def default_client(url: str, token: str) -> HubClient:
    return HubClient(url, token)


def _refuse_enrolled(uow: UnitOfWork) -> None:
    if uow.tills.setting("till_id") is not None:
        raise InvalidInput(_("This store already belongs to a till: enroll with a new --data-dir."))


def enroll_till(url: str, code: str, uow: UnitOfWork, make_client: ClientFactory = default_client) -> TillInfo:
    """Turn a one-time code into this till's identity, token and event, in an empty store.

    The attempt value and the highest try number sent are committed before each try goes out, so this run again
    with the same code after every try failed on the till's side gets the till the hub made (docs/enrollment.md).
    """
    attempt_key = enroll_attempt_key(url, code)
    with uow:
        _refuse_enrolled(uow)
        attempts = EnrollAttempts(uow.connection)
        kept = attempts.kept(attempt_key) or attempts.keep(attempt_key, new_enroll_attempt())
        uow.commit()

    def before_try(try_number: int) -> None:
        with uow:
            EnrollAttempts(uow.connection).note_try(attempt_key, try_number)
            uow.commit()

    try:
        with make_client(url, "") as client:
            enrolled = client.enroll(code, kept.attempt, kept.highest_try + 1, before_try)
    except SyncError as error:
        raise SyncRefused(str(error)) from None
    info = enrolled.event
    event = EventSettings(
        event_id=info.event_id,
        name=info.name,
        currency=info.currency,
        locale=info.locale,
        prices_include_tax=info.prices_include_tax,
        cash_rounding_step=info.cash_rounding_step,
        discount_limit_percent=DEFAULT_DISCOUNT_LIMIT,
        place=info.place,
    )
    till = TillInfo(enrolled.till_id, enrolled.till_code, info.event_id, "stall")
    with uow:
        _refuse_enrolled(uow)
        uow.tills.add_event(event, info.place, "", "")
        uow.tills.add_till(till)
        for tax in info.tax_classes:
            uow.catalog.add_tax_class(TaxClass(tax.code, tax.name, Decimal(tax.rate)))
        uow.hub.save_link(url, enrolled.token)
        for key in enrolled.pickup_keys:
            uow.pickups.save_key(key.key_id, base64.b64decode(key.public_key), key.revoked)
        uow.audit.append(
            till_id=till.till_id, staff_id=None, action="till.enrolled", subject=till.till_id, details={"hub": url}
        )
        EnrollAttempts(uow.connection).forget_all()
        uow.commit()
    return till


@dataclass(frozen=True, slots=True)
class PushReport:
    sent: int = 0
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0


def push_outbox(new_uow: Callable[[], UnitOfWork], client: HubClient, batch_size: int = MAX_PUSH_BATCH) -> PushReport:
    """Send waiting records in sequence order until none is left; raises HubUnreachable to retry later.

    While a batch is with the hub (sent from a second thread, which mostly
    waits on the network), this thread writes the previous batch's answers and
    reads the next batch past the one sent (its records still wait until their
    answers are written): the till's disk and the hub work at once, and the
    hub waits on the till only for the next batch to be sent. Every answer
    received is written before this returns or raises.
    """
    counts = {"applied": 0, "duplicate": 0, "conflict": 0, "rejected": 0}
    sent = after = 0
    with new_uow().for_reading() as uow:
        head = pushed_head(uow)
        # Nothing waits but the head moved (or was refused): it goes alone, in an empty push.
        head_due = head is not None and (
            hub_refusal(uow) is not None or head.since is None or head.since.seq != head.seq
        )
    unwritten: PushResponse | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="push-sender") as sender:
        try:
            waiting, left = _next_batch(new_uow, batch_size, after)
            while waiting or head_due:
                head_due = False
                sending = sender.submit(client.push, waiting, audit_head=head, records_waiting=left)
                if unwritten is not None:
                    answers, unwritten = unwritten, None
                    _record_answers(new_uow, answers)
                last_sent = waiting[-1].seq if waiting else after
                following = _next_batch(new_uow, batch_size, last_sent)
                try:
                    response = sending.result()
                except PayloadMismatch as mismatch:
                    with new_uow() as uow:
                        uow.outbox.record_failure(
                            mismatch.event_ids,
                            "the hub holds this record id with another content",
                            needs_attention=True,
                        )
                        uow.commit()
                    # The batch's other records go again, without those that now need a person.
                    waiting, left = _next_batch(new_uow, batch_size, after)
                    continue
                except HubUnreachable as error:
                    with new_uow() as uow:
                        uow.outbox.record_failure([record.record_id for record in waiting], str(error))
                        uow.hub.note_error(str(error))
                        uow.commit()
                    raise
                unwritten = response
                for answer in response.answers:
                    counts[answer.status.value] += 1
                sent += len(waiting)
                after = last_sent
                waiting, left = following
        finally:
            if unwritten is not None:
                _record_answers(new_uow, unwritten)
    return PushReport(sent, counts["applied"], counts["duplicate"], counts["conflict"], counts["rejected"])


def _next_batch(new_uow: Callable[[], UnitOfWork], batch_size: int, after: int) -> tuple[list[OutboxRecord], int]:
    """The first ``batch_size`` waiting records past sequence ``after``, and how many more wait behind them."""
    with new_uow().for_reading() as uow:
        waiting = uow.outbox.waiting(batch_size, after)
        # A batch short of full holds every waiting record: only a full one needs the count.
        left = uow.outbox.count_waiting(waiting[-1].seq) if len(waiting) == batch_size else 0
    return waiting, left


def _record_answers(new_uow: Callable[[], UnitOfWork], response: PushResponse) -> None:
    at = now_iso()
    with new_uow() as uow:
        uow.outbox.record_answers(
            [(answer.event_id, answer.status.value, answer.reason) for answer in response.answers], at
        )
        note_head_answer(uow, response.audit_head)
        uow.commit()


def _written(writing: Future[None] | None) -> None:
    """Wait for the write in progress, raising what it raised."""
    if writing is not None:
        writing.result()


class FeedSource(Protocol):
    """Where the change feed comes from: the hub over HTTP (``HubClient``), or a test's prepared pages."""

    def pull(self, cursor: str) -> ChangesPage: ...


def pull_changes(
    new_uow: Callable[[], UnitOfWork],
    client: FeedSource,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> int:
    """Apply the hub's change feed page by page; each page and its cursor commit together.

    An entry that cannot be applied goes to the quarantine with the reason, in
    the page's transaction, and the rest of the page is applied: one malformed
    record must not stop the event's sync on every till.

    Pages are written while the next ones are with the hub, so the till's disk
    and the hub work at once rather than in turns; the next page is asked for
    with the cursor the pages being written will store. When the till writes
    slower than the hub sends, the pages fetched meanwhile are written together.

    ``cancel`` stops between pages once those fetched are written with their cursor: the next
    pull goes on from there. The hub does not say how many changes are left, so no total is given.
    """
    with new_uow().for_reading() as uow:
        link = uow.hub.link()
    if link is None:
        raise RuleViolation(_("This till is not enrolled with a hub: run 'popup-pos enroll URL CODE'."))
    cursor = link.cursor
    pulled = 0
    cancel = cancel or CancelToken()
    progress(0, None, _("Pulling changes from the hub"))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed-pages") as writer:
        writing: Future[None] | None = None
        fetched: list[ChangesPage] = []
        # Each fetched page's entries checked against their contracts (and its products made ready to write)
        # here, while the pages before are written.
        checked: list[CheckedPage] = []
        while True:
            page = client.pull(cursor)
            if page.resync:
                # The hub rebuilt its feed: what was fetched and not yet written is read again from the start.
                _written(writing)
                writing, fetched, checked = None, [], []
                with new_uow() as uow:
                    uow.hub.save_cursor("")
                    uow.commit()
                cursor = ""
                continue
            fetched.append(page)
            checked.append(check_page(page))
            if writing is None or writing.done() or len(fetched) == PAGES_PER_WRITE or not page.more:
                _written(writing)
                writing = writer.submit(store_checked, new_uow, checked)
                pulled += sum(len(page.changes) for page in fetched)
                fetched, checked = [], []
                progress(pulled, None, _("Pulling changes from the hub"))
            if not page.more:
                break
            cursor = page.next_cursor
            if cancel.cancelled:
                _written(writing)
                if fetched:
                    store_checked(new_uow, checked)
                    pulled += sum(len(page.changes) for page in fetched)
                raise Cancelled(
                    _("Sync stopped after {pulled:,} change(s); they are kept. Sync again to pull the rest.").format(
                        pulled=pulled
                    )
                )
        _written(writing)
    return pulled


@contextmanager
def single_sender(lock_file: Path) -> Iterator[None]:
    """One sender per store, across windows and processes: an OS lock the kernel frees if we die."""
    with ExitStack() as held:
        try:
            held.enter_context(exclusive_lock(lock_file, _("Another sync is already running for this till.")))
        except StoreError as busy:
            raise SyncRefused(_("{busy} It will send everything.").format(busy=busy)) from None
        yield


@dataclass(frozen=True, slots=True)
class SyncReport:
    pushed: PushReport
    pulled: int


def sync_once(
    new_uow: Callable[[], UnitOfWork],
    lock_file: Path,
    make_client: ClientFactory = default_client,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> SyncReport:
    with new_uow().for_reading() as uow:
        link = uow.hub.link()
    if link is None:
        raise RuleViolation(_("This till is not enrolled with a hub: run 'popup-pos enroll URL CODE'."))
    with single_sender(lock_file), make_client(link.url, link.token) as client:
        try:
            pushed = push_outbox(new_uow, client)
            pulled = pull_changes(new_uow, client, progress, cancel)
        except SyncError as error:
            with new_uow() as uow:
                uow.hub.note_error(str(error))
                uow.commit()
            raise SyncRefused(str(error)) from None
    with new_uow() as uow:
        uow.hub.note_success(now_iso())
        uow.commit()
    return SyncReport(pushed, pulled)


def export_outbox(target: Path, uow: UnitOfWork) -> int:
    """Write every waiting record to a signed file for the hub (a USB stick is a network too); returns the count.

    Nothing changes on the till: the records stay waiting until the hub's
    answers come back (by file, or by the next online sync as duplicates).
    """
    with uow.for_reading():
        till = uow.tills.this_till()
        link = uow.hub.link()
        waiting = uow.outbox.records(OutboxStatus.WAITING)
        head = pushed_head(uow)
    if link is None:
        raise RuleViolation(_("This till is not enrolled with a hub: only an enrolled till can sign an outbox file."))
    records = [push_record_of(record) for record in waiting]
    # The feed cursor goes along, so the hub's feed file for this till starts where the till stands.
    signed = write_outbox_file(till.till_id, till.event_id, records, file_key(link.token), head, link.cursor)
    try:
        target.write_text(signed, encoding="utf-8")
    except OSError as error:
        raise InvalidInput(
            _("Cannot write {target}: {strerror}. Is the USB stick mounted and writable?").format(
                target=target, strerror=error.strerror
            )
        ) from None
    return len(waiting)


def import_answers(source: Path, uow: UnitOfWork) -> int:
    """Apply the signed answers file the hub wrote for an exported outbox; returns the records answered."""
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise InvalidInput(
            _("{source} cannot be read as an answers file: use the file 'popup-hub outbox import' wrote.").format(
                source=source
            )
        ) from None
    at = now_iso()
    with uow:
        till = uow.tills.this_till()
        link = uow.hub.link()
        if link is None:
            raise RuleViolation(_("This till is not enrolled with a hub: it has no answers to take."))
        try:
            carried = read_answers_file(text, till.till_id, file_key(link.token))
        except CarriedFileError as refused:
            raise InvalidInput(str(refused)) from None
        known = {record.record_id for record in uow.outbox.records(OutboxStatus.WAITING)}
        answered = [(a.event_id, a.status.value, a.reason) for a in carried.answers if a.event_id in known]
        uow.outbox.record_answers(answered, at)
        note_head_answer(uow, carried.audit_head)
        uow.hub.note_success(at)
        uow.commit()
    return len(answered)


def push_record_of(record: OutboxRecord) -> PushRecord:
    """An outbox row as a push record, its stored payload parsed (a signed outbox file carries these)."""
    return PushRecord(
        event_id=record.record_id,
        till_seq=record.seq,
        type=record.type,
        schema_version=record.schema_version,
        payload=json.loads(record.payload),
    )
