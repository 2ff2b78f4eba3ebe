"""Event vouchers on the hub: each voucher of the event and its ledger, over every till and the marketplace.

A till's ``voucher.issued`` record and the voucher tenders of its sales are
folded here in till order (voucher_ledger.py); a voucher spent beyond its
amount across tills is a ``voucher_overspent`` conflict, the sale still
recorded. A redemption that arrives before its voucher's issue is kept and
checked when the issue arrives. Every issued voucher whose ledger changes is
published to the tills as a ``voucher`` change (sync/records/vouchers.py).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, text

from sync.catalog_rows import BadValue, parse_minor
from sync.hub.store.conflict_log import Answer, conflict, flagged
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.errors import HubError
from sync.hub.store.feed import publish_many
from sync.hub.store.schema import events, voucher_redemptions, vouchers
from sync.hub.store.voucher_ledger import Issue, Ledger, LedgerFold, Overspent, Redemption
from sync.hub.store.webhook_outbox import enqueue, voucher_issued
from sync.protocol import AnswerStatus, PushRecord
from sync.records import ChangeKind, RecordType
from sync.records.fields import MAX_MONEY, MAX_NOTE
from sync.records.vouchers import MARKETPLACE
from sync.voucher_codes import is_voucher_code, new_voucher_code

OVERSPENT = "voucher_overspent"
REISSUED = "voucher_reissued"
UNREADABLE = "voucher_unreadable"


def record_vouchers(
    connection: Connection,
    till: AuthenticatedTill,
    records: list[PushRecord],
    answers: list[Answer],
    raised: list[dict[str, Any]],
) -> None:
    """Fold the batch's voucher issues and voucher tenders into the ledger; flag each over-spend once per record."""
    touching = [
        index
        for index, record in enumerate(records)
        if answers[index][0] is not AnswerStatus.REJECTED
        and (
            record.type == RecordType.VOUCHER_ISSUED
            or (record.type == RecordType.SALE_COMPLETED and _voucher_tenders(record.payload))
        )
    ]
    if not touching:
        return
    codes = sorted(
        {
            code
            for index in touching
            for code in (
                [str(records[index].payload["code"])]
                if records[index].type == RecordType.VOUCHER_ISSUED
                else _voucher_tenders(records[index].payload)
            )
        }
    )
    if connection.dialect.name == "postgresql":
        # Tills spending the same voucher at once must see each other's redemptions; sorted, so never a deadlock.
        for code in codes:
            key = f"voucher/{till.event_id}/{code}"
            connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})
    fold = LedgerFold(_ledgers(connection, till.event_id, codes))
    for index in touching:
        record = records[index]
        if record.type == RecordType.VOUCHER_ISSUED:
            answers[index] = _fold_issue(fold, till, record, answers[index], raised)
        else:
            answers[index] = _fold_sale(fold, till, record, answers[index], raised)
    _write(connection, till.event_id, fold)
    _publish(connection, till.event_id, fold)


def _fold_issue(
    fold: LedgerFold, till: AuthenticatedTill, record: PushRecord, answer: Answer, raised: list[dict[str, Any]]
) -> Answer:
    payload = record.payload
    code, at = str(payload["code"]), str(payload["issued_at"])
    if not is_voucher_code(code):
        return AnswerStatus.REJECTED, f"'{code}' is not a voucher code (V- and 11 characters with a check character)"
    if fold.is_issued(code):
        raised.append(conflict(REISSUED, code, record.event_id, till, at))
        return flagged(answer, [f"voucher {code} was issued before: the first issue stands"])
    amount = int(payload["amount"])
    issue = Issue(str(payload["voucher_id"]), str(payload["currency"]), amount, till.code, "", at, record.event_id)
    overspent = fold.issue(code, issue)
    return _flag_overspent(answer, [overspent], till, record.event_id, at, raised)


def _fold_sale(
    fold: LedgerFold, till: AuthenticatedTill, record: PushRecord, answer: Answer, raised: list[dict[str, Any]]
) -> Answer:
    payload = record.payload
    at = str(payload["created_at"])
    found: list[Overspent | None] = []
    unreadable: list[str] = []
    for code, amount in _voucher_tenders(payload).items():
        if not is_voucher_code(code):
            raised.append(conflict(UNREADABLE, code[:40], record.event_id, till, at))
            unreadable.append(f"'{code[:40]}' paid as a voucher is no voucher code")
            continue
        found.append(fold.redeem(code, Redemption(str(payload["sale_id"]), amount, till.code, at, record.event_id)))
    if unreadable:
        answer = flagged(answer, unreadable)
    return _flag_overspent(answer, found, till, record.event_id, at, raised)


