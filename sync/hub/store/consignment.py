"""The makers' consignment event-wide on the hub: reconciliation, statements, fees and payouts.

Everything is computed from what the tills pushed, by the rules of sync/consignment.py that every
till uses too: the stock.moved records (deliveries, transfers to the quality hold, written-off or the
maker, quality decisions) and the returns kept in the inbox, the sales' figures of reports.py, the
commissions of event_settings.py and the makers' terms (table ``maker_terms``, the latest
``maker_terms.set`` per maker). So a till that has synced every till's records shows the same figures.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select

from sync.consignment import (
    PAYOUT_DUE,
    PAYOUT_PAID,
    MakerTerms,
    Placed,
    Reconciliation,
    Statement,
    fold_return,
    fold_stock_moved,
    reconcile,
    statements,
)
from sync.hub.store.errors import HubError
from sync.hub.store.event_settings import HUB, keep_change
from sync.hub.store.reports import figures, heading
from sync.hub.store.reports import settlements as event_settlements
from sync.hub.store.schema import inbox, now, products, tills
from sync.hub.store.schema.consignment import maker_terms
from sync.protocol import AnswerStatus
from sync.records import RecordType
from sync.records.consignment import MAX_REFERENCE, MakerTermsSet


def placed_units(connection: Connection, event_id: str) -> Placed:
    """Units delivered, held, written off and handed back per (maker, SKU), from the pushed records."""
    makers = {str(sku): str(maker) for sku, maker in connection.execute(select(products.c.sku, products.c.maker))}
    pushed = connection.execute(
        select(inbox.c.type, inbox.c.payload)
        .select_from(inbox.join(tills, tills.c.id == inbox.c.till_id))
        .where(
            tills.c.event_id == event_id,
            inbox.c.type.in_((RecordType.STOCK_MOVED.value, RecordType.RETURN_RECORDED.value)),
            inbox.c.status != AnswerStatus.REJECTED,
        )
        .order_by(inbox.c.till_id, inbox.c.till_seq)
    )
    placed: Placed = {}
    for record_type, payload in pushed:
        data = json.loads(payload)
        if record_type == RecordType.STOCK_MOVED:
            fold_stock_moved(placed, data, makers.get)
        else:
            fold_return(placed, data)
    return placed


def reconciliations(connection: Connection, event_id: str) -> list[Reconciliation]:
    heading(connection, event_id)
    names = {
        row.sku: f"{row.name} {row.variant}".strip()
        for row in connection.execute(select(products.c.sku, products.c.name, products.c.variant))
    }
    return reconcile(figures(connection, event_id), placed_units(connection, event_id), names)


def terms(connection: Connection, event_id: str) -> dict[str, MakerTerms]:
    rows = connection.execute(select(maker_terms).where(maker_terms.c.event_id == event_id))
    return {row.maker: _terms(row) for row in rows}


def _terms(row: Any) -> MakerTerms:
    return MakerTerms(
        int(row.fixed_fee),
        Decimal(row.fee_rate),
        Decimal(row.card_fee_rate),
        str(row.payout_state),
        row.paid_on,
        row.payout_reference,
    )


def maker_statements(connection: Connection, event_id: str, maker: str | None = None) -> list[Statement]:
    """Each consigned maker's statement (or only ``maker``'s), event-wide."""
    event_figures = figures(connection, event_id)
    found = reconciliations(connection, event_id)
    if maker is not None:
        found = [r for r in found if r.maker.casefold() == maker.casefold()]
        if not found:
            raise HubError(f"No delivery from a maker called {maker} at this event: check the name.")
    settled, _note = event_settlements(connection, event_id)
    return statements(event_figures, found, settled, terms(connection, event_id))


def _known_maker(connection: Connection, maker: str) -> str:
    found = connection.scalar(select(products.c.maker).where(products.c.maker == maker).limit(1))
    if found is None:
        raise HubError(f"No maker called {maker} in the hub's catalog: check the name as the catalog spells it.")
    return str(found)


def _percent(text: str, what: str) -> str:
    try:
        value = Decimal(text.strip().rstrip("%").replace(",", "."))
    except ArithmeticError:
        raise HubError(f"'{text}' is not a {what}: type a percentage such as 2 or 1.5.") from None
    exponent = value.as_tuple().exponent
    if not value.is_finite() or not 0 <= value <= 100 or (isinstance(exponent, int) and exponent < -4):
        raise HubError(f"A {what} is between 0 and 100 percent, with at most 4 decimals.")
    return f"{(value / 100).normalize():f}"


def _change(connection: Connection, event_id: str, maker: str, **values: object) -> MakerTermsSet:
    held = terms(connection, event_id).get(maker, MakerTerms())
    state = {
        "fixed_fee": held.fixed_fee,
        "fee_rate": f"{held.fee_rate.normalize():f}",
        "card_fee_rate": f"{held.card_fee_rate.normalize():f}",
        "payout_state": held.payout_state,
        "paid_on": held.paid_on,
        "payout_reference": held.payout_reference,
    }
    state.update(values)
    data = {"maker": maker, **state, "changed_at": now(), "change_id": str(uuid.uuid4()), "changed_by": HUB}
    try:
        change = MakerTermsSet.model_validate({key: value for key, value in data.items() if value is not None})
    except ValueError as broken:
        raise HubError(f"Cannot set {maker}'s terms: {broken}") from None
    keep_change(connection, event_id, change)
    return change


def set_fees(
    connection: Connection, event_id: str, maker: str, fixed_fee: int, fee_percent: str, card_fee_percent: str
) -> MakerTermsSet:
    """The maker's fees for the event: fixed (minor units), a percentage of the net, a card-payment percentage."""
    heading(connection, event_id)
    name = _known_maker(connection, maker)
    if not 0 <= fixed_fee <= 10**12 - 1:
        raise HubError("A fixed fee is 0 or more, in minor units (2500 is 25.00).")
    fee_rate = _percent(fee_percent, "fee")
    card_rate = _percent(card_fee_percent, "card fee")
    return _change(connection, event_id, name, fixed_fee=fixed_fee, fee_rate=fee_rate, card_fee_rate=card_rate)


def mark_paid(connection: Connection, event_id: str, maker: str, paid_on: str, reference: str) -> MakerTermsSet:
    """The maker's payout was paid on ``paid_on`` (2026-12-24) under ``reference`` (the bank transfer's)."""
    heading(connection, event_id)
    name = _known_maker(connection, maker)
    try:
        date.fromisoformat(paid_on)
    except ValueError:
        raise HubError(f"'{paid_on}' is not a date: write it as 2026-12-24.") from None
    reference = " ".join(reference.split())
    if not reference or len(reference) > MAX_REFERENCE:
        raise HubError(f"Type the payment's reference, at most {MAX_REFERENCE} characters.")
    return _change(connection, event_id, name, payout_state=PAYOUT_PAID, paid_on=paid_on, payout_reference=reference)


def mark_due(connection: Connection, event_id: str, maker: str) -> MakerTermsSet:
    """Undo a payout marked paid by mistake: it is due again."""
    heading(connection, event_id)
    name = _known_maker(connection, maker)
    return _change(connection, event_id, name, payout_state=PAYOUT_DUE, paid_on=None, payout_reference=None)
