"""Short-run price rules as they travel: a markdown or a bundle, set on the hub or by a manager on a till.

A ``price_rule.changed`` record carries the rule's whole new state (withdrawn
ones with ``active`` false), when it was made, its own id and who made it.
It is the fact a till pushes and the ``price_rule`` entry the hub feeds to
every till, keyed by the rule's id. As with the event settings, the latest by
``changed_at`` wins, ties by ``change_id``, on the hub and on every till.

The ranges are the till's pricing's own (app/domain/price_rules.py): a rule the
till's domain would refuse is refused here first, with the reason, so a hub
never feeds a rule that a till cannot apply. A markdown names a maker by name
(the makers' ids are each till's own); docs/pricing_rules.md tells the rest.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field, Strict, StringConstraints, field_validator, model_validator

from sync.records.event_settings import EventChange
from sync.records.fields import MAX_MONEY, MAX_QUANTITY, Code, Contract, Flag, Name, RequiredName, Timestamp

MAX_RULE_NAME = 80
MAX_BUNDLE_SKUS = 50
_PERCENT = re.compile(r"^[0-9]{1,3}(\.[0-9]{1,2})?$")
_SKU = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")

RuleId = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
RuleName = Annotated[
    str, Strict(), StringConstraints(min_length=1, max_length=MAX_RULE_NAME, pattern=r"^[^\x00-\x1f\x7f]*$")
]
PositiveMoney = Annotated[int, Strict(), Field(ge=1, le=MAX_MONEY)]
PriceMoney = Annotated[int, Strict(), Field(ge=0, le=MAX_MONEY)]
BundleCount = Annotated[int, Strict(), Field(ge=2, le=MAX_QUANTITY)]


class RuleKind(StrEnum):
    MARKDOWN = "markdown"
    BUNDLE = "bundle"


class MarkdownTargetKind(StrEnum):
    SKU = "sku"
    MAKER = "maker"
    CATEGORY = "category"


def percent_problem(text: str) -> str | None:
    """Why ``text`` is not a markdown's percentage ("30", "12.5"), or None."""
    if not _PERCENT.match(text) or not 0 < Decimal(text) <= 100:
        return "a percentage off is more than 0 and at most 100, with at most 2 decimals (30 or 12.5)"
    return None


class MarkdownTerms(Contract):
    """What a markdown lowers (one SKU, a maker's products by the maker's name, a category) and by how much."""

    target_kind: Annotated[str, Strict(), StringConstraints(pattern=r"^(sku|maker|category)$")]
    target: RequiredName
    percent_off: Annotated[str, Strict(), StringConstraints(max_length=8)] | None = None
    new_price: PriceMoney | None = None

    @field_validator("percent_off")
    @classmethod
    def _percent(cls, text: str | None) -> str | None:
        if text is not None:
            problem = percent_problem(text)
            if problem:
                raise ValueError(problem)
        return text

    @model_validator(mode="after")
    def _one_way_and_target(self) -> MarkdownTerms:
        if (self.percent_off is None) == (self.new_price is None):
            raise ValueError("a markdown takes either a percentage off or a new price, not both")
        if not self.target.strip() or self.target != self.target.strip():
            raise ValueError("a markdown names its SKU, maker or category without spaces around it")
        if self.target_kind == MarkdownTargetKind.SKU and not _SKU.match(self.target):
            raise ValueError("a markdown for one product names its SKU")
        return self


class BundleTerms(Contract):
    """``count`` units for ``price`` (more than 0): units of the listed SKUs, or of any product of a category."""

    count: BundleCount
    price: PositiveMoney
    skus: Annotated[tuple[Code, ...], Field(max_length=MAX_BUNDLE_SKUS)] = ()
    category: Name = ""

    @model_validator(mode="after")
    def _one_way(self) -> BundleTerms:
        if bool(self.skus) == bool(self.category.strip()):
            raise ValueError("a bundle takes either a list of SKUs or one category, not both")
        if len(set(self.skus)) != len(self.skus):
            raise ValueError("a bundle lists each SKU once")
        if self.category != self.category.strip():
            raise ValueError("a bundle names its category without spaces around it")
        return self


class PriceRuleChanged(EventChange):
    """A price rule's whole state after the change: created, changed, or withdrawn (``active`` false)."""

    rule_id: RuleId
    kind: Annotated[str, Strict(), StringConstraints(pattern=r"^(markdown|bundle)$")]
    name: RuleName
    starts_at: Timestamp | None = None
    ends_at: Timestamp | None = None
    markdown: MarkdownTerms | None = None
    bundle: BundleTerms | None = None
    active: Flag

    @field_validator("name")
    @classmethod
    def _trimmed(cls, name: str) -> str:
        if not name.strip() or name != name.strip():
            raise ValueError("a rule's name is printable text without spaces around it")
        return name

    @model_validator(mode="after")
    def _terms_fit(self) -> PriceRuleChanged:
        if self.kind == RuleKind.MARKDOWN and (self.markdown is None or self.bundle is not None):
            raise ValueError("a markdown carries its markdown terms and no bundle terms")
        if self.kind == RuleKind.BUNDLE and (self.bundle is None or self.markdown is not None):
            raise ValueError("a bundle carries its bundle terms and no markdown terms")
        if (self.starts_at is None) != (self.ends_at is None):
            raise ValueError("give a rule both a start and an end, or neither")
        if self.kind == RuleKind.MARKDOWN and self.starts_at is None:
            raise ValueError("a markdown needs a start and an end")
        starts_at, ends_at = self.starts_at, self.ends_at
        if starts_at and ends_at and datetime.fromisoformat(ends_at) <= datetime.fromisoformat(starts_at):
            raise ValueError("a price rule must end after it starts")
        return self

    def change_key(self) -> str:
        return self.rule_id

    def skus(self) -> list[str]:
        """The SKUs the rule names (a bundle's list, a markdown's one product): the catalog must know each."""
        if self.bundle is not None:
            return list(self.bundle.skus)
        if self.markdown is not None and self.markdown.target_kind == MarkdownTargetKind.SKU:
            return [self.markdown.target]
        return []

    def definition(self) -> dict[str, object]:
        """The rule's terms without the change's envelope (who, when, active): what a till stores."""
        return self.model_dump(
            mode="json",
            include={"name", "starts_at", "ends_at", "markdown", "bundle"},
            exclude_none=True,
        )
