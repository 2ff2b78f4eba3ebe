"""Cart rows show the whole name and the variant, and the Discount column only once a line has a discount."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QRect, Qt
from pytestqt.qtbot import QtBot

from app.domain.cart import Discount, DiscountKind
from app.services import carts
from app.ui.cart_model import Column
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill
from tests.ui.conftest import sign_in
from tests.ui.long_cart import CART_LINES, LONG_NAME, LONG_VARIANT, full_cart  # noqa: F401 (the fixture, used by name)
from tests.ui.screen_fit import SIZES


@pytest.mark.usefixtures("full_cart")
def test_every_row_shows_the_whole_name_and_its_variant_at_every_size(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    sign_in(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.sell.model.rowCount() == CART_LINES)
    table, model = window.sell.table, window.sell.model
    first = model.index(0, Column.ITEM)
    assert model.data(first) == f"{LONG_NAME} {LONG_VARIANT}\n{window.sell.state.cart.lines[0].item.maker_name}"
    for size in SIZES:
        window.showNormal()
        window.resize(*size)
        qtbot.wait(30)
        assert table.isColumnHidden(Column.DISCOUNT), "no line has a discount: no empty column"
        width = table.columnWidth(Column.ITEM) - 12
        needed = table.fontMetrics().boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, model.data(first)
        )
        assert needed.height() <= table.rowHeight(0), f"{size}: the name and variant need {needed.height()} px"
        assert table.rowHeight(0) >= 44


@pytest.mark.usefixtures("full_cart")
def test_the_discount_column_shows_once_a_line_has_a_discount(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    sign_in(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.sell.model.rowCount() == CART_LINES)
    assert window.sell.table.isColumnHidden(Column.DISCOUNT)
    state = window.sell.state
    assert state is not None
    carts.discount_line(
        state.cart.cart_id,
        state.cart.lines[0].line_id,
        Discount(DiscountKind.PERCENT, Decimal(10)),
        demo.manager,
        demo.till.uow(),
    )
    window.sell.start(window.staff)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not window.sell.table.isColumnHidden(Column.DISCOUNT))
