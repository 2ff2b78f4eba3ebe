"""Short-run pricing: scheduled markdowns and bundles, applied by the cart on its own.

A markdown lowers a unit's price for a while (the last hour at -30 %, a maker's
mugs at CHF 12); a bundle sells n units for a price ("any 3 cards for CHF 10").
The cart applies them before any discount typed by staff, in the order and with
the tie-breaks of docs/pricing_rules.md; this module only matches rules and
chooses the bundles, so the cart keeps one place where money is rounded.

Every choice here is deterministic: rules are compared by their result first
and their id second, and units by price first and (SKU, line id) second, so the
same cart gets the same prices whatever order its lines were scanned in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from app.domain.errors import InvalidInput
from app.domain.money import round_half_up
from app.domain.texts import _

_HUNDRED = Decimal(100)


class TargetKind(StrEnum):
    SKU = "sku"
    MAKER = "maker"
    CATEGORY = "category"


class Priced(Protocol):
    """What a rule looks at in a cart item."""

    @property
    def sku(self) -> str: ...
    @property
    def maker_id(self) -> str: ...
    @property
    def category(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Target:
    """The products a markdown lowers: one SKU, every product of a maker, or a category."""

    kind: TargetKind
    value: str

    def __post_init__(self) -> None:
        if not self.value.strip():
            raise InvalidInput(_("Say which SKU, maker or category the markdown is for."))


def _check_rule(rule_id: str, name: str) -> None:
    if not rule_id.strip() or not name.strip():
        raise InvalidInput(_("A markdown or bundle needs an id and a name."))


def _check_window(starts_at: datetime, ends_at: datetime) -> None:
    if starts_at.utcoffset() is None or ends_at.utcoffset() is None:
        raise InvalidInput(_("Give the start and end with their time zone, e.g. 2026-12-05T18:00+01:00."))
    if ends_at <= starts_at:
        raise InvalidInput(_("A price rule must end after it starts: check the two times."))


def _check_moment(moment: datetime) -> None:
    if moment.utcoffset() is None:
        raise InvalidInput(_("Give the time with its time zone to know which price rules apply."))


@dataclass(frozen=True, slots=True)
class Markdown:
    """A lower unit price from ``starts_at`` (included) to ``ends_at`` (excluded)."""

    rule_id: str
    name: str
    starts_at: datetime
    ends_at: datetime
    target: Target
    percent_off: Decimal | None = None
    new_price: int | None = None

    def __post_init__(self) -> None:
        _check_rule(self.rule_id, self.name)
        _check_window(self.starts_at, self.ends_at)
        if (self.percent_off is None) == (self.new_price is None):
            raise InvalidInput(_("A markdown takes either a percentage off or a new price, not both."))
        if self.percent_off is not None and not 0 < self.percent_off <= _HUNDRED:
            raise InvalidInput(_("A markdown's percentage is more than 0 and at most 100."))
        if self.new_price is not None and self.new_price < 0:
            raise InvalidInput(_("A price cannot be negative."))

    def active_at(self, moment: datetime) -> bool:
        return self.starts_at <= moment < self.ends_at

    def marked_price(self, unit_price: int) -> int:
        """The unit price under this markdown; a new price above the current one changes nothing."""
        if self.percent_off is not None:
            return unit_price - round_half_up(Decimal(unit_price) * self.percent_off / _HUNDRED)
        return min(unit_price, self.new_price if self.new_price is not None else unit_price)


@dataclass(frozen=True, slots=True)
class Bundle:
    """``count`` units for ``price``: units of the listed SKUs, or of one category (mix and match)."""

    rule_id: str
    name: str
    count: int
    price: int
    skus: frozenset[str] = frozenset()
    category: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None

    def __post_init__(self) -> None:
        _check_rule(self.rule_id, self.name)
        if bool(self.skus) == bool(self.category.strip()):
            raise InvalidInput(_("A bundle takes either a list of SKUs or one category, not both."))
        if self.count < 2:
            raise InvalidInput(_("A bundle is at least 2 units for a price: use a markdown for one unit."))
        if self.price < 0:
            raise InvalidInput(_("A price cannot be negative."))
        if (self.starts_at is None) != (self.ends_at is None):
            raise InvalidInput(_("Give a bundle both a start and an end, or neither."))
        if self.starts_at is not None and self.ends_at is not None:
            _check_window(self.starts_at, self.ends_at)

    def active_at(self, moment: datetime) -> bool:
        if self.starts_at is None or self.ends_at is None:
            return True
        return self.starts_at <= moment < self.ends_at

    def takes(self, item: Priced) -> bool:
        return item.sku in self.skus if self.skus else item.category == self.category


@dataclass(frozen=True, slots=True)
class PriceRules:
    markdowns: tuple[Markdown, ...] = ()
    bundles: tuple[Bundle, ...] = ()

    def __post_init__(self) -> None:
        ids = [rule.rule_id for rule in self.markdowns] + [rule.rule_id for rule in self.bundles]
        if len(ids) != len(set(ids)):
            raise InvalidInput(_("Two price rules have the same id: give each markdown and bundle its own."))

    def active_at(self, moment: datetime) -> PriceRules:
        _check_moment(moment)
        return PriceRules(
            tuple(rule for rule in self.markdowns if rule.active_at(moment)),
            tuple(rule for rule in self.bundles if rule.active_at(moment)),
        )

    def next_change(self, moment: datetime) -> datetime | None:
        """The first start or end of a rule after ``moment``: the next time a cart's prices may change."""
        _check_moment(moment)
        windows: list[tuple[datetime | None, datetime | None]] = [
            (rule.starts_at, rule.ends_at) for rule in self.markdowns
        ]
        windows += [(rule.starts_at, rule.ends_at) for rule in self.bundles]
        edges = [edge for window in windows for edge in window if edge is not None and edge > moment]
        return min(edges, default=None)

    def names(self) -> dict[str, str]:
        """Each rule's name by its id, for the screen and the receipt."""
        names = {rule.rule_id: rule.name for rule in self.markdowns}
        names.update((rule.rule_id, rule.name) for rule in self.bundles)
        return names


