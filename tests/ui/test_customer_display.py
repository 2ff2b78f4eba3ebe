"""The customer display: on the customer's screen when there is one, large type, the shop's name, a thank-you."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.services.selling import SaleCompleted
from app.ui.customer_display import CustomerDisplay, customer_screen
from app.ui.main_window import MainWindow
from tests.ui.conftest import scan
from tests.ui.counter_start import MUG, signed_in_as_sam


def test_the_customer_gets_the_first_screen_that_is_not_the_tills() -> None:
    till, hall, side = object(), object(), object()
    assert customer_screen([till], till) is None, "one screen: the till keeps it"
    assert customer_screen([till, hall], till) is hall
    assert customer_screen([hall, till, side], till) is hall, "the till's screen need not be the first"
    assert customer_screen([], None) is None


def test_on_one_screen_the_display_is_a_window_with_the_shops_name_in_large_type(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert len(QGuiApplication.screens()) == 1  # the offscreen platform has one
    signed_in_as_sam(qtbot, window)
    window.toggle_customer_display()
    display = window.customer_display
    assert display is not None
    qtbot.addWidget(display)
    qtbot.waitUntil(display.isVisible)
    assert not display.isFullScreen()
    assert display.welcome.text() == "Welcome to Winter Makers Market"
    scan(qtbot, window, MUG)
    qtbot.waitUntil(lambda: display.lines.count() == 1)
    # Large type, whatever the till's own style sheet says for the clerk's labels.
    assert display.total.font().pixelSize() >= 60 and display.lines.font().pixelSize() >= 30
    assert display.welcome.font().pixelSize() >= 40


def test_a_sale_ends_with_the_change_and_a_thank_you_then_the_next_cart_clears_it(qtbot: QtBot) -> None:
    display = CustomerDisplay("Makers' Market Zürich")
    qtbot.addWidget(display)
    display.show_completed(SaleCompleted("s1", "A-000001", 1800, 0, 200, "CHF"), "CHF 2.00")
    assert display.footer.text() == "Your change: CHF 2.00\nThank you for shopping at Makers' Market Zürich!"
    display.show_completed(SaleCompleted("s2", "A-000002", 2000, 0, 0, "CHF"), "CHF 0.00")
    assert display.footer.text() == "Thank you for shopping at Makers' Market Zürich!", "no change, no change line"
