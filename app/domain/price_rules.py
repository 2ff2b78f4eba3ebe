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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from itertools import permutations
from typing import NamedTuple, Protocol

from app.domain.errors import InvalidInput
from app.domain.money import round_half_up
from app.domain.texts import _

_HUNDRED = Decimal(100)
# Competing bundles are tried in every order up to this many (3! orders); above it, in two orders.
MAX_BUNDLES_TRIED_IN_EVERY_ORDER = 3


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


class BundleUnits(NamedTuple):
    """Units of one cart line that a bundle may take, at their price after markdowns."""

    line_index: int
    item: Priced
    unit_price: int
    quantity: int
    order_key: tuple[str, ...]


class BundleGroup(NamedTuple):
    """``times`` identical groups of one bundle: (line index, units, unit price) per part."""

    bundle_id: str
    saving: int
    parts: tuple[tuple[int, int, int], ...]
    times: int


# In the search, a unit is (line index, unit price) and a group a plain tuple of BundleGroup's fields: the
# plans make thousands of them a second and only the best plan's become BundleGroups.
_Run = tuple[int, int]
_Group = tuple[str, int, tuple[tuple[int, int, int], ...], int]


@dataclass(slots=True)
class _Plan:
    groups: list[_Group] = field(default_factory=list)
    saving: int = 0


def choose_bundles(bundles: Sequence[Bundle], units: Sequence[BundleUnits]) -> list[BundleGroup]:
    """The bundle groups that save the customer the most, a unit in at most one group.

    Bundles that share no units are independent, and each alone is solved exactly:
    the dearest units first, n at a time, while a group still saves money. Bundles
    that compete for units are tried in turn in several orders (see ``_orders``),
    each taking either the dearest units left or first the units only it can take;
    the plan saving the most wins, the first one tried on a tie. That search is
    bounded, so with competing bundles it can miss the best plan by a little
    (docs/pricing_rules.md, "Limits").
    """
    dearest = _dearest_first(bundles, units)
    groups: list[BundleGroup] = []
    for component in _competing(sorted(bundles, key=lambda bundle: bundle.rule_id), dearest):
        dearest_first = {
            bundle.rule_id: [(unit.line_index, unit.unit_price) for unit in dearest[bundle.rule_id]]
            for bundle in component
        }
        only_mine_first: dict[str, list[_Run]] = {}
        if len(component) > 1:
            shared = _shared_units(component, dearest)
            for rule_id, runs in dearest_first.items():
                mine_first = sorted(runs, key=lambda run: shared[run[0]])
                # Only a bundle with units of its own and shared ones has a second order to try.
                if mine_first != runs:
                    only_mine_first[rule_id] = mine_first
        best: _Plan | None = None
        # What each line has for the component's bundles, copied by each plan (cheaper than built again).
        units_left = {unit.line_index: unit.quantity for bundle in component for unit in dearest[bundle.rule_id]}
        for order in _orders(component, dearest_first, units_left):
            # The last bundle of an order leaves units to nobody: it takes the dearest left, which for one
            # bundle is the best choice. So "its own units first" is worth a plan only if a bundle before
            # the last has such units; otherwise that plan is the dearest-first one.
            earlier = [bundle.rule_id for bundle in order[:-1] if bundle.rule_id in only_mine_first]
            tried = [dearest_first]
            if earlier:
                tried.append({**dearest_first, **{rule_id: only_mine_first[rule_id] for rule_id in earlier}})
            for plan_runs in tried:
                plan = _plan(order, plan_runs, units_left)
                if best is None or plan.saving > best.saving:
                    best = plan
        if best is not None:
            groups.extend(BundleGroup(*group) for group in best.groups)
    return groups


def _dearest_first(bundles: Sequence[Bundle], units: Sequence[BundleUnits]) -> dict[str, list[BundleUnits]]:
    """Each bundle's candidate units, dearest first (ties in (SKU, line id) order).

    The units are sorted once and indexed by SKU and by category, so a bundle
    gathers only the units it names instead of asking every unit of the cart.
    """
    ordered = sorted(units, key=lambda unit: (-unit.unit_price, unit.order_key))
    by_sku: dict[str, list[BundleUnits]] = {}
    by_category: dict[str, list[BundleUnits]] = {}
    for unit in ordered:
        by_sku.setdefault(unit.item.sku, []).append(unit)
        by_category.setdefault(unit.item.category, []).append(unit)
    candidates: dict[str, list[BundleUnits]] = {}
    for bundle in bundles:
        if not bundle.skus:
            candidates[bundle.rule_id] = by_category.get(bundle.category, [])
            continue
        found = [unit for sku in bundle.skus for unit in by_sku.get(sku, ())]
        if len({sku for sku in bundle.skus if sku in by_sku}) > 1:
            found.sort(key=lambda unit: (-unit.unit_price, unit.order_key))
        candidates[bundle.rule_id] = found
    return candidates


