"""A maker's fees and payout state on this till: set here by a manager, or pulled from the hub.

``maker_terms.set`` (sync/records/consignment.py) is an event change like a commission: the latest by
``changed_at`` (then ``change_id``) is kept, in table ``maker_terms`` (till migration 0024), and a
manager's change here is queued for the hub in the same transaction (docs/consignment.md).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from app.domain.clock import now_iso
from app.domain.consignment import fee_fraction
from app.domain.errors import InvalidInput, NotFound
from app.domain.ids import new_id
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.audited_records import queue_audited
from app.services.authorization import require
from app.store.custom_lines import HOUSE_MAKER
from app.store.database import driver
from app.store.event_settings import EventSettingsRepository
from app.store.unit_of_work import UnitOfWork
from sync.consignment import PAYOUT_DUE, MakerTerms
from sync.records import ChangeKind, parse_change
from sync.records.consignment import TERMS_COLUMNS, MakerTermsSet

TERMS_KIND = ChangeKind.MAKER_TERMS.value
STOCK_MOVE_KIND = ChangeKind.STOCK_MOVE.value
TERMS_CHANGE_KINDS = frozenset({TERMS_KIND})
MAX_FIXED_FEE = 10**12 - 1


def maker_terms(uow: UnitOfWork) -> dict[str, MakerTerms]:
    """Each maker's terms as this till holds them, inside the caller's unit of work."""
    rows = driver(uow.connection).execute(
        "SELECT maker, fixed_fee, fee_rate, card_fee_rate, payout_state, paid_on, payout_reference FROM maker_terms"
    )
    return {row[0]: MakerTerms(int(row[1]), Decimal(row[2]), Decimal(row[3]), row[4], row[5], row[6]) for row in rows}


def makers_terms(uow: UnitOfWork) -> list[tuple[str, MakerTerms]]:
    """Every catalog maker (the shop's own lines aside) with the fees and payout state this till holds."""
    with uow.for_reading():
        held = maker_terms(uow)
        return [(m.name, held.get(m.name, MakerTerms())) for m in uow.catalog.makers() if m.name != HOUSE_MAKER]


def set_maker_fees(
    maker: str, fixed_fee: int, fee_percent: str, card_fee_percent: str, staff_id: str, uow: UnitOfWork
) -> MakerTermsSet:
    """A maker's fees for the whole event, set by a manager here; every till has them after the next sync."""
    if not 0 <= fixed_fee <= MAX_FIXED_FEE:
        raise InvalidInput(_("A fixed fee is 0 or more, in minor units."))
    fee_rate, card_rate = fee_fraction(fee_percent), fee_fraction(card_fee_percent)
    with uow:
        member = require(uow, staff_id, Permission.APPROVE_OVERRIDE)
        name = next((m.name for m in uow.catalog.makers() if m.name.casefold() == maker.strip().casefold()), None)
        if name is None:
            raise NotFound(_("No maker is called {maker}: pick one of the catalog's makers.").format(maker=maker))
        held = maker_terms(uow).get(name, MakerTerms())
        state = {
            "maker": name,
            "fixed_fee": fixed_fee,
            "fee_rate": fee_rate,
            "card_fee_rate": card_rate,
            "payout_state": held.payout_state,
            "paid_on": held.paid_on,
            "payout_reference": held.payout_reference,
            "changed_at": now_iso(),
            "change_id": new_id(),
            "changed_by": member.name,
        }
        change = MakerTermsSet.model_validate({key: value for key, value in state.items() if value is not None})
        _write_terms(uow, change)
        till = uow.tills.this_till()
        queue_audited(
            uow,
            change,
            till_id=till.till_id,
            staff_id=staff_id,
            action="consignment.fees_set",
            subject=name,
            details={"fixed_fee": fixed_fee, "fee_rate": fee_rate, "card_fee_rate": card_rate},
        )
        uow.commit()
    return change


def apply_terms_change(uow: UnitOfWork, kind: str, key: str, data: Any) -> None:
    """A ``maker_terms`` feed entry, in the page's transaction: kept if later than the one this till holds."""
    change = parse_change(kind, key, data)
    if not isinstance(change, MakerTermsSet):
        raise InvalidInput(_("{kind} is not a maker's terms.").format(kind=kind))
    versions = EventSettingsRepository(uow.connection)
    held = versions.held(kind, key)
    if held is not None and held >= change.order():
        return
    _write_terms(uow, change)
    uow.audit.append(
        till_id=uow.tills.this_till().till_id,
        staff_id=None,
        action="consignment.terms_synced",
        subject=key,
        details={name: getattr(change, name) for name in TERMS_COLUMNS} | {"changed_by": change.changed_by},
    )


def save_foreign_stock_move(uow: UnitOfWork, key: str, data: Any) -> None:
    """Another till's stock.moved record (feed kind ``stock_move``), kept for the consignment's figures.

    This till's own come back too (the feed is the event's): its outbox has them already, by the same id.
    """
    change = parse_change(STOCK_MOVE_KIND, key, data)
    driver(uow.connection).execute(
        "INSERT OR IGNORE INTO foreign_stock_moves (record_id, payload)"
        " SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE id = ?)",
        (key, json.dumps(change.to_payload()), key),
    )


def _write_terms(uow: UnitOfWork, change: MakerTermsSet) -> None:
    values = [getattr(change, name) for name in TERMS_COLUMNS]
    driver(uow.connection).execute(
        f"INSERT INTO maker_terms (maker, {', '.join(TERMS_COLUMNS)}, changed_at, change_id, changed_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (maker) DO UPDATE SET"
        + ", ".join(f" {name} = excluded.{name}" for name in (*TERMS_COLUMNS, "changed_at", "change_id", "changed_by")),
        (change.maker, *values, change.changed_at, change.change_id, change.changed_by),
    )
    EventSettingsRepository(uow.connection).hold(TERMS_KIND, change.maker, change.changed_at, change.change_id)


def payout_state_label(terms: MakerTerms) -> str:
    if terms.payout_state == PAYOUT_DUE:
        return _("Payout due")
    return _("Paid on {day}, reference {reference}").format(day=terms.paid_on, reference=terms.payout_reference)
