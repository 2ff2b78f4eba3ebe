"""Screenshots for README.md, taken in a real window (run under Xvfb: `make screenshots`).

Drives the real app on a fresh demo store as a person would, then grabs the
sell screen with a cart, the payment dialog, the pickup desk, the returns
desk and the makers' settlements.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.bootstrap import Till, open_till
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.demo import demo_pickups, load_demo
from app.services.selling import CompleteSale, complete_sale
from app.services.staff import list_staff
from app.ui.main_window import MainWindow
from app.ui.styles import style_sheet

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def pump() -> None:
    # processEvents(flags, max_time) crashes PySide6 6.12 under xcb (a refcount bug): plain call, short sleep.
    QCoreApplication.processEvents()
    time.sleep(0.01)


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("screenshots: the app did not reach the expected state in time")
        pump()


def settle(seconds: float = 0.4) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pump()


def sign_in(window: MainWindow, name: str, pin: str) -> None:
    wait_until(lambda: bool(window.sign_in._people))
    window.sign_in.choose(window.sign_in.person_named(name))
    window.sign_in.pad.display.setText(pin)
    window.sign_in.pad.display.returnPressed.emit()


def sell_candle_and_coffee(till: Till) -> str:
    """Complete the cart on screen (the till has one open cart) plus a candle and coffee, for the returns desk."""
    cashier = next(member.staff_id for member in list_staff(till.uow()) if member.name == "Sam")
    cart_id = carts.current_cart(cashier, till.uow()).cart.cart_id
    for code in ("2000000000015", "KAF-003"):
        state = carts.scan(cart_id, code, cashier, till.uow())
    notes = -(-state.priced.total // 1000) * 1000
    done = complete_sale(CompleteSale(cart_id, cashier, (Tender(TenderKind.CASH, notes),)), till.uow())
    return done.receipt_no


def main() -> int:
    app = QApplication(sys.argv)
    app.setStyleSheet(style_sheet("light"))
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        till = open_till(Path(folder))
        load_demo(till.uow)
        window = MainWindow(till)
        window.resize(1280, 800)
        window.show()
        wait_until(lambda: bool(window.sign_in._people))
        settle()
        window.grab().save(str(OUT / "sign-in.png"))
        sign_in(window, "Sam", "1111")
        wait_until(lambda: window.sell.state is not None)
        for code in ("2000000000114", "2000000000015", "KAF-003", "FIL-001"):
            rows = window.sell.model.rowCount()
            window.sell.scan_field.setText(code)
            window.sell.scan_field.returnPressed.emit()
            wait_until(lambda rows=rows: window.sell.model.rowCount() > rows)
        window.sell.scan_field.setText("wool")
        window.sell.scan_field.textEdited.emit("wool")
        wait_until(lambda: window.sell.results.isVisible())
        settle()
        window.grab().save(str(OUT / "sell-screen.png"))
        window.sell.scan_field.clear()
        window.sell.results.hide()
        window.sell.pay_button.click()
        wait_until(lambda: window.sell.tender_dialog is not None)
        dialog = window.sell.tender_dialog
        assert dialog is not None
        dialog.card_amount.setText("50")
        dialog.card_reference.setText("TRM-5521")
        dialog.card_reference.returnPressed.emit()
        settle()
        dialog.grab().save(str(OUT / "tender-dialog.png"))
        dialog.reject()
        settle()

        sale = sell_candle_and_coffee(till)
        window.lock()
        sign_in(window, "Jo", "2222")
        wait_until(lambda: window.pages.currentWidget() is window.pickup)
        code = next(p.code for p in demo_pickups(till.uow()) if p.number == "M-1001")
        window.pickup.scan(code)
        wait_until(lambda: window.pickup.card is not None)
        window.pickup.quantity_spin(0).setValue(2)
        settle()
        window.grab().save(str(OUT / "pickup-desk.png"))

        window.lock()
        sign_in(window, "Alex", "1234")
        wait_until(lambda: window.staff is not None and window.staff.name == "Alex")
        window.show_returns()
        window.returns.scan_field.setText(sale)
        window.returns.scan_field.returnPressed.emit()
        wait_until(lambda: window.returns.sale is not None)
        window.returns.quantity_spin(0).setValue(1)
        settle()
        window.grab().save(str(OUT / "returns-desk.png"))

        window.show_manager()
        wait_until(lambda: window.manager.session is not None and bool(window.manager.close_grid.spins))
        window.manager.tabs.setCurrentIndex(2)
        wait_until(lambda: bool(window.manager.settlements))
        settle()
        window.grab().save(str(OUT / "maker-settlements.png"))
        window.close()
        till.close()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
