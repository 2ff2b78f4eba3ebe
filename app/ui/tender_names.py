"""Tender kinds as people say them: the one place screens get "Card" rather than the stored "card"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.tenders import TenderKind


def tender_label(kind: TenderKind | str) -> str:
    """The translated name of a tender kind; an unknown kind (from a newer till) shows as stored."""
    names = {
        TenderKind.CASH: QCoreApplication.translate("TenderNames", "Cash"),
        TenderKind.CARD: QCoreApplication.translate("TenderNames", "Card"),
        TenderKind.VOUCHER: QCoreApplication.translate("TenderNames", "Voucher"),
    }
    try:
        return names[TenderKind(kind)]
    except ValueError:
        return str(kind)


def refund_label(kind: str) -> str:
    """How a refund goes back: the tender's name, or store credit (a new voucher)."""
    if kind == "store_credit":
        return QCoreApplication.translate("TenderNames", "Store credit (voucher)")
    return tender_label(kind)
