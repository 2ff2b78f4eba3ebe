"""The event's price rules on the hub: the latest change of each rule, fed to every till, and every change logged.

A change comes from ``popup-hub pricing`` (sync/hub/commands/price_rules.py), from the admin API
(sync/hub/admin_pricing.py) or from a manager on a till (a ``price_rule.changed`` record applied through
push_records.py's APPLY). Each is a contract of sync/records/price_rules.py carrying the rule's whole new state.
As with the event settings (event_settings.py), the change with the latest ``changed_at`` (then the highest
``change_id``) is kept and published; an older one arriving late changes nothing. Every change received,
in force or not, is written to ``price_rule_changes`` with who made it and where: the rules' audit trail.
"""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, and_, func, insert, select, update

from sync.catalog_rows import BadValue, parse_minor
from sync.hub.store.conflict_log import Answer
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.errors import HubError
from sync.hub.store.event_settings import HUB, require_event
from sync.hub.store.feed import publish
from sync.hub.store.schema import events, now, price_rule_changes, price_rules, products
from sync.hub.store.voucher_ledger import money
from sync.protocol import AnswerStatus, PushRecord
from sync.records import ChangeKind, parse_fact
from sync.records.price_rules import MarkdownTargetKind, PriceRuleChanged, RuleKind

_ENVELOPE = ("rule_id", "kind", "name", "starts_at", "ends_at", "markdown", "bundle")


def keep_rule(connection: Connection, event_id: str, change: PriceRuleChanged, source: str) -> bool:
    """Log ``change``, and keep it and feed it to the event's tills if it is the latest of its rule; whether it was."""
    where = and_(price_rules.c.event_id == event_id, price_rules.c.rule_id == change.rule_id)
    # Locked, so two hub processes applying changes of one rule at once keep the later, not the last to write.
    held = connection.execute(
        select(price_rules.c.updated_at, price_rules.c.change_id).where(where).with_for_update()
    ).first()
    later = held is None or (datetime.fromisoformat(held.updated_at), held.change_id) < change.order()
    connection.execute(
        insert(price_rule_changes).values(
            event_id=event_id,
            rule_id=change.rule_id,
            change_id=change.change_id,
            changed_at=change.changed_at,
            changed_by=change.changed_by,
            source=source,
            record=json.dumps(change.to_payload(), sort_keys=True),
            in_force=int(later),
            received_at=now(),
        )
    )
    if not later:
        return False
    values = {
        "kind": change.kind,
        "name": change.name,
        "definition": json.dumps(change.definition(), sort_keys=True),
        "active": int(change.active),
        "updated_at": change.changed_at,
        "updated_by": change.changed_by,
        "change_id": change.change_id,
    }
    if held is None:
        connection.execute(insert(price_rules).values(event_id=event_id, rule_id=change.rule_id, **values))
    else:
        connection.execute(update(price_rules).where(where).values(**values))
    publish(connection, event_id, ChangeKind.PRICE_RULE.value, change.change_key(), change.to_payload())
    return True


