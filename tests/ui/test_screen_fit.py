"""Every screen and dialog at 1024x600, 1366x768 and 1920x1080, in English and German, checked by screen_fit.

The till carries a 20-line cart whose first product has a 60-character name and a variant. A page of
the main window is checked in the window resized to the screen; a dialog is checked at the size it
opens at, kept within the screen: if it cannot shrink to the screen, that is a misfit too.
Run with ``-s`` to read the controls checked and the misfits per size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget, QWizard
from pytestqt.qtbot import QtBot

from app.domain.progress import CancelToken
from app.services.custom_amount import custom_amount_choices
from app.ui.application import install_translator, uninstall_translator
from app.ui.approval_dialog import ApprovalDialog
from app.ui.custom_amount_dialog import CustomAmountDialog
from app.ui.demand_dialog import DemandDialog
from app.ui.first_run.base import Step
from app.ui.first_run.wizard import FirstRunWizard
from app.ui.last_look import LastLookDialog
from app.ui.main_window import MainWindow
from app.ui.manager.drop_dialog import DropDialog
from app.ui.manager.group_buy_admin_dialog import GroupBuyAdminDialog
from app.ui.manager.maker_fees import MakerFeesDialog
from app.ui.manager.price_rule_dialog import PriceRuleDialog
from app.ui.number_pad import NumberPadDialog, percent_presets
from app.ui.pin_pad import PinDialog
from app.ui.progress import ProgressDialog
from app.ui.sell_dialogs import ChoiceDialog, PresetTextDialog
from app.ui.staff_panel import NewPersonDialog
from app.ui.styles import style_sheet
from app.ui.tender_dialog import TenderDialog
from sync.consignment import MakerTerms
from tests.conftest import DemoTill
from tests.ui.conftest import sign_in
from tests.ui.long_cart import CART_LINES, LONG_NAME, LONG_VARIANT, full_cart
from tests.ui.screen_fit import SIZES, Misfit, fit_window, in_scroll_area, misfits

__all__ = ["full_cart"]

# Large enough that no single tender of the demo covers it: the tender dialog is checked in Split.
SPLIT_TOTAL = 1_234_550

Opener = Callable[[], QWidget]


class Tally:
    """Controls checked and misfits, per screen size, over every screen and dialog of one test."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.checked: Counter[tuple[int, int]] = Counter()
        self.problems: list[str] = []

    def add(self, name: str, size: tuple[int, int], found: list[Misfit], checked: int) -> None:
        assert checked > 0, f"{name} at {size}: no control checked, is it on screen?"
        self.checked[size] += checked
        self.problems += [f"{self.language} {name} {size[0]}x{size[1]}: {problem}" for problem in found]

    def report(self, what: str) -> None:
        for size in SIZES:
            failed = sum(f" {size[0]}x{size[1]}:" in problem for problem in self.problems)
            print(f"{self.language} {what} {size[0]}x{size[1]}: {self.checked[size]} controls, {failed} misfits")
        print("\n".join(self.problems))


