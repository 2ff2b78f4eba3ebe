"""The blind close's last look and its result: closing numbers the Z report, which cannot be undone."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain.cash import count_total
from app.services.cash import CashReport
from app.ui.last_look import LastLookDialog


def close_question(
    session_number: int, counts: Mapping[int, int], currency: str, fmt: Callable[[int], str], parent: QWidget
) -> LastLookDialog:
    counted = count_total(counts, currency)
    pieces = [f"{number} × {fmt(value)}" for value, number in sorted(counts.items(), reverse=True)]
    return LastLookDialog(
        QCoreApplication.translate("CashCloseLook", "Close the cash session"),
        QCoreApplication.translate("CashCloseLook", "Close session {0} with {1} counted?").format(
            session_number, fmt(counted)
        ),
        [
            *(pieces or [QCoreApplication.translate("CashCloseLook", "Nothing counted: the drawer is empty.")]),
            QCoreApplication.translate("CashCloseLook", "Closing numbers the Z report; it cannot be reopened."),
        ],
        QCoreApplication.translate("CashCloseLook", "Close session {0}").format(session_number),
        parent,
    )


def close_result(report: CashReport, fmt: Callable[[int], str]) -> tuple[str, str]:
    """The heading and body of the panel that stays after the close."""
    over_short = report.over_short or 0
    if over_short > 0:
        verdict = QCoreApplication.translate("CashCloseLook", "{0} over").format(fmt(over_short))
    elif over_short < 0:
        verdict = QCoreApplication.translate("CashCloseLook", "{0} short").format(fmt(-over_short))
    else:
        verdict = QCoreApplication.translate("CashCloseLook", "exact")
    heading = QCoreApplication.translate("CashCloseLook", "Session {0} closed: Z report {1}").format(
        report.session_number, report.number
    )
    body = "\n".join(
        (
            QCoreApplication.translate("CashCloseLook", "Counted: {0}").format(fmt(report.counted or 0)),
            QCoreApplication.translate("CashCloseLook", "Expected: {0}").format(fmt(report.expected)),
            QCoreApplication.translate("CashCloseLook", "Over/short: {0}").format(verdict),
        )
    )
    return heading, body
