"""The customer of the open cart, for a drop's per-customer cap: their code scanned, or a phone or email typed.

The service keeps only a salted hash (app/services/drop_customers.py); the
screen shows the hint it returns ("Phone …67").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.services.drop_customers import set_cart_customer
from app.store.unit_of_work import UnitOfWork
from app.ui.messages import MessageBridge
from app.ui.sell_dialogs import PresetTextDialog
from app.ui.worker import Change, StoreWorker
from sync.customer_codes import looks_like_customer_code

__all__ = ["customer_dialog", "give_customer", "looks_like_customer_code"]


def give_customer(
    worker: StoreWorker,
    new_uow: Callable[[], UnitOfWork],
    messages: MessageBridge,
    cart_id: str,
    staff_id: str,
    text: str,
) -> None:
    """Attach the customer to the cart; a refusal (a damaged code, a short number) shows in the message area."""
    worker.write(lambda: set_cart_customer(cart_id, text, staff_id, new_uow()), Change.CART).success(
        lambda shown: messages.info(
            QCoreApplication.translate("SellCustomer", "Customer for this sale: {0}").format(shown)
        )
    )


def customer_dialog(parent: QWidget | None = None) -> PresetTextDialog:
    """Asks for the customer by finger or keyboard; a scanner may type their code into it as well."""
    return PresetTextDialog(
        QCoreApplication.translate("SellCustomer", "Customer"),
        QCoreApplication.translate(
            "SellCustomer", "Scan the customer's code, or type their phone number or email. Only a salted hash is kept."
        ),
        [],
        allow_empty=True,
        parent=parent,
    )
