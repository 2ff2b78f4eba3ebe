"""The manager's drops tab under pytest-qt: a drop typed in the dialog, refused with what to change, saved,
listed with what is left at the counter, changed, and enforced at the counter (docs/drops.md)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.errors import RuleViolation
from app.services import carts
from app.store.drops import DropRepository
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill
from tests.ui.manager_tabs import empty_manager_tab, opened_dialog, table_rows


def test_a_drop_typed_in_the_dialog_is_listed_changed_and_enforced(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    tab, errors = empty_manager_tab(qtbot, window, lambda manager: manager.drops, lambda tab: tab.table)

    dialog = opened_dialog(qtbot, tab.add, lambda: tab.dialog)
    qtbot.keyClicks(dialog.name, "Mugs")
    qtbot.keyClicks(dialog.skus, "BER-003, BER-004")
    dialog.release_at.clear()
    qtbot.keyClicks(dialog.release_at, "2026-01-01 14:00")
    qtbot.keyClicks(dialog.online, "30")
    qtbot.keyClicks(dialog.counter, "ten")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors))
    assert "whole numbers, 0 or more" in errors[-1]
    dialog.counter.clear()
    qtbot.keyClicks(dialog.counter, "3")
    qtbot.keyClicks(dialog.per_sale, "3")
    qtbot.keyClicks(dialog.per_customer, "2")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(errors) == 2)
    assert "per-sale cap is larger than the per-customer cap" in errors[-1]
    assert dialog.isVisible(), "a refused drop keeps what was typed"

    dialog.per_sale.clear()
    qtbot.keyClicks(dialog.per_sale, "2")
    dialog.per_customer.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: len(table_rows(tab.table)) == 1)
    name, _release, online, counter, left, per_sale, per_customer = table_rows(tab.table)[0]
    assert (name, online, counter, left, per_sale, per_customer) == ("Mugs", "30", "3", "3", "2", "–")

    tab.table.selectRow(0)
    changing = opened_dialog(qtbot, tab.change, lambda: tab.dialog)
    assert changing is not dialog
    assert (changing.name.text(), changing.skus.text(), changing.counter.text()) == ("Mugs", "BER-003, BER-004", "3")
    changing.counter.clear()
    qtbot.keyClicks(changing.counter, "5")
    qtbot.mouseClick(changing.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not changing.isVisible())
    qtbot.waitUntil(lambda: table_rows(tab.table) and table_rows(tab.table)[0][3] == "5")
    assert len(table_rows(tab.table)) == 1
    with demo.till.uow() as uow:
        [stored] = DropRepository(uow.connection).all()
        assert stored.drop.counter_allocation == 5 and stored.drop.per_sale_cap == 2
        assert [r.type for r in uow.outbox.records() if r.type == "drop.set"] == ["drop.set", "drop.set"]

    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, "BER-003", demo.cashier, demo.till.uow())
    carts.scan(cart_id, "BER-004", demo.cashier, demo.till.uow())
    with pytest.raises(RuleViolation, match="At most 2 per sale of drop Mugs"):
        carts.scan(cart_id, "BER-003", demo.cashier, demo.till.uow())
