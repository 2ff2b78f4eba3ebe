"""Demand on the hub: what tills recorded, per product with its sell-out, and erasing a contact (docs/demand.md).

Each ``demand.recorded`` a till pushes is kept in ``demand_entries`` in the
push's transaction (``apply_demand``). ``demand_by_product`` groups an event's
entries per product (or not-stocked item) and finds when the product sold out
from the hub's own stock movements, to say "sold out at 15:12, asked for 14
more times after". ``erase_contact`` removes a customer's contact from every
place the hub holds it (the entries, the inbox's copies of the records, the
webhook deliveries and their log), keeps the anonymous demand, logs the erasure
in ``demand_erasures`` and feeds a ``demand_erasure`` change to the tills.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from sync.demand_figures import DemandEntry, ProductDemand, demand_by_product, sold_out_from_movements
from sync.hub.store.conflict_log import Answer
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.errors import HubError
from sync.hub.store.feed import publish
from sync.hub.store.schema import demand_entries, demand_erasures, inbox, now, stock_movements, webhook_outbox
from sync.protocol import AnswerStatus, PushRecord
from sync.records import ChangeKind, DemandErased, DemandRecorded, RecordType, parse_fact
from sync.records.group_buys import CONTACT_PATTERN


def apply_demand(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Answer:
    """One demand entry (it passed its contract and identity check at admission)."""
    fact = parse_fact(record.type, record.schema_version, record.payload)
    if not isinstance(fact, DemandRecorded):
        raise TypeError(f"{record.type} is not a demand entry")
    if connection.scalar(select(demand_entries.c.id).where(demand_entries.c.id == fact.demand_id)):
        return AnswerStatus.APPLIED, "this demand was already recorded"
    connection.execute(
        insert(demand_entries).values(
            id=fact.demand_id,
            event_id=till.event_id,
            till_id=till.till_id,
            till_code=till.code,
            record_id=record.event_id,
            staff_name=fact.staff_name,
            sku=fact.sku,
            product_name=fact.product_name,
            item=fact.item,
            quantity=fact.quantity,
            note=fact.note,
            recorded_at=fact.recorded_at,
            received_at=now(),
            contact=fact.contact,
            consent=int(fact.consent),
            consent_wording=fact.consent_wording,
        )
    )
    return AnswerStatus.APPLIED, None


def sell_out_line(product: ProductDemand) -> str:
    """ "sold out at 15:12 UTC, asked for 14 more times after" (the hub keeps UTC times), or ""."""
    if product.sold_out_at is None:
        return ""
    at = datetime.fromisoformat(product.sold_out_at).astimezone(UTC).strftime("%H:%M")
    return f"sold out at {at} UTC, asked for {product.times_after} more times after"


def sold_out_times(connection: Connection, event_id: str, skus: Iterable[str]) -> dict[str, str]:
    """When each SKU sold out (sync/demand_figures.py), from the hub's stock movements in the order booked.

    A sale's movement is timed by the sale (``created_at``), any other record's
    by when the hub received it; the hub's own ``stock set`` by nothing (it is
    the stock the event starts with). A SKU available now has no sell-out time.
    """
    wanted = sorted(set(skus))
    if not wanted:
        return {}
    rows = connection.execute(
        select(stock_movements.c.sku, stock_movements.c.quantity, inbox.c.type, inbox.c.payload, inbox.c.received_at)
        .select_from(stock_movements.outerjoin(inbox, inbox.c.event_id == stock_movements.c.source))
        .where(stock_movements.c.event_id == event_id, stock_movements.c.sku.in_(wanted))
        .order_by(stock_movements.c.id)
    ).all()
    return sold_out_from_movements((row.sku, int(row.quantity), movement_time(row)) for row in rows)


def movement_time(row: Any) -> str | None:
    """When a stock movement happened: a sale by its ``created_at``, another record when the hub received it,
    the hub's own ``stock set`` (no inbox row) never. ``row`` has the inbox's type, payload and received_at."""
    if row.type is None:
        return None
    if row.type == RecordType.SALE_COMPLETED and row.payload:
        try:
            created = json.loads(row.payload).get("created_at")
        except ValueError:
            created = None
        if isinstance(created, str):
            return created
    return str(row.received_at)


def product_demand(connection: Connection, event_id: str) -> list[ProductDemand]:
    """The event's demand per product and not-stocked item, most asked for first, with each sell-out."""
    rows = connection.execute(
        select(demand_entries)
        .where(demand_entries.c.event_id == event_id)
        .order_by(demand_entries.c.recorded_at, demand_entries.c.id)
    ).all()
    entries = [
        DemandEntry(row.sku, row.product_name or row.sku or row.item, row.quantity, row.recorded_at, row.contact)
        for row in rows
    ]
    return demand_by_product(entries, sold_out_times(connection, event_id, {e.sku for e in entries if e.sku}))


