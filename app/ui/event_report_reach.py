"""What the event report covers: how far each till's records go, and the tax per rate of the whole event."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services.event_report import EventReport, TillRecords
from sync.maker_settlements import percent


class TillReachLabel(QLabel):
    """One line per till: this till's records go up to now; another's up to its last record this till has pulled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tillReach")
        self.setWordWrap(True)

    def show_reach(self, report: EventReport) -> None:
        self.setText(" · ".join(self.line(till, report.event.format_datetime) for till in report.reach))

    def line(self, till: TillRecords, when: Callable[..., str]) -> str:
        if till.this_till or till.last_at is None:
            return self.tr("Till {0} (this till): up to now").format(till.till_code)
        return self.tr("Till {0}: records up to {1}").format(till.till_code, when(till.last_at))


class TaxRatesLabel(QWidget):
    """The tax of every till's sales, rate by rate, as the hub's report states it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = QLabel()
        self.lines.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("Tax per rate")))
        column.addWidget(self.lines)

    def show_rates(self, report: EventReport, money: Callable[[int], str]) -> None:
        self.lines.setText(
            "\n".join(
                self.tr("{0}: {1} tax on {2}").format(percent(Decimal(rate.rate)), money(rate.tax), money(rate.total))
                for rate in report.tax_rates
            )
            or self.tr("No sales yet.")
        )
