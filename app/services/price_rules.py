"""The event's price rules on this till: set or withdrawn by a manager here, or pulled from the hub's feed.

A rule travels as ``price_rule.changed`` (sync/records/price_rules.py): a
manager's change here is stored, audited and queued for the hub in one
transaction, and comes back to every other till through the feed. A pulled
change is stored only if it is later than the one this till holds for the
rule (by time, then id, as on the hub), so an older change arriving late never
undoes a newer one. The store (app/store/price_rules.py) turns rules into the
domain's, which price the cart (docs/pricing_rules.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import EventSettings
from app.domain.ids import new_id
from app.domain.money import parse_minor
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.audited_records import queue_audited
from app.services.authorization import require
from app.services.typed_terms import contract_problem, typed_moment
from app.store.price_rules import save_price_rule, stored_price_rule, stored_price_rules
from app.store.unit_of_work import UnitOfWork
from sync.records import parse_change
from sync.records.price_rules import PriceRuleChanged, RuleKind

PRICE_RULE_KIND = "price_rule"


@dataclass(frozen=True, slots=True)
class PriceRuleInput:
    """A rule as a manager types it (the command line and the manager's screen alike).

    Times are ISO dates and times; one without a time zone is in the event's.
    Prices are in major units ("12.50"). A markdown takes ``target_kind``
    (sku, maker or category), ``target`` and either ``percent_off`` or
    ``new_price``; a bundle takes ``count``, ``price`` and either ``skus`` or
    ``category``. An empty ``rule_id`` makes a new rule; an existing one is replaced.
    """

    kind: str
    name: str
    starts_at: str = ""
    ends_at: str = ""
    target_kind: str = ""
    target: str = ""
    percent_off: str = ""
    new_price: str = ""
    count: int = 0
    price: str = ""
    skus: tuple[str, ...] = field(default_factory=tuple)
    category: str = ""
    rule_id: str = ""


@dataclass(frozen=True, slots=True)
class PriceRuleRow:
    """A rule as the manager's list shows it."""

    rule_id: str
    kind: str
    name: str
    terms: str
    window: str
    active: bool
    changed_at: str
    changed_by: str


def _moment(text: str, event: EventSettings) -> str:
    """An ISO time with its zone; one typed without a zone is in the event's."""
    not_a_moment = _("'{text}' is not a date and time: type it as 2026-12-05 19:00.")
    return typed_moment(text, event.time_zone, not_a_moment).isoformat()


def _data(rule: PriceRuleInput, event: EventSettings) -> dict[str, Any]:
    kind = rule.kind.strip().lower()
    data: dict[str, Any] = {
        "rule_id": rule.rule_id.strip() or f"{'md' if kind == RuleKind.MARKDOWN else 'b'}-{new_id()[-8:]}",
        "kind": kind,
        "name": " ".join(rule.name.split()),
        "active": True,
    }
    if rule.starts_at.strip() or rule.ends_at.strip():
        data["starts_at"] = _moment(rule.starts_at, event) if rule.starts_at.strip() else None
        data["ends_at"] = _moment(rule.ends_at, event) if rule.ends_at.strip() else None
    if kind == RuleKind.MARKDOWN:
        terms: dict[str, Any] = {"target_kind": rule.target_kind.strip().lower(), "target": rule.target.strip()}
        if rule.percent_off.strip():
            terms["percent_off"] = rule.percent_off.strip().rstrip("%").strip().replace(",", ".")
        if rule.new_price.strip():
            terms["new_price"] = parse_minor(rule.new_price, event.currency)
        data["markdown"] = terms
    elif kind == RuleKind.BUNDLE:
        bundle: dict[str, Any] = {"count": rule.count, "price": parse_minor(rule.price or "0", event.currency)}
        skus = tuple(sku.strip() for sku in rule.skus if sku.strip())
        if skus:
            bundle["skus"] = list(skus)
        if rule.category.strip():
            bundle["category"] = rule.category.strip()
        data["bundle"] = bundle
    else:
        raise InvalidInput(_("A price rule is a markdown or a bundle."))
    return data


def _record(data: dict[str, Any], changed_by: str) -> PriceRuleChanged:
    """The rule as it will travel; what the hub or another till would refuse is refused here, saying why."""
    stamped = {**data, "changed_at": now_iso(), "change_id": new_id(), "changed_by": changed_by}
    try:
        return PriceRuleChanged.model_validate(stamped)
    except ValidationError as broken:
        problem = contract_problem(broken)
        raise InvalidInput(_("The price rule cannot be saved: {problem}.").format(problem=problem)) from None


def _check_catalog(uow: UnitOfWork, record: PriceRuleChanged) -> None:
    """A rule's SKUs and maker must be in this till's catalog: a typo would otherwise apply to nothing, unseen."""
    unknown = sorted(set(record.skus()) - set(uow.catalog.product_ids_by_sku(record.skus())))
    if unknown:
        raise InvalidInput(
            _("No product with SKU {skus} in this till's catalog: check the SKU.").format(skus=", ".join(unknown[:5]))
        )
    terms = record.markdown
    if terms is not None and terms.target_kind == "maker" and not uow.catalog.maker_ids([terms.target]):
        raise InvalidInput(
            _("No maker called {maker} in this till's catalog: check the name as the catalog spells it.").format(
                maker=terms.target
            )
        )


def _keep(uow: UnitOfWork, record: PriceRuleChanged, staff_id: str, action: str) -> None:
    save_price_rule(uow.connection, record)
    till_id = uow.tills.this_till().till_id
    details: dict[str, object] = {"rule": record.to_payload()}
    queue_audited(
        uow, record, till_id=till_id, staff_id=staff_id, action=action, subject=record.rule_id, details=details
    )


def set_price_rule(rule: PriceRuleInput, staff_id: str, uow: UnitOfWork) -> PriceRuleRow:
    """A manager creates (or replaces) a rule on this till; every other till takes it at its next sync."""
    with uow:
        member = require(uow, staff_id, Permission.MANAGE_CATALOG)
        _till, event = uow.tills.this_till_and_event()
        record = _record(_data(rule, event), member.name)
        _check_catalog(uow, record)
        _keep(uow, record, staff_id, "pricing.rule_set")
        row = _row(record, event)
        uow.commit()
    return row


def withdraw_price_rule(rule_id: str, staff_id: str, uow: UnitOfWork) -> PriceRuleRow:
    """A manager ends a rule on this till and, at their next sync, on every other."""
    with uow:
        member = require(uow, staff_id, Permission.MANAGE_CATALOG)
        _till, event = uow.tills.this_till_and_event()
        held = stored_price_rule(uow.connection, rule_id.strip())
        if held is None:
            raise NotFound(_("No price rule {rule_id} on this till: the list shows their ids.").format(rule_id=rule_id))
        if not held.record.active:
            raise InvalidInput(_("Price rule {rule_id} is already withdrawn.").format(rule_id=rule_id))
        data = held.record.model_dump(
            mode="json", include={"rule_id", "kind", "name", "starts_at", "ends_at", "markdown", "bundle"}
        )
        record = _record({**data, "active": False}, member.name)
        _keep(uow, record, staff_id, "pricing.rule_withdrawn")
        row = _row(record, event)
        uow.commit()
    return row


def price_rule_rows(uow: UnitOfWork, *, include_withdrawn: bool = False) -> list[PriceRuleRow]:
    """The rules this till holds, by id, described in the event's money and time zone."""
    with uow.for_reading():
        _till, event = uow.tills.this_till_and_event()
        held = stored_price_rules(uow.connection, include_withdrawn=include_withdrawn)
        return [_row(rule.record, event) for rule in held]


def apply_price_rule_change(uow: UnitOfWork, key: str, data: Any) -> None:
    """A ``price_rule`` feed entry, inside the page's transaction; raises (to be quarantined) if unfit."""
    change = parse_change(PRICE_RULE_KIND, key, data)
    if not isinstance(change, PriceRuleChanged):
        raise InvalidInput(_("{kind} is not a price rule.").format(kind=PRICE_RULE_KIND))
    if not save_price_rule(uow.connection, change):
        return  # this till holds a later change (its own, not yet through the hub, or one pulled before)
    details: dict[str, object] = {"rule": change.to_payload()}
    till_id = uow.tills.this_till().till_id
    uow.audit.append(till_id=till_id, staff_id=None, action="pricing.rule_synced", subject=key, details=details)


def _row(record: PriceRuleChanged, event: EventSettings) -> PriceRuleRow:
    if record.markdown is not None:
        terms = record.markdown
        off = (
            _("{percent} off").format(percent=f"{terms.percent_off}%")
            if terms.percent_off is not None
            else _("at {price}").format(price=event.format(terms.new_price or 0))
        )
        described = _("{target_kind} {target}: {off}").format(
            target_kind=_target_kind_label(terms.target_kind), target=terms.target, off=off
        )
    else:
        assert record.bundle is not None
        units = ", ".join(record.bundle.skus) if record.bundle.skus else record.bundle.category
        described = _("{count} of {units} for {price}").format(
            count=record.bundle.count, units=units, price=event.format(record.bundle.price)
        )
    window = (
        _("{starts} to {ends}").format(
            starts=event.format_datetime(datetime.fromisoformat(record.starts_at)),
            ends=event.format_datetime(datetime.fromisoformat(record.ends_at)),
        )
        if record.starts_at and record.ends_at
        else _("until withdrawn")
    )
    return PriceRuleRow(
        rule_id=record.rule_id,
        kind=record.kind,
        name=record.name,
        terms=described,
        window=window,
        active=record.active,
        changed_at=record.changed_at,
        changed_by=record.changed_by,
    )


def _target_kind_label(kind: str) -> str:
    labels = {"sku": _("Product"), "maker": _("Maker"), "category": _("Category")}
    return labels.get(kind, kind)
