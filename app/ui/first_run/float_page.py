"""The default cash float each cash session starts from."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit

from app.domain.money import currency_exponent, parse_minor
from app.services.setup import TillStatus, default_float, set_default_float, till_status
from app.ui.first_run.base import Page, Session, Step, signed


class FloatPage(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Cash float"))
        self.setSubTitle(
            self.tr("The coins and notes put in the drawer before the first sale; each cash session starts from it.")
        )
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("150.00")
        self.currency = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.amount, 1)
        row.addWidget(self.currency)
        column = self.body
        column.addLayout(row)
        column.addStretch()
        self._currency = ""

    def initializePage(self) -> None:  # noqa: N802
        uow = self.session.till.uow
        self.run(self.session.store, lambda: (till_status(uow()), default_float(uow())), self._show_float)

    def _show_float(self, found: tuple[TillStatus, int | None]) -> None:
        status, amount = found
        self._currency = status.event.currency
        self.currency.setText(self._currency)
        if amount is not None and not self.amount.text():
            # Plain digits, not the locale's format: the field must read back what it shows.
            self.amount.setText(f"{Decimal(amount).scaleb(-currency_exponent(self._currency)):f}")

    def step_job(self) -> Callable[[], Any]:
        text, currency, manager = self.amount.text(), self._currency, self.session.manager_id
        uow = self.session.till.uow

        def save() -> int:
            amount = parse_minor(text, currency) if text.strip() else 0
            return set_default_float(amount, signed(manager), uow())

        return save

    def nextId(self) -> int:  # noqa: N802
        return int(Step.DONE)
