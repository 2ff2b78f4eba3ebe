"""The automatic prices at the counter: the rules in force on this till, and the moment a cart is priced at.

Every cart the screen shows and every sale completed is priced here, with the
markdowns and bundles this till holds (app/store/price_rules.py) at the
moment of ``app.domain.clock.now``: the same rules and the same clock for the
price shown and the price charged (docs/pricing_rules.md, "At the counter").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from sqlalchemy import Connection

from app.domain.cart import Cart, PricedCart, price_cart
from app.domain.clock import now
from app.domain.events import EventSettings
from app.domain.price_rules import Bundle, Markdown, PriceRules
from app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class CounterPrices:
    """The rules this till holds (whatever their time window) and the moment to price at."""

    at: datetime
    rules: PriceRules = field(default_factory=PriceRules)

    def price(self, cart: Cart, event: EventSettings) -> PricedCart:
        if not (self.rules.markdowns or self.rules.bundles):
            return price_cart(cart, event.prices_include_tax)  # exactly the prices before rules existed
        return price_cart(cart, event.prices_include_tax, self.rules, self.at)

    @property
    def next_change(self) -> datetime | None:
        """When a rule next starts or ends: the screen prices the cart again then, without a scan."""
        return self.rules.next_change(self.at)

    @property
    def names(self) -> dict[str, str]:
        return self.rules.names()


def discountable(priced: PricedCart, line_id: str) -> int:
    """What a line discount lowers, and the limit measures it on: the line after its markdown and bundle."""
    for line in priced.lines:
        if line.line.line_id == line_id:
            return line.base_amount - line.markdown - line.bundle
    return priced.cart.line(line_id).base_amount  # raises NotFound: the line is gone


@cache
def _rules_loader() -> Callable[[Connection], tuple[Markdown | Bundle, ...]]:
    """``load_price_rules``, imported on first use: the rules' records load pydantic, which opening the sell
    screen does not need. Kept after that: an import statement in the function cost every sale about 7 µs."""
    from app.store.price_rules import load_price_rules

    return load_price_rules


def counter_prices_in(uow: UnitOfWork, at: datetime | None = None) -> CounterPrices:
    """The rules held in the store of ``uow`` (inside its transaction), to price at ``at`` or now."""
    loaded = _rules_loader()(uow.connection)
    return CounterPrices(
        now() if at is None else at,
        PriceRules(
            tuple(rule for rule in loaded if isinstance(rule, Markdown)),
            tuple(rule for rule in loaded if isinstance(rule, Bundle)),
        )
        if loaded
        else PriceRules(),
    )


def rule_names_in(uow: UnitOfWork) -> dict[str, str]:
    """Every rule's name by id, withdrawn ones too: a receipt reprinted later still names its rules."""
    from app.store.price_rules import stored_price_rules

    return {held.rule_id: held.record.name for held in stored_price_rules(uow.connection, include_withdrawn=True)}
