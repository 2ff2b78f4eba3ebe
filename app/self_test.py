"""``popup-pos --self-test``: the whole chain of a sale on a throw-away store, check by check.

It proves that an installation (above all a PyInstaller bundle) carries what
a counter needs: the migrations, the demo catalog, the printer profiles and
the libraries that reach USB and serial printers, the PDF fonts, the locale
data and the Qt plugins. Each check runs only when the ones before it passed,
and a failure names what broke.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.bootstrap import Till, open_till
from app.domain.errors import PosError
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.demo import DEMO_STAFF, load_demo
from app.services.printing import export_receipt_pdf
from app.services.receipts import load_sale_receipt
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.services.setup import till_status
from app.services.staff import list_staff
from app.store.database import current_revision
from printers.escpos_output import PrinterSettings, render_escpos
from printers.links import check_link_libraries

SELF_TEST_ITEM = "2000000000015"  # the demo's beeswax candle: a barcode, a tax class, cash rounding
SELF_TEST_CASH = 5000


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    passed: bool
    detail: str


@dataclass
class _Run:
    """What one check hands the next."""

    folder: Path
    till: Till | None = None
    sale: SaleCompleted | None = None
    closers: list[Callable[[], None]] = field(default_factory=list)

    def opened(self) -> Till:
        assert self.till is not None, "the store check runs first"
        return self.till

    def open_store(self) -> str:
        self.till = open_till(self.folder / "store")
        self.closers.append(self.till.close)
        return f"created and migrated to revision {current_revision(self.till.engine)}"

    def seed_demo(self) -> str:
        till = self.opened()
        load_demo(till.uow)
        status = till_status(till.uow())
        return f"'{status.event.name}' with {status.products} products and {len(list_staff(till.uow()))} staff"

    def sell(self) -> str:
        till = self.opened()
        cashier = next(m.staff_id for m in list_staff(till.uow()) if m.name == DEMO_STAFF[1].name)
        cart_id = carts.current_cart(cashier, till.uow()).cart.cart_id
        carts.scan(cart_id, SELF_TEST_ITEM, cashier, till.uow())
        cash = (Tender(TenderKind.CASH, SELF_TEST_CASH),)
        self.sale = complete_sale(CompleteSale(cart_id, cashier, cash), till.uow())
        event = till_status(till.uow()).event
        return (
            f"{self.sale.receipt_no}: {event.format(self.sale.total)} paid in cash with "
            f"{event.format(SELF_TEST_CASH)}, change {event.format(self.sale.change)}"
        )

    def print_escpos(self) -> str:
        till, sale = self.opened(), self._sale()
        with till.uow().for_reading() as uow:
            receipt = load_sale_receipt(sale.sale_id, uow)
        data = render_escpos(receipt, PrinterSettings(kind="none"))
        if not data.startswith(b"\x1b@") or sale.receipt_no.encode() not in data:
            raise PosError("the ESC/POS bytes do not hold the receipt: the printer profiles may be missing")
        # A bundle without these reaches network printers and device files, never USB or serial ones.
        libraries = check_link_libraries()
        if libraries.missing:
            raise PosError(
                f"USB and serial printers cannot be used: {'; '.join(libraries.missing)} missing "
                "(a bundle collects them in packaging/popup-pos.spec; elsewhere: pip install pyusb pyserial)"
            )
        # The libusb system library is not a module: without it the check passes, and says what to install.
        return f"{len(data):,} bytes for an 80 mm printer; {libraries.summary()}"

    def print_pdf(self) -> str:
        till, sale = self.opened(), self._sale()
        target = export_receipt_pdf(sale.sale_id, self.folder / "receipt.pdf", till.uow())
        data = target.read_bytes()
        if not data.startswith(b"%PDF-"):
            raise PosError(f"{target} is not a PDF")
        return f"{len(data):,} bytes on an 80 mm roll"

    def _sale(self) -> SaleCompleted:
        assert self.sale is not None, "the sale check runs first"
        return self.sale


def run_self_test(extra_checks: tuple[tuple[str, Callable[[], str]], ...] = ()) -> Iterator[CheckResult]:
    """Run the checks in a temporary folder, yielding each result; stops at the first failure.

    ``extra_checks`` run after the store checks (the command line adds the
    screens' check, which needs Qt).
    """
    with tempfile.TemporaryDirectory(prefix="popup-pos-self-test-", ignore_cleanup_errors=True) as folder:
        run = _Run(Path(folder))
        checks = (
            ("store", run.open_store),
            ("demo", run.seed_demo),
            ("sale", run.sell),
            ("escpos", run.print_escpos),
            ("pdf", run.print_pdf),
            *extra_checks,
        )
        try:
            for name, check in checks:
                try:
                    detail = check()
                # A broken bundle fails in any way at all (a missing module, data file or
                # library); the self-test exists to name it rather than crash.
                except Exception as error:
                    yield CheckResult(name, False, describe(error))
                    return
                yield CheckResult(name, True, detail)
        finally:
            for close in run.closers:
                close()


def describe(error: BaseException) -> str:
    if isinstance(error, PosError):
        return str(error)
    return f"{type(error).__name__}: {error}"
