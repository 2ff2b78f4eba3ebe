"""A manager sets or changes a drop on this till; every other till takes it from the hub's feed.

The definition travels as ``drop.set`` (sync/records/drops.py): stored here,
audited and queued for the hub in one transaction. The hub keeps the latest
definition and feeds it back to every till with the counts, which only the hub
makes (and the allocation it moves between online and the counter). This
till's copy keeps the counts it last pulled (docs/drops.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from app.domain.clock import now_iso
from app.domain.drops import Drop
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import EventSettings
from app.domain.ids import new_id
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.audited_records import queue_audited
from app.services.authorization import require
from app.services.drop_counts import counts_left
from app.services.typed_terms import contract_problem, typed_moment
from app.store.drops import DropRepository, StoredDrop
from app.store.unit_of_work import UnitOfWork
from sync.records import DropSet
from sync.records.drops import MAX_ALLOCATION

# The contract's cap range (sync/records/drops.py ``Cap``).
MAX_CAP = 9999


@dataclass(frozen=True, slots=True)
class DropInput:
    """A drop as a manager types it (the command line and the manager's screen alike).

    ``release_at`` is an ISO date and time; one without a time zone is in the
    event's. A cap of None is no cap. An empty ``drop_id`` makes a new drop;
    an existing one has its definition replaced (its sales stay counted).
    """

    name: str
    skus: tuple[str, ...]
    release_at: str
    online_allocation: int
    counter_allocation: int
    per_sale_cap: int | None = None
    per_customer_cap: int | None = None
    drop_id: str = ""


@dataclass(frozen=True, slots=True)
class DropRow:
    """A drop as the manager's list shows it."""

    drop_id: str
    name: str
    skus: tuple[str, ...]
    release_at: str
    release_text: str
    online_allocation: int
    counter_allocation: int
    per_sale_cap: int | None
    per_customer_cap: int | None
    counter_left: int
    changed_at: str


def _moment(text: str, event: EventSettings) -> str:
    not_a_moment = _("'{text}' is not a date and time: type it as 2026-12-05 14:00.")
    return typed_moment(text, event.time_zone, not_a_moment).isoformat()


def _check_typed(drop: DropInput) -> None:
    """What a person mistypes most, said in words before the contract's own check."""
    if not drop.name.strip():
        raise InvalidInput(_("Give the drop a name."))
    if not any(sku.strip() for sku in drop.skus):
        raise InvalidInput(_("Name at least one product (SKU) of the drop."))
    if not all(0 <= units <= MAX_ALLOCATION for units in (drop.online_allocation, drop.counter_allocation)):
        raise InvalidInput(_("Type the units for the online shop and for the counter as whole numbers, 0 or more."))
    if not all(cap is None or 1 <= cap <= MAX_CAP for cap in (drop.per_sale_cap, drop.per_customer_cap)):
        raise InvalidInput(_("A limit per sale or per customer is a whole number from 1 to 9999, or empty for none."))


def _record(drop: DropInput, event: EventSettings, changed_by: str) -> DropSet:
    """The drop as it will travel; what the hub or another till would refuse is refused here, saying why."""
    _check_typed(drop)
    data = {
        "drop_id": drop.drop_id.strip() or new_id(),
        "name": " ".join(drop.name.split()),
        "skus": [sku.strip() for sku in drop.skus if sku.strip()],
        "release_at": _moment(drop.release_at, event),
        "online_allocation": drop.online_allocation,
        "counter_allocation": drop.counter_allocation,
        "per_sale_cap": drop.per_sale_cap,
        "per_customer_cap": drop.per_customer_cap,
        "changed_at": now_iso(),
        "change_id": new_id(),
        "changed_by": changed_by,
    }
    try:
        return DropSet.model_validate(data)
    except ValidationError as broken:
        problem = contract_problem(broken)
        raise InvalidInput(_("The drop cannot be saved: {problem}.").format(problem=problem)) from None


def _check_skus(uow: UnitOfWork, repository: DropRepository, record: DropSet) -> None:
    unknown = sorted(set(record.skus) - set(uow.catalog.product_ids_by_sku(record.skus)))
    if unknown:
        raise InvalidInput(
            _("No product with SKU {skus} in this till's catalog: check the SKU.").format(skus=", ".join(unknown[:5]))
        )
    taken = sorted(
        sku
        for stored in repository.all()
        if stored.drop.drop_id != record.drop_id
        for sku in stored.drop.skus & set(record.skus)
    )
    if taken:
        raise InvalidInput(
            _("{skus} already in another drop: a product is in one drop only.").format(skus=", ".join(taken[:5]))
        )


def set_drop(drop: DropInput, staff_id: str, uow: UnitOfWork) -> DropRow:
    """A manager creates or changes a drop here; the hub and every other till take it at their next sync."""
    with uow:
        member = require(uow, staff_id, Permission.MANAGE_CATALOG)
        till, event = uow.tills.this_till_and_event()
        repository = DropRepository(uow.connection)
        known = repository.get(drop.drop_id.strip()) if drop.drop_id.strip() else None
        if drop.drop_id.strip() and known is None:
            raise NotFound(_("No drop {drop_id} on this till: the list shows their ids.").format(drop_id=drop.drop_id))
        record = _record(drop, event, member.name)
        _check_skus(uow, repository, record)
        defined = Drop(
            drop_id=record.drop_id,
            name=record.name,
            skus=frozenset(record.skus),
            release_at=record.release_moment(),
            online_allocation=record.online_allocation,
            counter_allocation=record.counter_allocation,
            per_sale_cap=record.per_sale_cap,
            per_customer_cap=record.per_customer_cap,
        )
        # The counts stay as last pulled: the hub counts, a definition never resets them.
        repository.save(defined, dict(known.counter_sold) if known else {}, record.changed_at)
        queue_audited(
            uow,
            record,
            till_id=till.till_id,
            staff_id=staff_id,
            action="drop.set" if known is None else "drop.changed",
            subject=record.drop_id,
            details={"drop": record.to_payload()},
        )
        stored = repository.get(record.drop_id)
        assert stored is not None
        row = _row(stored, event, counts_left(repository, [stored], till.code)[record.drop_id])
        uow.commit()
    return row


def drop_rows(uow: UnitOfWork) -> list[DropRow]:
    """The drops this till holds, by release, with what is left of the counter's allocation."""
    with uow.for_reading():
        till, event = uow.tills.this_till_and_event()
        repository = DropRepository(uow.connection)
        held = repository.all()
        left = counts_left(repository, held, till.code)
        return [_row(stored, event, left[stored.drop.drop_id]) for stored in held]


def _row(stored: StoredDrop, event: EventSettings, left: int) -> DropRow:
    drop = stored.drop
    return DropRow(
        drop_id=drop.drop_id,
        name=drop.name,
        skus=tuple(sorted(drop.skus)),
        release_at=drop.release_at.isoformat(),
        release_text=event.format_datetime(drop.release_at),
        online_allocation=drop.online_allocation,
        counter_allocation=drop.counter_allocation,
        per_sale_cap=drop.per_sale_cap,
        per_customer_cap=drop.per_customer_cap,
        counter_left=left,
        changed_at=stored.changed_at,
    )