@pytest.fixture(params=["en", "de_DE"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    translator = install_translator(qapp, request.param) if request.param != "en" else None
    yield request.param
    if translator is not None:
        uninstall_translator(qapp, translator)


def fit_dialog(
    qtbot: QtBot, dialog: QWidget, size: tuple[int, int], opened: dict[int, QSize]
) -> tuple[list[Misfit], int]:
    """The dialog at the size it opened at, kept within the screen as a window manager keeps it."""
    dialog.show()
    qtbot.wait(20)
    first = opened.setdefault(id(dialog), dialog.size().expandedTo(dialog.sizeHint()))
    dialog.resize(min(first.width(), size[0]), min(first.height(), size[1]))
    qtbot.wait(30)
    return misfits(dialog, size)


def pages(window: MainWindow) -> dict[str, Callable[[], None]]:
    def tab(index: int) -> Callable[[], None]:
        def show() -> None:
            window.show_manager()
            window.manager.tabs.setCurrentIndex(index)

        return show

    shown = {"sell": window.show_sell, "pickup": window.show_pickup, "returns": window.show_returns}
    window.show_manager()
    tabs = window.manager.tabs
    shown.update({f"manager tab '{tabs.tabText(index)}'": tab(index) for index in range(tabs.count())})
    return shown


def test_every_screen_fits_every_size(
    qtbot: QtBot, window: MainWindow, demo: DemoTill, full_cart: None, language: str
) -> None:
    assert len(LONG_NAME) == 60
    sign_in(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)
    assert window.sell.model.rowCount() == CART_LINES
    tally = Tally(language)
    for name, show in pages(window).items():
        show()
        qtbot.wait(50)
        for size in SIZES:
            tally.add(name, size, *fit_window(qtbot, window, size))
            if name == "sell":
                # Pay and the cart are never scrolled away: outside any scroll area, wholly in the window.
                for widget in (window.sell.pay_button, window.sell.table):
                    assert not in_scroll_area(widget)
                    assert window.rect().contains(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))
    tally.report("screens")
    assert not tally.problems


def dialogs(window: MainWindow, demo: DemoTill, qtbot: QtBot) -> dict[str, Opener]:
    event = window.sell.state.event if window.sell.state else None
    assert event is not None

    def tender() -> QWidget:
        dialog = TenderDialog(SPLIT_TOTAL, event, window)
        dialog.show()
        qtbot.mouseClick(dialog.split_button, Qt.MouseButton.LeftButton)
        return dialog

    def opened_by_window(show: Callable[[], None], attribute: str) -> Opener:
        def open_it() -> QWidget:
            show()
            qtbot.waitUntil(lambda: getattr(window, attribute) is not None)
            dialog: QWidget = getattr(window, attribute)
            return dialog

        return open_it

    choices = custom_amount_choices(demo.till.uow())
    return {
        "tender dialog (split)": tender,
        "number pad": lambda: NumberPadDialog(
            window.tr("Discount"),
            window.tr("Discount the selected line: 10% or an amount"),
            currency=event.currency,
            presets=percent_presets(5, 10, 15, 20),
            percent_key=True,
            parent=window,
        ),
        "approval dialog": lambda: ApprovalDialog(
            f"Price change on {LONG_NAME}", ["Alex Manager", "Robin Long-Surname-Manager"], window
        ),
        "printer settings": opened_by_window(window.show_printer_settings, "printer_dialog"),
        "sync dialog": opened_by_window(window.show_sync, "sync_dialog"),
        "sales list": opened_by_window(window.show_sales, "sales_dialog"),
        "custom amount": lambda: CustomAmountDialog(choices, window),
        "progress": lambda: ProgressDialog("Exporting the event report", CancelToken(), window),
        "preset text (void reason)": lambda: PresetTextDialog(
            "Void the cart",
            "Why is this cart thrown away?",
            ["Customer left", "Scanned the wrong items", "Test sale"],
            allow_empty=False,
            parent=window,
        ),
        "choice (recall a parked cart)": lambda: ChoiceDialog(
            "Recall", "Which parked cart?", [f"{LONG_NAME} · 12:0{n}" for n in range(5)], window
        ),
        "new person": lambda: NewPersonDialog(window),
        "PIN dialog": lambda: PinDialog("New PIN", ["PIN", "The same PIN again"], parent=window),
        "price rule (markdown)": lambda: PriceRuleDialog("markdown", datetime(2026, 12, 5, 19, 0), window),
        "price rule (bundle)": lambda: PriceRuleDialog("bundle", datetime(2026, 12, 5, 19, 0), window),
        "group buy (manager)": lambda: GroupBuyAdminDialog(datetime(2026, 12, 5, 19, 0), None, window),
        "drop (manager)": lambda: DropDialog(datetime(2026, 12, 5, 19, 0), None, window),
        "maker fees (manager)": lambda: MakerFeesDialog(
            LONG_NAME, MakerTerms(250_000, Decimal("0.125"), Decimal("0.0175")), event.currency, window
        ),
        "last look": lambda: LastLookDialog(
            "Refund", "Refund these lines?", [f"1 × {LONG_NAME} ({LONG_VARIANT})"] * 5, "Refund", window
        ),
        "asked for (sold out)": lambda: DemandDialog(
            window.worker, demo.till.uow, demo.cashier, "ATE-001", f"{LONG_NAME} {LONG_VARIANT}", window
        ),
        "asked for (not stocked)": lambda: DemandDialog(
            window.worker, demo.till.uow, demo.cashier, None, LONG_NAME, window
        ),
    }


def test_every_dialog_fits_every_size(
    qtbot: QtBot, window: MainWindow, demo: DemoTill, full_cart: None, language: str
) -> None:
    sign_in(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)
    window.resize(*SIZES[0])
    tally = Tally(language)
    opened: dict[int, QSize] = {}
    for name, open_dialog in dialogs(window, demo, qtbot).items():
        dialog = open_dialog()
        qtbot.wait(50)
        for size in SIZES:
            tally.add(name, size, *fit_dialog(qtbot, dialog, size, opened))
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()
    tally.report("dialogs")
    assert not tally.problems


def click_next(qtbot: QtBot, wizard: FirstRunWizard, step: Step) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == step)