class MarkdownIndex:
    """The markdowns by what they target, so a line looks only at those that can match it.

    A percentage is kept as an exact fraction and applied in integers, which
    rounds half up exactly as ``Markdown.marked_price`` does with Decimals, at a
    fraction of the cost (every line of every scan is priced here).
    """

    def __init__(self, markdowns: Iterable[Markdown]) -> None:
        self._by_target: dict[tuple[str, str], list[tuple[str, int, int, int | None]]] = {}
        for markdown in markdowns:
            numerator, denominator = (
                markdown.percent_off.as_integer_ratio() if markdown.percent_off is not None else (0, 1)
            )
            self._by_target.setdefault((markdown.target.kind.value, markdown.target.value), []).append(
                (markdown.rule_id, 2 * numerator, 200 * denominator, markdown.new_price)
            )

    def best(self, item: Priced, unit_price: int) -> tuple[int, str | None]:
        """The lowest unit price any matching markdown gives, ties to the smallest rule id."""
        best_price, best_id = unit_price, None
        by_target = self._by_target
        for target in (("sku", item.sku), ("maker", item.maker_id), ("category", item.category)):
            for rule_id, twice_numerator, twice_denominator, new_price in by_target.get(target, ()):
                if new_price is None:
                    # unit x percent / 100, half up: floor((2 x unit x num + 100 x den) / (200 x den)).
                    off = (unit_price * twice_numerator + twice_denominator // 2) // twice_denominator
                    price = unit_price - off
                else:
                    price = min(unit_price, new_price)
                if price < best_price or (price == best_price and best_id is not None and rule_id < best_id):
                    best_price, best_id = price, rule_id
        return best_price, best_id
