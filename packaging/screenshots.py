"""Screenshots for README.md, taken in a real window on a real screen size (`make screenshots`).

Run once per screen under Xvfb (`xvfb-run -s "-screen 0 1024x600x24"`): the screen's size picks
the pictures. The window takes the whole screen, as the till's maximized window does, and each
picture is the whole screen, dialogs included, so it shows exactly what fits on that glass.
Each language drives the real app on its own fresh demo store as a person would: the sign-in
screen, the sell screen with a cart, the payment dialog, the manager's cash session, the pickup
desk, the returns desk, the makers' settlements and automatic prices at the counter. Pictures
land in docs/screenshots as NAME-WxH.png, NAME-WxH-de.png in German.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QScrollArea

from app.bootstrap import Till, open_till
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.demo import demo_pickups, load_demo
from app.services.price_rules import PriceRuleInput, set_price_rule
from app.services.selling import CompleteSale, complete_sale
from app.services.staff import list_staff
from app.ui.application import install_translator, uninstall_translator
from app.ui.main_window import MainWindow
from app.ui.manager.cash_tab import CashTab
from app.ui.manager.settlements_tab import SettlementsTab
from app.ui.styles import style_sheet

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

# In the order of a day at the counter: the sign-in screen comes before anyone signs in; every other scene
# signs in the person it needs.
SCENES = (
    "sign-in",
    "sell-screen",
    "tender-dialog",
    "cash-session",
    "pickup-desk",
    "returns-desk",
    "maker-settlements",
    "automatic-prices",
)
# Per screen (width, height): the scenes to picture in each language ("en", or a locale for install_translator).
PLAN: dict[tuple[int, int], dict[str, tuple[str, ...]]] = {
    # The common laptop: every scene the README shows.
    (1366, 768): {
        "en": (
            "sign-in",
            "sell-screen",
            "tender-dialog",
            "pickup-desk",
            "returns-desk",
            "maker-settlements",
            "automatic-prices",
        )
    },
    # The small till screen, where German's longer words are the hardest to fit.
    (1024, 600): {
        "en": ("sell-screen", "tender-dialog", "cash-session"),
        "de_DE": ("sell-screen", "tender-dialog", "cash-session"),
    },
    (1920, 1080): {"en": ("sell-screen",)},
}
PEOPLE = {"Alex": "1234", "Sam": "1111", "Jo": "2222"}
DRAWER_COUNT = (20, 25, 15, 10, 12, 8, 6, 9, 5, 2, 1)


def pump() -> None:
    # processEvents(flags, max_time) crashes PySide6 6.12 under xcb (a refcount bug): plain call, short sleep.
    QCoreApplication.processEvents()
    time.sleep(0.01)


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: {what} did not happen in {timeout:.0f} s; the app may have changed")
        pump()


def settle(seconds: float = 0.5) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pump()


@dataclass
class Tour:
    """One language on one screen: a fresh demo store, its window filling the screen, and the pictures taken."""

    till: Till
    window: MainWindow
    size: tuple[int, int]
    language: str
    taken: list[Path]

    def check_fits(self, where: str) -> None:
        """The window, frame included, is exactly the screen: a screen that needs more would be cut on the glass."""
        frame = self.window.frameGeometry()
        if (frame.width(), frame.height()) != self.size:
            raise SystemExit(
                f"screenshots: at {where} ({self.language}) the window is {frame.width()}x{frame.height()}"
                f" on a {self.size[0]}x{self.size[1]} screen"
            )

    def shoot(self, scene: str) -> None:
        settle()
        self.check_fits(scene)
        width, height = self.size
        suffix = "" if self.language == "en" else f"-{self.language.split('_')[0]}"
        path = OUT / f"{scene}-{width}x{height}{suffix}.png"
        screen = self.window.screen()
        # The screen, not the widget: a dialog shows where and as large as it opens on that glass.
        picture = screen.grabWindow(0)
        if (picture.width(), picture.height()) != self.size:
            raise SystemExit(f"screenshots: the screen is {picture.width()}x{picture.height()}, not {width}x{height}")
        if not picture.save(str(path)):
            raise SystemExit(f"screenshots: could not write {path}")
        self.taken.append(path)

    def sign_in(self, name: str) -> None:
        window = self.window
        if window.staff is not None and window.staff.name == name:
            return
        window.lock()
        sign_in = window.sign_in
        wait_until(lambda: sign_in.people_grid.count() > 0, "the staff on the sign-in screen")
        settle(0.2)
        person = sign_in.person_named(name)
        sign_in.choose(person)
        # Typed on the pad: it signs in at the PIN's last digit.
        sign_in.pad.display.setText(PEOPLE[name])
        wait_until(lambda: window.staff is not None and window.staff.name == name, f"{name} signing in")


def fill_cart(tour: Tour) -> None:
    sell = tour.window.sell
    wait_until(lambda: sell.state is not None, "the sell screen's cart")
    if sell.model.rowCount():
        return
    for code in ("2000000000114", "2000000000015", "KAF-003", "FIL-001"):
        scan(tour, code)


def scan(tour: Tour, code: str) -> None:
    """The scanner types the code and Enter into the scan field; the cart gets a line more."""
    sell = tour.window.sell
    rows = sell.model.rowCount()
    sell.scan_field.setText(code)
    sell.scan_field.returnPressed.emit()
    wait_until(lambda: sell.model.rowCount() > rows, f"scanning {code}")


def sell_screen(tour: Tour) -> None:
    tour.sign_in("Sam")
    fill_cart(tour)
    sell = tour.window.sell
    # The search's results push the cart down: on a short screen the picture shows the cart instead.
    searching = tour.size[1] >= 768
    if searching:
        sell.scan_field.setText("wool")
        sell.scan_field.textEdited.emit("wool")
        wait_until(lambda: sell.results.isVisible(), "the search results for 'wool'")
    tour.shoot("sell-screen")
    if searching:
        sell.scan_field.clear()
        sell.scan_field.textEdited.emit("")
        wait_until(lambda: not sell.results.isVisible(), "the search results closing")


def tender_dialog(tour: Tour) -> None:
    """Split: 50 by card with the terminal's reference, the rest in cash, its quick amounts on show."""
    tour.sign_in("Sam")
    fill_cart(tour)
    sell = tour.window.sell
    sell.pay_button.click()
    wait_until(lambda: sell.tender_dialog is not None, "the payment dialog")
    dialog = sell.tender_dialog
    assert dialog is not None
    dialog.split_button.click()
    dialog.card_button.click()
    dialog.card_amount.setText("50")
    dialog.card_reference.setText("TRM-5521")
    dialog.card_page.add_button.click()
    wait_until(lambda: bool(dialog.tenders), "the card payment")
    tour.shoot("tender-dialog")
    dialog.reject()
    wait_until(lambda: sell.tender_dialog is None, "the payment dialog closing")


