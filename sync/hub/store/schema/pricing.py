"""The event's short-run price rules (markdowns and bundles) and the log of every change made to them."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, Table, Text

from sync.hub.store.schema.base import metadata

# The latest change of each rule (sync/hub/store/price_rules.py): the rule's terms as JSON
# (sync/records/price_rules.py ``definition``); a withdrawn rule stays with active 0.
price_rules = Table(
    "price_rules",
    metadata,
    Column("event_id", Text, ForeignKey("events.id"), primary_key=True),
    Column("rule_id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("definition", Text, nullable=False),
    Column("active", Integer, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("updated_by", Text, nullable=False),
    Column("change_id", Text, nullable=False),
)
# Every change of a rule the hub received, in force or not: who (a staff name, "hub", or "api:<key name>"),
# from where ("hub", "api" or "till <code>"), the whole record, and whether it became the rule's state.
price_rule_changes = Table(
    "price_rule_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("rule_id", Text, nullable=False),
    Column("change_id", Text, nullable=False),
    Column("changed_at", Text, nullable=False),
    Column("changed_by", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("record", Text, nullable=False),
    Column("in_force", Integer, nullable=False),
    Column("received_at", Text, nullable=False),
    Index("ix_price_rule_changes_event_rule", "event_id", "rule_id", "id"),
)