def test_every_wizard_page_fits_every_size(qtbot: QtBot, qapp: QApplication, empty_till: object, language: str) -> None:
    qapp.setStyleSheet(style_sheet("light"))
    wizard = FirstRunWizard(empty_till)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    tally = Tally(language)
    opened: dict[int, QSize] = {}

    def check() -> None:
        qtbot.wait(30)
        for size in SIZES:
            tally.add(f"wizard {Step(wizard.currentId()).name}", size, *fit_dialog(qtbot, wizard, size, opened))
            next_or_finish = wizard.button(
                QWizard.WizardButton.FinishButton
                if wizard.currentId() == Step.DONE
                else QWizard.WizardButton.NextButton
            )
            assert next_or_finish.isVisible()

    wizard.show()
    qtbot.waitUntil(lambda: wizard.event_page.real.text() != "")
    check()
    click_next(qtbot, wizard, Step.CONNECT)
    qtbot.waitUntil(lambda: wizard.connect_page.event_box.locale_choice.count() > 100, timeout=10_000)
    check()
    wizard.back()
    wizard.event_page.demo.setChecked(True)
    for step in (Step.STAFF, Step.PRINTER, Step.FLOAT, Step.DONE):
        click_next(qtbot, wizard, step)
        qtbot.waitUntil(lambda: wizard.currentPage().isComplete())
        check()
    wizard.reject()
    tally.report("wizard pages")
    assert not tally.problems


def test_a_button_tall_enough_for_a_finger_passes_and_a_short_one_is_named(qtbot: QtBot) -> None:
    """The checker itself: it names what is wrong, so a passing fit test means something."""
    box = QDialog()
    box.setStyleSheet("QPushButton { min-height: 0px; padding: 0px; }")  # the sizes below, not the style's
    qtbot.addWidget(box)
    tall, short = QPushButton("Tall", box), QPushButton("Short", box)
    tall.setFixedSize(100, 50)
    short.setFixedSize(100, 30)
    short.move(0, 60)
    box.resize(200, 120)
    box.show()
    qtbot.wait(10)
    found, checked = misfits(box, (1024, 600))
    assert checked == 2
    assert [str(problem) for problem in found] == ["QPushButton 'Short': 30 px tall, under 44 px"], found
    box.resize(200, 80)
    found, _ = misfits(box, (1024, 600))
    assert any("outside the 200x80 window" in str(problem) for problem in found)