def _competing(bundles: list[Bundle], eligible: dict[str, list[BundleUnits]]) -> list[list[Bundle]]:
    """Bundles grouped with those they could take a unit from, each group in rule-id order."""
    components: list[tuple[list[Bundle], set[int]]] = []
    for bundle in bundles:
        indexes = {unit.line_index for unit in eligible[bundle.rule_id]}
        if not indexes:
            continue
        joined = [component for component in components if component[1] & indexes]
        merged = ([bundle], indexes)
        for members, taken in joined:
            merged[0].extend(members)
            merged[1].update(taken)
            components.remove((members, taken))
        merged[0].sort(key=lambda rule: rule.rule_id)
        components.append(merged)
    return sorted((members for members, _taken in components), key=lambda members: members[0].rule_id)


def _shared_units(component: list[Bundle], eligible: dict[str, list[BundleUnits]]) -> dict[int, int]:
    """How many bundles of the component could take each line's units."""
    shared: dict[int, int] = {}
    for bundle in component:
        for unit in eligible[bundle.rule_id]:
            shared[unit.line_index] = shared.get(unit.line_index, 0) + 1
    return shared


def _orders(
    component: list[Bundle], dearest_first: dict[str, list[_Run]], units_left: dict[int, int]
) -> list[tuple[Bundle, ...]]:
    """Every order of a few bundles; of many, the one saving most alone first, then rule-id order.

    Putting the best bundle alone first keeps the promise that bundles together
    never save less than the best of them alone, at a cost that grows with the
    number of bundles rather than with its factorial.
    """
    if len(component) <= MAX_BUNDLES_TRIED_IN_EVERY_ORDER:
        return list(permutations(component))
    alone = {
        bundle.rule_id: _take_groups(bundle, dearest_first[bundle.rule_id], units_left.copy(), [])
        for bundle in component
    }
    by_saving = tuple(sorted(component, key=lambda bundle: -alone[bundle.rule_id]))
    return [by_saving] if by_saving == tuple(component) else [by_saving, tuple(component)]


def _plan(order: Sequence[Bundle], runs: dict[str, list[_Run]], left: dict[int, int]) -> _Plan:
    """Each bundle in turn takes its units in the order of ``runs`` from ``left`` (a copy is used up)."""
    left = left.copy()
    plan = _Plan()
    for bundle in order:
        plan.saving += _take_groups(bundle, runs[bundle.rule_id], left, plan.groups)
    return plan


def _take_groups(bundle: Bundle, runs: list[_Run], left: dict[int, int], groups: list[_Group]) -> int:
    """Add groups of ``bundle.count`` units taken from ``runs`` in their order while a group saves money.

    Returns what they save. This is the hot loop of pricing (every plan of every
    scan runs it), hence the plain indexes rather than slices and generators.
    """
    count, price, rule_id, end = bundle.count, bundle.price, bundle.rule_id, len(runs)
    saved = 0
    position = 0
    while position < end:
        line_index, unit_price = runs[position]
        available = left[line_index]
        if not available:
            position += 1
            continue
        if available >= count:
            saving = count * unit_price - price
            if saving <= 0:
                break
            times = available // count
            left[line_index] = available - times * count
            groups.append((rule_id, saving, ((line_index, count, unit_price),), times))
            saved += saving * times
            continue
        parts: list[tuple[int, int, int]] = []
        needed, worth = count, 0
        later_position = position
        while needed and later_position < end:
            later_index, later_price = runs[later_position]
            taken = min(needed, left[later_index])
            if taken:
                parts.append((later_index, taken, later_price))
                needed -= taken
                worth += taken * later_price
            later_position += 1
        if needed or worth <= price:
            break
        for index, units, _price in parts:
            left[index] -= units
        groups.append((rule_id, worth - price, tuple(parts), 1))
        saved += worth - price
    return saved