def apply_pushed(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Answer:
    """A manager's rule set or withdrawn on a till (it passed its contract at admission)."""
    change = parse_fact(record.type, record.schema_version, record.payload)
    if not isinstance(change, PriceRuleChanged):
        raise TypeError(f"{record.type} is not a price rule change")
    if keep_rule(connection, till.event_id, change, f"till {till.code}"):
        return AnswerStatus.APPLIED, None
    return AnswerStatus.APPLIED, f"kept for the books: a later change of price rule {change.rule_id} is in force"


def rules(connection: Connection, event_id: str, *, include_withdrawn: bool = False) -> list[PriceRuleChanged]:
    """The event's rules as their latest records, by rule id (withdrawn ones only if asked)."""
    query = select(price_rules).where(price_rules.c.event_id == event_id).order_by(price_rules.c.rule_id)
    if not include_withdrawn:
        query = query.where(price_rules.c.active == 1)
    return [_record(row._mapping) for row in connection.execute(query)]


def find_rule(connection: Connection, event_id: str, rule_id: str) -> PriceRuleChanged:
    require_event(connection, event_id)
    row = connection.execute(
        select(price_rules).where(price_rules.c.event_id == event_id, price_rules.c.rule_id == rule_id)
    ).first()
    if row is None:
        raise HubError(
            f"No price rule {rule_id} at this event: 'popup-hub pricing list --event {event_id}' lists them."
        )
    return _record(row._mapping)


def history(connection: Connection, event_id: str, rule_id: str) -> list[tuple[str, str, str, bool]]:
    """(changed_at, changed_by, source, in force) of every change of a rule the hub received, oldest first."""
    rows = connection.execute(
        select(price_rule_changes)
        .where(price_rule_changes.c.event_id == event_id, price_rule_changes.c.rule_id == rule_id)
        .order_by(price_rule_changes.c.id)
    )
    return [(row.changed_at, row.changed_by, row.source, bool(row.in_force)) for row in rows]


def _record(row: Any) -> PriceRuleChanged:
    fields = json.loads(row["definition"])
    fields.update(
        rule_id=row["rule_id"],
        kind=row["kind"],
        active=bool(row["active"]),
        changed_at=row["updated_at"],
        change_id=row["change_id"],
        changed_by=row["updated_by"],
    )
    return PriceRuleChanged.model_validate(fields)


def new_rule_id(kind: RuleKind) -> str:
    """A short id for a rule made without one: ``md-`` or ``b-`` and 8 hex digits."""
    return f"{'md' if kind is RuleKind.MARKDOWN else 'b'}-{secrets.token_hex(4)}"


def checked_rule(data: dict[str, Any], changed_by: str) -> PriceRuleChanged:
    """The rule as every till will read it, stamped now; what a till would refuse is refused here, with why."""
    stamped = {**data, "changed_at": now(), "change_id": str(uuid.uuid4()), "changed_by": changed_by}
    try:
        return PriceRuleChanged.model_validate(stamped)
    except ValidationError as broken:
        problem = broken.errors(include_url=False)[0]
        where = ".".join(str(part) for part in problem["loc"])
        message = str(problem["msg"]).removeprefix("Value error, ")
        raise HubError(f"{where}: {message}" if where else message) from None


def _check_catalog(connection: Connection, change: PriceRuleChanged) -> None:
    """A rule's SKUs and maker must be in the hub's catalog: a typo would otherwise apply to nothing, unseen."""
    skus = change.skus()
    terms = change.markdown
    known = set(connection.scalars(select(products.c.sku).where(products.c.sku.in_(skus)))) if skus else set()
    unknown = sorted(set(skus) - known)
    if unknown:
        raise HubError(
            f"No product with SKU {', '.join(unknown[:5])} in the hub's catalog: check the SKU or import the catalog."
        )
    if terms is None or terms.target_kind != MarkdownTargetKind.MAKER:
        return
    if not connection.scalar(select(func.count()).select_from(products).where(products.c.maker == terms.target)):
        raise HubError(f"No maker called {terms.target} in the hub's catalog: check the name as the catalog spells it.")


def set_rule(
    connection: Connection, event_id: str, data: dict[str, Any], *, changed_by: str = HUB, source: str = "hub"
) -> PriceRuleChanged:
    """Create a rule, or replace the one with its id (a withdrawn one comes back): ``data`` holds its terms."""
    require_event(connection, event_id)
    terms = {key: value for key, value in data.items() if key in _ENVELOPE and value is not None}
    if "rule_id" not in terms:
        try:
            terms["rule_id"] = new_rule_id(RuleKind(terms.get("kind", "")))
        except ValueError:
            raise HubError("kind: a price rule is a markdown or a bundle") from None
    change = checked_rule({**terms, "active": True}, changed_by)
    _check_catalog(connection, change)
    keep_rule(connection, event_id, change, source)
    return change


def withdraw_rule(
    connection: Connection, event_id: str, rule_id: str, *, changed_by: str = HUB, source: str = "hub"
) -> PriceRuleChanged:
    """End a rule on every till: its record again, with ``active`` false."""
    rule = find_rule(connection, event_id, rule_id)
    if not rule.active:
        raise HubError(f"Price rule {rule_id} is already withdrawn: nothing to do.")
    data = rule.model_dump(mode="json", include=set(_ENVELOPE), exclude_none=True)
    change = checked_rule({**data, "active": False}, changed_by)
    keep_rule(connection, event_id, change, source)
    return change


def minor_amount(connection: Connection, event_id: str, text: str) -> int:
    """A price typed in major units of the event's currency ("12.50") as minor units."""
    require_event(connection, event_id)
    currency = str(connection.scalar(select(events.c.currency).where(events.c.id == event_id)))
    try:
        return parse_minor(text, currency)
    except BadValue as error:
        raise HubError(str(error)) from None


def event_money(connection: Connection, event_id: str, amount: int) -> str:
    """Minor units as an operator reads them (CHF 12.50)."""
    return money(amount, str(connection.scalar(select(events.c.currency).where(events.c.id == event_id))))
