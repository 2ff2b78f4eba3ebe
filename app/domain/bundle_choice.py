"""Choosing which units go into which bundle: the best split of a cart's units among competing bundles.

The cart (app/domain/cart.py) hands over the units a bundle may take, dearest
first, and gets back the groups to price; the rules themselves are in
app/domain/price_rules.py, their order and tie-breaks in docs/pricing_rules.md.
Every choice is deterministic, as there: by result first, then by rule id, and
units by price, then by (SKU, line id).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import permutations
from typing import NamedTuple

from app.domain.price_rules import Bundle, Priced

# Competing bundles are tried in every order up to this many (3! orders); above it, in two orders.
MAX_BUNDLES_TRIED_IN_EVERY_ORDER = 3


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
