"""Recording demand at the counter, and erasing a contact when the hub's feed says so (docs/demand.md).

Any signed-in staff member may record what a customer asked for: it sells
nothing and moves no money. The entry, its ``demand.recorded`` outbox record
and its audit entry are one transaction; the contact stays out of the audit
trail (it is kept once, with the customer's consent, and can be erased).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import clock
from app.domain.demand import DemandInput, check_demand
from app.domain.errors import NotFound
from app.domain.ids import new_id
from app.domain.texts import _
from app.services.audited_records import queue_audited
from app.store.demand import DemandRepository, DemandRow
from app.store.unit_of_work import UnitOfWork
from sync.demand_figures import DemandEntry, ProductDemand, demand_by_product
from sync.records import DemandErased, DemandRecorded, RecordType

DEMAND_CHANGE_KINDS = ("demand_erasure",)
CONTACT_ERASED = "demand.contact_erased"


@dataclass(frozen=True, slots=True)
class RecordDemand:
    staff_id: str
    typed: DemandInput


@dataclass(frozen=True, slots=True)
class DemandTaken:
    demand_id: str
    # "Asked for: Mug large (3)", for the message strip.
    summary: str
    with_contact: bool


def record_demand(cmd: RecordDemand, uow: UnitOfWork) -> DemandTaken:
    """Check, write the entry, its outbox record and audit entry; raises with what to change (nothing written)."""
    demand = check_demand(cmd.typed)
    with uow:
        member = uow.staff.by_id(cmd.staff_id)
        if member is None or not member.active:
            raise NotFound(_("That staff member is not active on this till: sign in again."))
        till, event = uow.tills.this_till_and_event()
        product_name = ""
        if demand.sku is not None:
            product = uow.catalog.by_code(demand.sku)
            if product is None:
                raise NotFound(
                    _("The product {sku} is not in this till's catalog: type the item's name instead.").format(
                        sku=demand.sku
                    )
                )
            item = product.item
            product_name = f"{item.name} {item.variant}".strip()[:200]
            sku: str | None = item.sku
        else:
            sku = None
        row = DemandRow(
            demand_id=new_id(),
            event_id=event.event_id,
            till_id=till.till_id,
            staff_id=member.staff_id,
            sku=sku,
            product_name=product_name,
            item=demand.item,
            quantity=demand.quantity,
            note=demand.note,
            recorded_at=clock.now_iso(),
            contact=demand.contact,
            consent=demand.consent,
            consent_wording=demand.consent_wording,
        )
        DemandRepository(uow.connection).add(row)
        queue_audited(
            uow,
            DemandRecorded(
                demand_id=row.demand_id,
                event_id=row.event_id,
                till_id=row.till_id,
                till_code=till.code,
                staff_id=row.staff_id,
                staff_name=member.name,
                sku=row.sku,
                product_name=row.product_name,
                item=row.item,
                quantity=row.quantity,
                note=row.note,
                recorded_at=row.recorded_at,
                contact=row.contact,
                consent=row.consent,
                consent_wording=row.consent_wording,
            ),
            till_id=till.till_id,
            staff_id=member.staff_id,
            action=RecordType.DEMAND_RECORDED,
            subject=row.demand_id,
            details={
                "sku": row.sku,
                "item": row.item,
                "quantity": row.quantity,
                "consent": row.consent,
                "consent_wording": row.consent_wording,
            },
        )
        uow.commit()
    what = product_name or demand.item or ""
    summary = _("Asked for: {what}").format(what=what)
    if demand.quantity is not None:
        summary = _("Asked for: {what} ({quantity})").format(what=what, quantity=demand.quantity)
    return DemandTaken(row.demand_id, summary, row.contact is not None)


def demand_entries(uow: UnitOfWork) -> list[DemandRow]:
    """Every entry this till recorded, oldest first."""
    with uow.for_reading():
        return DemandRepository(uow.connection).all()


def demand_figures_in(uow: UnitOfWork) -> tuple[ProductDemand, ...]:
    """This till's demand per product with its sell-out as this till knows it, inside an open unit of work.

    The event report's "demand after sell-out" (docs/demand.md); the hub's is event-wide and exact.
    """
    repository = DemandRepository(uow.connection)
    entries = [
        DemandEntry(row.sku, row.product_name or row.sku or row.item or "", row.quantity, row.recorded_at)
        for row in repository.all()
    ]
    if not entries:
        return ()
    return tuple(demand_by_product(entries, repository.sold_out_here()))


def apply_demand_change(uow: UnitOfWork, kind: str, _key: str, data: Mapping[str, Any]) -> None:
    """A ``demand_erasure`` from the hub: this till's copy of the contact goes too, audited once."""
    if kind not in DEMAND_CHANGE_KINDS:
        raise ValueError(f"not a demand change: {kind}")
    erased = DemandErased.model_validate(dict(data))
    if DemandRepository(uow.connection).erase_contact(erased.demand_id, erased.erased_at):
        till, _event = uow.tills.this_till_and_event()
        uow.audit.append(
            till_id=till.till_id,
            staff_id=None,
            action=CONTACT_ERASED,
            subject=erased.demand_id,
            details={"erased_at": erased.erased_at},
        )