def _flag_overspent(
    answer: Answer,
    found: list[Overspent | None],
    till: AuthenticatedTill,
    record_id: str,
    at: str,
    raised: list[dict[str, Any]],
) -> Answer:
    overspent = [item for item in found if item is not None]
    for item in overspent:
        raised.append(conflict(OVERSPENT, item.code, record_id, till, at, item.details()))
    return flagged(answer, [item.reason() for item in overspent]) if overspent else answer


def _voucher_tenders(payload: dict[str, Any]) -> dict[str, int]:
    """What a sale paid by voucher, per code (a sale may split one voucher over two tenders)."""
    paid: dict[str, int] = {}
    for tender in payload.get("tenders", []):
        if tender["kind"] == "voucher":
            paid[str(tender["reference"])] = paid.get(str(tender["reference"]), 0) + int(tender["amount"])
    return paid


# Codes per query: a batch of 500 sales with 20 voucher tenders each stays under every database's bind limit.
_CODES_PER_QUERY = 500


def _ledgers(connection: Connection, event_id: str, codes: list[str]) -> dict[str, Ledger]:
    ledgers: dict[str, Ledger] = {code: Ledger() for code in codes}
    for start in range(0, len(codes), _CODES_PER_QUERY):
        chunk = codes[start : start + _CODES_PER_QUERY]
        issued = select(vouchers).where(vouchers.c.event_id == event_id, vouchers.c.code.in_(chunk))
        for row in connection.execute(issued):
            ledgers[row.code].issue = Issue(
                row.voucher_id, row.currency, int(row.amount), row.issued_by, row.note, row.issued_at, row.record_id
            )
        spent = select(voucher_redemptions).where(
            voucher_redemptions.c.event_id == event_id, voucher_redemptions.c.code.in_(chunk)
        )
        for row in connection.execute(spent):
            ledgers[row.code].add(Redemption(row.sale_id, int(row.amount), row.till_code, row.at, row.record_id))
    return ledgers


def _write(connection: Connection, event_id: str, fold: LedgerFold) -> None:
    if fold.new_issues:
        connection.execute(
            vouchers.insert(),
            [
                {
                    "event_id": event_id,
                    "code": code,
                    "voucher_id": issue.voucher_id,
                    "currency": issue.currency,
                    "amount": issue.amount,
                    "issued_by": issue.issued_by,
                    "note": issue.note,
                    "issued_at": issue.issued_at,
                    "record_id": issue.record_id,
                }
                for code, issue in fold.new_issues.items()
            ],
        )
    if fold.new_redemptions:
        connection.execute(
            voucher_redemptions.insert(),
            [
                {
                    "event_id": event_id,
                    "code": code,
                    "sale_id": redemption.sale_id,
                    "amount": redemption.amount,
                    "till_code": redemption.till_code,
                    "at": redemption.at,
                    "record_id": redemption.record_id,
                }
                for code, redemption in fold.new_redemptions
            ],
        )


def _publish(connection: Connection, event_id: str, fold: LedgerFold) -> None:
    """A ``voucher`` change for each issued voucher the fold touched; one not issued yet has nothing to tell a till."""
    items = [
        (ChangeKind.VOUCHER.value, code, json.dumps(feed_entry(code, ledger)))
        for code in sorted(fold.touched)
        for ledger in [fold.ledgers[code]]
        if ledger.issue is not None
    ]
    if items:
        publish_many(connection, event_id, items)


def feed_entry(code: str, ledger: Ledger) -> dict[str, Any]:
    """The ``voucher`` change of an issued voucher, as sync/records/vouchers.py VoucherChanged reads it."""
    issue = ledger.issue
    if issue is None:
        raise ValueError(f"voucher {code} is not issued: it has no feed entry")
    return {
        "voucher_id": issue.voucher_id,
        "code": code,
        "currency": issue.currency,
        "amount": issue.amount,
        "issued_by": issue.issued_by,
        "issued_at": issue.issued_at,
        "note": issue.note,
        "redemptions": [
            {"sale_id": r.sale_id, "amount": r.amount, "till_code": r.till_code, "at": r.at}
            for r in sorted(ledger.redemptions.values(), key=lambda r: (r.at, r.sale_id))
        ],
    }


