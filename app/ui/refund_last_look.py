"""The returns desk's last look: the refund per tender, in big type, before any money moves."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.services.return_preview import RefundPreview
from app.ui.last_look import LastLookDialog
from app.ui.tender_names import refund_label


def refund_last_look(preview: RefundPreview, money: Callable[[int], str], parent: QWidget) -> LastLookDialog:
    details = [
        f"{refund_label(share.kind)}: {money(share.amount)}"
        + (f" ({share.original_reference})" if share.original_reference else "")
        for share in preview.refunds
    ]
    return LastLookDialog(
        QCoreApplication.translate("RefundLastLook", "Refund"),
        QCoreApplication.translate("RefundLastLook", "Refund {0} to the customer?").format(money(preview.total)),
        details or [QCoreApplication.translate("RefundLastLook", "Nothing to refund.")],
        QCoreApplication.translate("RefundLastLook", "Refund {0}").format(money(preview.total)),
        parent,
    )
