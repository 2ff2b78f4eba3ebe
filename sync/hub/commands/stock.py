"""``popup-hub stock show``: per product, the units on hand, those reserved for pickup orders, and what the
counter may still sell (sync/hub/store/availability.py); ``popup-hub stock locations``: where the units are
(sync/hub/store/stock_locations.py). ``stock set`` is one of the core commands in sync/hub/cli.py."""

from __future__ import annotations

import argparse

from sync.hub.store import HubStore
from sync.hub.store.availability import StockFigures, stock_figures
from sync.hub.store.enrollment import require_event
from sync.hub.store.stock_locations import LocatedStock, by_location
from sync.records.locations import STALL


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = _stock_actions(commands)
    show = actions.add_parser(
        "show", help="on hand, reserved for paid pickup orders and available to the counter, per product"
    )
    show.add_argument("--event", required=True, help="the event id")
    show.add_argument("sku", nargs="*", help="only these products (default: every product with stock or orders)")
    show.set_defaults(run=run_show)
    locations = actions.add_parser(
        "locations",
        help="units per location: sellable, the stall, each till, the quality hold, back with the maker",
    )
    locations.add_argument("--event", required=True, help="the event id")
    locations.add_argument("--sku", action="append", default=[], help="only this product (repeat)")
    locations.set_defaults(run=run_locations)


def _stock_actions(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The actions of ``popup-hub stock``, which sync/hub/cli.py makes (``stock set`` is there)."""
    for action in commands.choices["stock"]._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError("popup-hub stock has no actions to add to")


def run_show(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.connect() as connection:
        require_event(connection, args.event)
        figures = stock_figures(connection, args.event, args.sku or None)
    if not figures:
        print("No stock and no pickup order at this event yet: set stock with 'popup-hub stock set'.")
        return
    print("\n".join(figures_table(figures)))


def figures_table(figures: dict[str, StockFigures]) -> list[str]:
    header = ["SKU", "on hand", "reserved", "available"]
    rows = [[sku, str(each.on_hand), str(each.reserved), str(each.available)] for sku, each in sorted(figures.items())]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    return [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *rows]
    ]


def run_locations(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.connect() as connection:
        located = by_location(connection, args.event, args.sku)
    if not located:
        print("No stock at this event yet: tills book goods in with 'popup-pos stock receive'.")
        return
    print("\n".join(locations_table(located)))


def locations_table(located: list[LocatedStock]) -> list[str]:
    """One line per product: its sellable units, then the stall and every other place any product is at."""
    others = sorted({place for stock in located for place in stock.places} - {STALL})
    header = ["SKU", "sellable", STALL, *others]
    rows = [
        [stock.sku, str(stock.sellable), *(str(stock.places.get(place, 0)) for place in [STALL, *others])]
        for stock in located
    ]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    return [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *rows]
    ]