def demand_rows(connection: Connection, event_id: str) -> list[dict[str, Any]]:
    """Every entry of the event, oldest first, for the CSV (contacts as they are now: erased ones are empty)."""
    rows = connection.execute(
        select(demand_entries)
        .where(demand_entries.c.event_id == event_id)
        .order_by(demand_entries.c.recorded_at, demand_entries.c.id)
    ).all()
    return [dict(row._mapping) for row in rows]


@dataclass(frozen=True, slots=True)
class Erased:
    erasure_id: str
    entries: int
    deliveries: int


def normalised_contact(text: str) -> str:
    """A contact typed on the hub, normalised as the counter does (sync/records/group_buys.py ``Contact``)."""
    typed = text.strip()
    if "@" in typed:
        contact = typed.lower()
    else:
        contact = "".join(ch for ch in typed if ch not in " ()./-")
        if contact.startswith("00"):
            contact = "+" + contact[2:]
    if not CONTACT_PATTERN.match(contact):
        raise HubError(f"'{typed[:80]}' is neither an email address nor a phone number: give it as the customer did.")
    return contact


def erase_contact(connection: Connection, contact_text: str, requested_by: str, reason: str) -> Erased:
    """Remove a contact from every demand entry, the inbox's copies and the webhooks; keep the demand.

    Every event's entries: the customer asks once, not per event. Logged in
    ``demand_erasures`` without the contact; an erasure finding nothing is
    logged too (the request was handled). Each till that holds a copy hears it
    through a ``demand_erasure`` feed entry.
    """
    contact = normalised_contact(contact_text)
    if not requested_by.strip():
        raise HubError("Say who asked for the erasure (--by), for the audit of erasures.")
    at = now()
    rows = connection.execute(
        select(demand_entries.c.id, demand_entries.c.event_id, demand_entries.c.record_id).where(
            demand_entries.c.contact == contact
        )
    ).all()
    ids = [row.id for row in rows]
    if ids:
        connection.execute(
            update(demand_entries).where(demand_entries.c.id.in_(ids)).values(contact=None, erased_at=at)
        )
    for row in rows:
        _scrub_inbox(connection, row.record_id)
        erased = DemandErased(demand_id=row.id, erased_at=at)
        publish(connection, row.event_id, ChangeKind.DEMAND_ERASURE.value, row.id, erased.to_payload())
    deliveries = _scrub_webhooks(connection, set(ids))
    erasure_id = str(uuid.uuid4())
    connection.execute(
        insert(demand_erasures).values(
            id=erasure_id,
            erased_at=at,
            requested_by=requested_by.strip()[:200],
            reason=reason.strip()[:500],
            entries=len(ids),
            demand_ids=json.dumps(sorted(ids)),
        )
    )
    return Erased(erasure_id, len(ids), deliveries)


def _scrub_inbox(connection: Connection, record_id: str) -> None:
    """The inbox keeps the record as pushed: its contact goes too (its hash stays, to answer a repeat)."""
    payload = connection.scalar(select(inbox.c.payload).where(inbox.c.event_id == record_id))
    if not payload:
        return
    data = json.loads(payload)
    data.update(contact=None, consent=False, consent_wording=None)
    connection.execute(
        update(inbox)
        .where(inbox.c.event_id == record_id)
        .values(payload=json.dumps(data, sort_keys=True, separators=(",", ":")))
    )


def _scrub_webhooks(connection: Connection, demand_ids: set[str]) -> int:
    """Every delivery of these entries loses the contact, sent or not: the log is the hub's copy too.

    What a receiver already got is the marketplace's to erase (docs/demand.md).
    """
    if not demand_ids:
        return 0
    rows = connection.execute(
        select(webhook_outbox.c.id, webhook_outbox.c.payload).where(webhook_outbox.c.type == "demand.recorded")
    ).all()
    scrubbed = 0
    for row in rows:
        data = json.loads(row.payload)
        if data.get("demand_id") in demand_ids and data.get("contact") is not None:
            data.update(contact=None, consent_wording=None)
            connection.execute(
                update(webhook_outbox)
                .where(webhook_outbox.c.id == row.id)
                .values(payload=json.dumps(data, separators=(",", ":")))
            )
            scrubbed += 1
    return scrubbed


def erasures(connection: Connection) -> list[dict[str, Any]]:
    """The audit of erasures, newest first."""
    rows = connection.execute(select(demand_erasures).order_by(demand_erasures.c.erased_at.desc())).all()
    return [{**row._mapping, "demand_ids": json.loads(row.demand_ids)} for row in rows]