def cash_session(tour: Tour) -> None:
    """The demo's open session, its drawer counted by coins and notes before closing."""
    tour.sign_in("Alex")
    window = tour.window
    window.show_manager()
    manager = window.manager
    manager.tabs.setCurrentWidget(manager.cash)
    cash: CashTab = manager.cash
    wait_until(lambda: cash.session is not None and bool(cash.close_grid.spins), "the open cash session")
    # The drawer as counted at the end of the day, coins first (CHF 0.05 up to the notes).
    for spin, pieces in zip(cash.close_grid.spins.values(), DRAWER_COUNT, strict=False):
        spin.setValue(pieces)
    settle(0.2)
    # Scrolled as a person would to count: the coins and the close button in view.
    area = cash.findChild(QScrollArea)
    assert area is not None
    area.ensureWidgetVisible(cash.close_button)
    tour.shoot("cash-session")


def sell_candle_and_coffee(till: Till) -> str:
    """Complete the cart on screen (the till has one open cart) plus a candle and coffee, for the returns desk."""
    cashier = next(member.staff_id for member in list_staff(till.uow()) if member.name == "Sam")
    cart_id = carts.current_cart(cashier, till.uow()).cart.cart_id
    for code in ("2000000000015", "KAF-003"):
        state = carts.scan(cart_id, code, cashier, till.uow())
    notes = -(-state.priced.total // 1000) * 1000
    done = complete_sale(CompleteSale(cart_id, cashier, (Tender(TenderKind.CASH, notes),)), till.uow())
    return done.receipt_no


def pickup_desk(tour: Tour) -> None:
    tour.sign_in("Jo")
    window = tour.window
    wait_until(lambda: window.pages.currentWidget() is window.pickup, "the pickup desk for a pickup clerk")
    code = next(p.code for p in demo_pickups(tour.till.uow()) if p.number == "M-1001")
    window.pickup.scan(code)
    wait_until(lambda: window.pickup.card is not None, "the pickup order M-1001")
    window.pickup.quantity_spin(0).setValue(2)
    tour.shoot("pickup-desk")


def returns_desk(tour: Tour) -> None:
    sale = sell_candle_and_coffee(tour.till)
    tour.sign_in("Alex")
    window = tour.window
    window.show_returns()
    window.returns.scan_field.setText(sale)
    window.returns.scan_field.returnPressed.emit()
    wait_until(lambda: window.returns.sale is not None, f"receipt {sale} on the returns desk")
    window.returns.quantity_spin(0).setValue(1)
    tour.shoot("returns-desk")


def maker_settlements(tour: Tour) -> None:
    tour.sign_in("Alex")
    window = tour.window
    window.show_manager()
    makers: SettlementsTab = window.manager.makers
    window.manager.tabs.setCurrentWidget(makers)
    wait_until(lambda: bool(makers.settlements), "the makers' settlements")
    tour.shoot("maker-settlements")


def automatic_prices(tour: Tour) -> None:
    """The last hour's markdown on candles and a two-cup bundle, set by the manager, priced by the cart itself."""
    manager = next(member.staff_id for member in list_staff(tour.till.uow()) if member.name == "Alex")
    started = datetime.now(UTC) - timedelta(minutes=10)
    markdown = PriceRuleInput(
        "markdown",
        "Candles last hour",
        starts_at=started.isoformat(),
        ends_at=(started + timedelta(hours=1)).isoformat(),
        target_kind="category",
        target="Candles",
        percent_off="30",
    )
    set_price_rule(markdown, manager, tour.till.uow())
    set_price_rule(
        PriceRuleInput("bundle", "Any 2 espresso cups", count=2, price="30.00", skus=("BER-001", "BER-002")),
        manager,
        tour.till.uow(),
    )
    tour.sign_in("Sam")
    sell = tour.window.sell
    wait_until(lambda: sell.state is not None, "the sell screen's cart")
    for code in ("2000000000015", "2000000000091", "2000000000107"):
        scan(tour, code)
    tour.shoot("automatic-prices")


def sign_in_screen(tour: Tour) -> None:
    sign_in = tour.window.sign_in
    wait_until(lambda: sign_in.people_grid.count() > 0, "the staff on the sign-in screen")
    tour.shoot("sign-in")


SHOTS: dict[str, Callable[[Tour], None]] = {
    "sign-in": sign_in_screen,
    "sell-screen": sell_screen,
    "tender-dialog": tender_dialog,
    "cash-session": cash_session,
    "pickup-desk": pickup_desk,
    "returns-desk": returns_desk,
    "maker-settlements": maker_settlements,
    "automatic-prices": automatic_prices,
}


def take(app: QApplication, size: tuple[int, int], language: str, scenes: tuple[str, ...]) -> list[Path]:
    translator = install_translator(app, language) if language != "en" else None
    if language != "en" and translator is None:
        raise SystemExit(f"screenshots: no translation for {language} in resources/i18n; run `make translations`")
    taken: list[Path] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            till = open_till(Path(folder))
            load_demo(till.uow)
            window = MainWindow(till)
            window.show()
            # No window manager under Xvfb to maximize it: the window takes the screen itself.
            window.setGeometry(window.screen().geometry())
            settle()
            tour = Tour(till, window, size, language, taken)
            tour.check_fits("the start")
            for scene in SCENES:
                if scene in scenes:
                    SHOTS[scene](tour)
            window.close()
            till.close()
    finally:
        if translator is not None:
            uninstall_translator(app, translator)
    return taken


def main() -> int:
    app = QApplication(sys.argv)
    app.setStyleSheet(style_sheet("light"))
    screen = app.primaryScreen().size()
    size = (screen.width(), screen.height())
    if size not in PLAN:
        sizes = ", ".join(f"{w}x{h}" for w, h in PLAN)
        raise SystemExit(f"screenshots: no pictures for a {size[0]}x{size[1]} screen; run Xvfb at one of {sizes}")
    OUT.mkdir(parents=True, exist_ok=True)
    taken = [path for language, scenes in PLAN[size].items() for path in take(app, size, language, scenes)]
    for path in taken:
        print(f"{path.relative_to(OUT.parents[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
