"""``sale.completed`` schema 2: a sale whose lines carry the automatic discounts (markdowns, bundles) apart.

Version 1 (sync/records/facts.py) has one ``discount`` per line. A till writes
version 2 for a sale where a markdown or a bundle priced a line, so that the
hub, the other tills and the event report can tell the automatic discounts
from a discount staff typed (docs/pricing_rules.md, "The sale record"). A sale
without one stays version 1, byte for byte as before. Version 2 keeps every
rule of version 1 (``discount`` is still the line's whole discount) and adds:

* ``markdown`` and ``bundle``: what each took off the line, in minor units,
  both included in ``discount``;
* ``markdown_id`` (the one markdown that priced the line) and ``bundle_ids``
  (the bundles that took its units), given exactly when their amount is not 0.

The hub feeds other tills' sales with this model, which reads version 1
payloads too (the new keys default to no automatic discount).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from sync.records.facts import SaleCompleted, SaleLine
from sync.records.fields import MAX_LINES, Money, RequiredName

# A line is in at most a few bundles (its units spread over groups of several rules): a cap, not a rule.
MAX_BUNDLES_PER_LINE = 20

RuleId = RequiredName


class PricedSaleLine(SaleLine):
    markdown: Money = 0
    markdown_id: RuleId | None = None
    bundle: Money = 0
    bundle_ids: Annotated[list[RuleId], Field(max_length=MAX_BUNDLES_PER_LINE)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _names_its_rules(self) -> PricedSaleLine:
        if self.markdown + self.bundle > self.discount:
            raise ValueError(f"line {self.line_no}'s markdown and bundle are more than its discount")
        if bool(self.markdown) != (self.markdown_id is not None):
            raise ValueError(f"line {self.line_no} needs a markdown_id exactly when it has a markdown")
        if bool(self.bundle) != bool(self.bundle_ids):
            raise ValueError(f"line {self.line_no} needs bundle_ids exactly when it has a bundle discount")
        if len(set(self.bundle_ids)) != len(self.bundle_ids):
            raise ValueError(f"line {self.line_no} names a bundle twice")
        return self


class PricedSaleCompleted(SaleCompleted):
    lines: Annotated[list[PricedSaleLine], Field(min_length=1, max_length=MAX_LINES)]  # type: ignore[assignment]