# The marketplace's side: issuing vouchers and reading the ledger


@dataclass(frozen=True, slots=True)
class VoucherState:
    event_id: str
    code: str
    currency: str
    # None for a code spent at a till that no till nor the marketplace has issued (yet).
    issued: int | None
    spent: int
    issued_by: str
    issued_at: str
    note: str
    redemptions: tuple[Redemption, ...]

    @property
    def left(self) -> int:
        return (self.issued or 0) - self.spent

    @property
    def overspent(self) -> bool:
        return self.issued is not None and self.spent > self.issued

    @property
    def standing(self) -> str:
        """not issued, over-spent, used up or open."""
        if self.issued is None:
            return "not issued"
        if self.overspent:
            return "over-spent"
        return "used up" if self.left == 0 else "open"


def _event_currency(connection: Connection, event_id: str) -> str:
    currency = connection.scalar(select(events.c.currency).where(events.c.id == event_id))
    if currency is None:
        raise HubError(f"No event {event_id} on this hub: create it first (popup-hub event create).")
    return str(currency)


def issue_voucher(connection: Connection, event_id: str, amount_text: str, note: str, at: str) -> VoucherState:
    """A voucher the marketplace issues (sold online, a prize, goodwill); every till of the event learns it."""
    currency = _event_currency(connection, event_id)
    try:
        amount = parse_minor(amount_text, currency)
    except BadValue as error:
        raise HubError(str(error)) from None
    if not 0 < amount <= MAX_MONEY:
        raise HubError(f"A voucher is worth more than zero and at most {MAX_MONEY} minor units: check --amount.")
    if len(note) > MAX_NOTE or any(ord(char) < 0x20 or ord(char) == 0x7F for char in note):
        raise HubError(f"The note is one line of at most {MAX_NOTE} characters without control characters.")
    code = new_voucher_code()
    # A code is random over 32^10: taken only in theory, by an issue or a till's redemption.
    while find_voucher(connection, code):
        code = new_voucher_code()
    voucher_id = str(uuid.uuid4())
    fold = LedgerFold({})
    fold.issue(code, Issue(voucher_id, currency, amount, MARKETPLACE, note, at, None))
    _write(connection, event_id, fold)
    _publish(connection, event_id, fold)
    # Subscribers hear of it as of a till's voucher, with no till: one issued by the command, or by another
    # shop's key, reaches them too.
    enqueue(connection, event_id, [voucher_issued(voucher_id, None, currency, amount, at)])
    return _state(event_id, code, fold.ledgers[code])


def list_vouchers(connection: Connection, event_id: str) -> list[VoucherState]:
    """Every voucher of the event with what is spent and left, and codes spent but never issued."""
    _event_currency(connection, event_id)
    codes = {row.code for row in connection.execute(select(vouchers.c.code).where(vouchers.c.event_id == event_id))}
    codes |= {
        row.code
        for row in connection.execute(
            select(voucher_redemptions.c.code).where(voucher_redemptions.c.event_id == event_id).distinct()
        )
    }
    ledgers = _ledgers(connection, event_id, sorted(codes))
    return [_state(event_id, code, ledgers[code]) for code in sorted(codes)]


def find_voucher(connection: Connection, code: str) -> list[VoucherState]:
    """The voucher ``code`` in every event that has it (codes are random, so one, or none)."""
    owners = {
        row.event_id for row in connection.execute(select(vouchers.c.event_id).where(vouchers.c.code == code))
    } | {
        row.event_id
        for row in connection.execute(select(voucher_redemptions.c.event_id).where(voucher_redemptions.c.code == code))
    }
    return [_state(event_id, code, _ledgers(connection, event_id, [code])[code]) for event_id in sorted(owners)]


def _state(event_id: str, code: str, ledger: Ledger) -> VoucherState:
    issue = ledger.issue
    redemptions = tuple(sorted(ledger.redemptions.values(), key=lambda r: (r.at, r.sale_id)))
    return VoucherState(
        event_id=event_id,
        code=code,
        currency=issue.currency if issue else "",
        issued=issue.amount if issue else None,
        spent=ledger.spent,
        issued_by=issue.issued_by if issue else "",
        issued_at=issue.issued_at if issue else "",
        note=issue.note if issue else "",
        redemptions=redemptions,
    )
