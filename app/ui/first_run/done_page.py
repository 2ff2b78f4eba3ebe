"""The last page: what was set up, and what is left to do."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.services.printer_settings import printer_settings
from app.services.setup import TillStatus, default_float, till_status
from app.services.staff import SignedIn, list_staff
from app.ui.first_run.base import Page, Session
from printers.escpos_output import PrinterSettings


class DonePage(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Ready to sell"))
        self.setSubTitle(self.tr("Staff sign in with their PIN on the next screen."))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        column = self.body
        column.addWidget(self.summary)
        column.addStretch()

    def initializePage(self) -> None:  # noqa: N802
        uow = self.session.till.uow

        def read() -> tuple[TillStatus, list[SignedIn], PrinterSettings, int | None]:
            return till_status(uow()), list_staff(uow()), printer_settings(uow()), default_float(uow())

        self.run(self.session.store, read, self._show_summary)

    def _show_summary(self, found: tuple[TillStatus, list[SignedIn], PrinterSettings, int | None]) -> None:
        status, staff, printer, amount = found
        where = {"network": f"{printer.address}:{printer.port}", "file": printer.address}.get(printer.kind, "")
        self.summary.setText(
            "\n".join(
                (
                    self.tr("Event: {0} ({1})").format(status.event.name, status.event.currency),
                    self.tr("Till: {0} · {1} product(s)").format(status.till.code, status.products),
                    self.tr("Staff: {0}").format(", ".join(member.name for member in staff)),
                    self.tr("Receipt printer: {0} {1}").format(printer.kind, where).rstrip(),
                    self.tr("Cash float: {0}").format(status.event.format(amount or 0)),
                    ""
                    if status.products
                    else self.tr(
                        "No products yet: import the catalog with 'popup-pos catalog import FILE.csv', "
                        "or sync once enrolled."
                    ),
                )
            ).strip()
        )

    def nextId(self) -> int:  # noqa: N802
        return -1
