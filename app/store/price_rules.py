"""The event's price rules on this till: one row per rule, the latest change of each (docs/pricing_rules.md).

A rule arrives as its wire record (sync/records/price_rules.py), from the
hub's feed or from a manager on this till, and is stored with its terms as
they travel; ``domain_rule`` is the one place that turns those terms into the
domain's ``Markdown`` or ``Bundle``. Which rules are in force at a moment is
the domain's job (``PriceRules.active_at``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from app.domain.price_rules import Bundle, Markdown, Target, TargetKind
from app.store.database import driver

if TYPE_CHECKING:
    from sync.records.price_rules import PriceRuleChanged

PriceRule = Markdown | Bundle
# sync/records/price_rules.py RuleKind.MARKDOWN, the other kind being a bundle.
MARKDOWN = "markdown"

_COLUMNS = "id, kind, definition, active, changed_at, change_id, changed_by"


@dataclass(frozen=True, slots=True)
class StoredPriceRule:
    """A rule as this till holds it, for lists and for the next change of it."""

    record: PriceRuleChanged

    @property
    def rule_id(self) -> str:
        return self.record.rule_id


def domain_rule(
    rule_id: str, kind: str, definition: Mapping[str, Any], maker_ids: Mapping[str, str]
) -> PriceRule | None:
    """The domain's rule for a rule's terms as they travel (``PriceRuleChanged.definition()``); None for a
    maker's markdown when this till does not know the maker.

    A maker is named by name on the wire and by this till's id in the cart, so
    ``maker_ids`` maps one to the other. Raises InvalidInput if the domain
    refuses the rule (the contract keeps the same ranges, so only a bug does).
    """
    starts_at = datetime.fromisoformat(definition["starts_at"]) if definition.get("starts_at") else None
    ends_at = datetime.fromisoformat(definition["ends_at"]) if definition.get("ends_at") else None
    name = str(definition["name"])
    if kind == MARKDOWN:
        terms = definition["markdown"]
        assert starts_at is not None and ends_at is not None, "checked by the contract"
        target_kind, target_value = TargetKind(terms["target_kind"]), str(terms["target"])
        if target_kind is TargetKind.MAKER:
            if target_value not in maker_ids:
                return None
            target_value = maker_ids[target_value]
        percent_off = terms.get("percent_off")
        return Markdown(
            rule_id=rule_id,
            name=name,
            starts_at=starts_at,
            ends_at=ends_at,
            target=Target(target_kind, target_value),
            percent_off=Decimal(percent_off) if percent_off is not None else None,
            new_price=terms.get("new_price"),
        )
    bundle = definition["bundle"]
    return Bundle(
        rule_id=rule_id,
        name=name,
        count=int(bundle["count"]),
        price=int(bundle["price"]),
        skus=frozenset(bundle.get("skus", ())),
        category=str(bundle.get("category", "")),
        starts_at=starts_at,
        ends_at=ends_at,
    )


def _record(row: tuple[str, str, str, int, str, str, str]) -> PriceRuleChanged:
    # Imported here: the contracts load pydantic, which pricing a cart (load_price_rules) does not need.
    from sync.records.price_rules import PriceRuleChanged

    rule_id, kind, definition, active, changed_at, change_id, changed_by = row
    fields = json.loads(definition)
    fields.update(
        rule_id=rule_id,
        kind=kind,
        active=bool(active),
        changed_at=changed_at,
        change_id=change_id,
        changed_by=changed_by,
    )
    return PriceRuleChanged.model_validate(fields)


def _maker_ids(connection: Connection) -> dict[str, str]:
    return {str(name): str(maker_id) for name, maker_id in driver(connection).execute("SELECT name, id FROM makers")}


# Every scan prices the cart with the rules: turning thirty rules' terms into domain objects costs half a
# millisecond, reading what identifies them a few rows. Kept by store file and by that identity (each change of a
# rule has a new time and change id; a maker's markdown also depends on the makers' ids and names).
_LOADED: dict[tuple[str, str, str], tuple[Markdown | Bundle, ...]] = {}
_LOADED_AT_MOST = 16
_ACTIVE_CHANGES = (
    "SELECT group_concat(id || ' ' || changed_at || ' ' || change_id, ' ')"
    " FROM (SELECT id, changed_at, change_id FROM price_rules WHERE active = 1 ORDER BY id)"
)
_MAKERS = "SELECT group_concat(id || ':' || name, ' ') FROM (SELECT id, name FROM makers ORDER BY id)"


def load_price_rules(session: Connection) -> tuple[Markdown | Bundle, ...]:
    """The active rules as domain objects, in rule-id order (a maker's markdown for an unknown maker left out)."""
    db = driver(session)
    changes = db.execute(_ACTIVE_CHANGES).fetchone()[0]
    if changes is None:
        return ()
    key = (str(session.engine.url.database), str(changes), str(db.execute(_MAKERS).fetchone()[0]))
    loaded = _LOADED.get(key)
    if loaded is None:
        rows = db.execute(f"SELECT {_COLUMNS} FROM price_rules WHERE active = 1 ORDER BY id").fetchall()
        maker_ids = _maker_ids(session)
        rules = (domain_rule(row[0], row[1], json.loads(row[2]), maker_ids) for row in rows)
        loaded = tuple(rule for rule in rules if rule is not None)
        if len(_LOADED) >= _LOADED_AT_MOST:
            _LOADED.clear()
        _LOADED[key] = loaded
    return loaded


def stored_price_rules(session: Connection, *, include_withdrawn: bool = False) -> list[StoredPriceRule]:
    """Every rule this till holds as its latest record, in rule-id order (withdrawn ones only if asked)."""
    where = "" if include_withdrawn else " WHERE active = 1"
    rows = driver(session).execute(f"SELECT {_COLUMNS} FROM price_rules{where} ORDER BY id").fetchall()
    return [StoredPriceRule(_record(row)) for row in rows]


def stored_price_rule(session: Connection, rule_id: str) -> StoredPriceRule | None:
    row = driver(session).execute(f"SELECT {_COLUMNS} FROM price_rules WHERE id = ?", (rule_id,)).fetchone()
    return StoredPriceRule(_record(row)) if row else None


def save_price_rule(session: Connection, record: PriceRuleChanged) -> bool:
    """Keep ``record`` if it is later than the change this till holds for its rule (by ``changed_at``, ties by
    ``change_id``); False, changing nothing, if it is not. Raises InvalidInput if the domain refuses the rule."""
    domain_rule(record.rule_id, record.kind, record.definition(), _maker_ids(session))
    held = driver(session).execute("SELECT changed_at, change_id FROM price_rules WHERE id = ?", (record.rule_id,))
    row = held.fetchone()
    if row is not None and record.order() <= (datetime.fromisoformat(row[0]), row[1]):
        return False
    driver(session).execute(
        f"INSERT INTO price_rules ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
        " kind = excluded.kind, definition = excluded.definition, active = excluded.active,"
        " changed_at = excluded.changed_at, change_id = excluded.change_id, changed_by = excluded.changed_by",
        (
            record.rule_id,
            record.kind,
            json.dumps(record.definition(), sort_keys=True),
            int(record.active),
            record.changed_at,
            record.change_id,
            record.changed_by,
        ),
    )
    return True
