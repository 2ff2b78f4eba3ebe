"""Automatic prices on the sell screen: a markdown appearing on its own at its start, a bundle over two lines."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain import clock
from app.store.price_rules import save_price_rule
from app.ui.cart_model import Column
from app.ui.main_window import MainWindow
from sync.records.price_rules import BundleTerms, MarkdownTerms, PriceRuleChanged
from tests.conftest import DemoTill
from tests.ui.conftest import scan, sign_in

MUG = "2000000000114"  # BER-003, CHF 32.00
CUP_WHITE, CUP_CELADON = "BER-001", "BER-002"  # CHF 18.00 each
START = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)


@pytest.fixture
def at() -> Iterator[list[datetime]]:
    moment = [START - timedelta(milliseconds=300)]
    clock.set_clock(lambda: moment[0])
    yield moment
    clock.set_clock(None)


def _save(demo: DemoTill, rule_id: str, name: str, **terms: object) -> None:
    rule = PriceRuleChanged(
        rule_id=rule_id,
        name=name,
        active=True,
        changed_at="2026-12-05T09:00:00+00:00",
        change_id=str(uuid.uuid4()),
        changed_by="hub",
        **terms,  # type: ignore[arg-type]
    )
    with demo.till.uow() as uow:
        save_price_rule(uow.connection, rule)
        uow.commit()


def _item_text(window: MainWindow, row: int) -> str:
    return str(window.sell.model.index(row, Column.ITEM).data())


def _signed_in(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1024, 600)
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)


def test_a_markdown_appears_on_its_own_at_its_start_time(
    qtbot: QtBot, window: MainWindow, demo: DemoTill, at: list[datetime]
) -> None:
    _save(
        demo,
        "md-mugs",
        "Last hour mugs",
        kind="markdown",
        starts_at=START.isoformat(),
        ends_at=(START + timedelta(hours=1)).isoformat(),
        markdown=MarkdownTerms(target_kind="sku", target="BER-003", percent_off="25"),
    )
    _signed_in(qtbot, window)
    scan(qtbot, window, MUG)
    sell = window.sell
    assert sell.total_label.text() == "CHF\xa032.00"
    assert "Last hour mugs" not in _item_text(window, 0)

    at[0] = START  # nobody scans: the screen's own timer prices the cart again as the clock passes 14:00
    qtbot.waitUntil(lambda: sell.total_label.text() == "CHF\xa024.00", timeout=5000)
    assert "Markdown Last hour mugs: -CHF\xa08.00" in _item_text(window, 0)
    assert sell.model.index(0, Column.DISCOUNT).data() == "-CHF\xa08.00"
    assert not sell.table.isColumnHidden(Column.DISCOUNT)
    # The row is tall enough for the name, the maker and the markdown, at 1024x600 with Pay in view.
    metrics = sell.table.fontMetrics()
    assert sell.table.rowHeight(0) >= 3 * metrics.lineSpacing()
    assert sell.pay_button.isVisible() and window.rect().contains(
        sell.pay_button.mapTo(window, sell.pay_button.rect().bottomRight())
    )

    # Paid a second later: the charge is the marked-down price the screen shows.
    at[0] = START + timedelta(seconds=1)
    qtbot.keyClick(sell.scan_field, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: sell.tender_dialog is not None)
    dialog = sell.tender_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.cash_input, "30")
    qtbot.keyClick(dialog.cash_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert dialog.change_label.text() == "Change: CHF\xa06.00"
    qtbot.keyClick(dialog.none_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sell.tender_dialog is None and sell.model.rowCount() == 0)
    with demo.till.uow() as uow:
        sale = uow.sales.latest(1)[0]
        detail = uow.sales.detail(sale.sale_id)
    assert detail is not None and (detail.lines[0].markdown, detail.lines[0].markdown_id) == (800, "md-mugs")


def test_a_bundle_shows_on_both_of_its_lines(
    qtbot: QtBot, window: MainWindow, demo: DemoTill, at: list[datetime]
) -> None:
    _save(
        demo,
        "b-cups",
        "Two cups",
        kind="bundle",
        bundle=BundleTerms(count=2, price=3000, skus=(CUP_WHITE, CUP_CELADON)),
    )
    _signed_in(qtbot, window)
    scan(qtbot, window, CUP_WHITE)
    assert "Two cups" not in _item_text(window, 0)
    scan(qtbot, window, CUP_CELADON)
    sell = window.sell
    qtbot.waitUntil(lambda: sell.total_label.text() == "CHF\xa030.00")
    for row in (0, 1):
        assert "Bundle Two cups: -CHF\xa03.00" in _item_text(window, row)
        assert sell.model.index(row, Column.TOTAL).data() == "CHF\xa015.00"
