"""Two tills of an event on the way to its close: a sale of ``SKU`` each (fixture ``tills``), a till's end of
day (``close_till``) and the ``popup-hub`` commands run in this process (``hub_command``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.cash import close_session
from app.services.event_close import close_event
from app.services.selling import CompleteSale, complete_sale
from app.services.stock_count import count_item, post_count, start_count
from sync.hub.cli import main
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.till_actions import sync

SKU = "ATE-001"


def sell(till: EnrolledTill) -> None:
    cart_id = carts.current_cart(till.cashier, till.till.uow()).cart.cart_id
    state = carts.scan(cart_id, SKU, till.cashier, till.till.uow())
    tender = Tender(TenderKind.CARD, state.priced.total, "TRM-1")
    complete_sale(CompleteSale(cart_id, till.cashier, (tender,)), till.till.uow())


def close_till(till: EnrolledTill, *, cash: bool = True) -> None:
    """The till's end of day: the drawer counted, a stock count posted, the event closed on the till."""
    if cash:
        close_session({2000: 5}, till.manager, till.till.uow())
    count_id = start_count(till.manager, till.till.uow())
    count_item(count_id, SKU, till.manager, till.till.uow(), quantity=1)
    post_count(count_id, till.manager, till.till.uow())
    close_event(till.manager, till.till.uow(), accept_unsynced=True)


def hub_command(hub_url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--db", hub_url, *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def tills(hub: HubEvent, tmp_path: Path) -> Iterator[tuple[EnrolledTill, EnrolledTill]]:
    """Tills A and B of the event, each with a sale synced; the hub stocked so no sale goes below zero."""
    hub.hub.store.set_stock(hub.event_id, SKU, 50)
    pair = (
        enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-a", "A"),
        enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-b", "B"),
    )
    for till in pair:
        sync(till)
        sell(till)
        sync(till)
    yield pair
    for till in pair:
        till.till.close()
