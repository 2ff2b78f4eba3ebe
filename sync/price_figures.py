"""The automatic prices in the event's figures: what markdowns and bundles took off, per rule (docs/pricing_rules.md).

A ``sale.completed`` record of schema 2 (sync/records/priced_sales.py) carries
per line its markdown and its bundle discount with their rule ids. They are
discounts like the others (``Totals.discounts`` includes them), and the report
shows them apart too: one row per kind and rule, with the lines and units they
lowered and the amount, in minor units. A line whose units went into groups of
two bundles names both (``b-cards+b-mugs``): its bundle discount is one amount.

Plain Python, for the hub (which reads them from the pushed payloads) and the
tills (from their own sale lines and the narrow rows of pulled sales).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

MARKDOWN, BUNDLE = "markdown", "bundle"
# The narrow rows of a pulled sale's automatic discounts (till table pulled_automatic_discounts, migration 0021).
AUTOMATIC_COLUMNS = ("kind", "rule", "lines", "units", "amount")
RULE_JOINER = "+"


@dataclass(frozen=True, slots=True)
class AutomaticDiscount:
    kind: str  # "markdown" or "bundle"
    rule: str  # the rule's id; bundles sharing a line: their ids joined by "+"
    lines: int
    units: int
    amount: int


class AutomaticAmounts:
    """What markdowns and bundles took off in all, for figures that hold ``automatic`` (their rows per rule)."""

    __slots__ = ()
    automatic: tuple[AutomaticDiscount, ...]

    @property
    def markdowns(self) -> int:
        return sum(row.amount for row in self.automatic if row.kind == MARKDOWN)

    @property
    def bundles(self) -> int:
        return sum(row.amount for row in self.automatic if row.kind == BUNDLE)


def automatic_rows(payload: Mapping[str, Any]) -> list[tuple[str, str, int, int, int]]:
    """The rows of one ``sale.completed`` payload's automatic discounts (none for a schema 1 sale)."""
    rows: list[tuple[str, str, int, int, int]] = []
    for line in payload["lines"]:
        quantity = int(line["quantity"])
        if line.get("markdown"):
            rows.append((MARKDOWN, str(line["markdown_id"]), 1, quantity, int(line["markdown"])))
        if line.get("bundle"):
            rows.append((BUNDLE, RULE_JOINER.join(line["bundle_ids"]), 1, quantity, int(line["bundle"])))
    return rows


def automatic_query(table: str, scope: str) -> str:
    """The narrow rows of ``table`` summed per kind and rule, as ``summed_automatic`` reads them."""
    return f"SELECT kind, rule, sum(lines), sum(units), sum(amount) FROM {table} WHERE {scope} GROUP BY kind, rule"


def summed_automatic(rows: Iterable[tuple[Any, ...]]) -> tuple[AutomaticDiscount, ...]:
    """Rows (kind, rule, lines, units, amount) of any sources summed per kind and rule: markdowns first,
    then bundles, the largest amount first in each."""
    sums: dict[tuple[str, str], list[int]] = {}
    for kind, rule, lines, units, amount in rows:
        before = sums.setdefault((str(kind), str(rule)), [0, 0, 0])
        before[0] += int(lines or 0)
        before[1] += int(units or 0)
        before[2] += int(amount or 0)
    found = [AutomaticDiscount(kind, rule, *values) for (kind, rule), values in sums.items()]
    found.sort(key=lambda row: (row.kind != MARKDOWN, -row.amount, row.rule))
    return tuple(found)
