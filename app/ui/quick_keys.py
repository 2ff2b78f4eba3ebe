"""The sell screen's quick keys: a page per category, big keys in the manager's order and colours,
and the "Custom amount" key that is always there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.domain.quick_keys import COLOURS
from app.domain.texts import _
from app.services.custom_amount import CustomAmountChoices, custom_amount_choices
from app.services.quick_keys import QuickKeyPage, quick_key_pages
from app.store.unit_of_work import UnitOfWork
from app.ui.custom_amount_dialog import CustomAmountDialog
from app.ui.drop_badges import counter_badge
from app.ui.touch import scrolling
from app.ui.worker import StoreWorker

COLUMNS = 2
KEY_HEIGHT = 64
KEY_WIDTH = 150


class QuickKeyPanel(QWidget):
    """``product_chosen`` carries a product id; ``custom_amount_entered`` a CustomAmount for the cart."""

    product_chosen = Signal(str)
    custom_amount_entered = Signal(object)
    gift_card_requested = Signal()
    group_buy_requested = Signal()

    def __init__(self, worker: StoreWorker, new_uow: Callable[[], UnitOfWork], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._new_uow = new_uow
        self.dialog: CustomAmountDialog | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("quickKeys")
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.setUsesScrollButtons(True)
        # As wide as a row of keys (with the grid's margins and a scroll bar) before the keys are read, so
        # the cart and Pay beside it do not move when they arrive.
        self.tabs.setMinimumWidth(COLUMNS * KEY_WIDTH + (COLUMNS + 1) * 12 + 2 * 12)
        self.custom_button = QPushButton(self.tr("Custom amount…"))
        self.custom_button.setObjectName("customAmountKey")
        self.custom_button.setToolTip(self.tr("Sell an amount that is in no catalog, with its tax and maker"))
        self.custom_button.setMinimumHeight(KEY_HEIGHT - 12)
        self.custom_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.custom_button.clicked.connect(self._on_custom_button_clicked)
        self.gift_card_button = QPushButton(self.tr("Gift card…"))
        self.gift_card_button.setObjectName("giftCardKey")
        self.gift_card_button.setToolTip(
            self.tr("Sell a gift card: its code is on the receipt and works on every till")
        )
        self.gift_card_button.setMinimumHeight(KEY_HEIGHT - 12)
        self.gift_card_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.gift_card_button.clicked.connect(self.gift_card_requested)
        # A commitment to a group buy, paid like a sale (app/ui/group_buy_dialog.py).
        self.group_buy_button = QPushButton(_("Group buy…"))
        self.group_buy_button.setObjectName("groupBuyKey")
        self.group_buy_button.setToolTip(_("Take a commitment to a group buy, with the customer's contact"))
        self.group_buy_button.setMinimumHeight(KEY_HEIGHT - 12)
        self.group_buy_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.group_buy_button.clicked.connect(self.group_buy_requested)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.tabs, 1)
        # Side by side: on a 600 px high screen a second row would push Pay off it.
        amounts = QHBoxLayout()
        amounts.addWidget(self.custom_button)
        amounts.addWidget(self.gift_card_button)
        amounts.addWidget(self.group_buy_button)
        column.addLayout(amounts)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        # A manager may have placed keys since: reading them again on each showing is one small query.
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        self._worker.query(lambda: quick_key_pages(self._new_uow())).success(self.show_pages)

    def show_pages(self, pages: list[QuickKeyPage]) -> None:
        current = self.tabs.tabText(self.tabs.currentIndex())
        self.tabs.clear()
        for page in pages:
            keys = QWidget()
            grid = QGridLayout(keys)
            for index, key in enumerate(page.keys):
                # What is left goes beside the price: a third line would not fit the key.
                badge = counter_badge(key.left, key.drop_left)
                price = f"{key.price} · {badge}" if badge else key.price
                button = QPushButton(f"{key.label}\n{price}")
                button.setObjectName("quickKey")
                button.setMinimumSize(KEY_WIDTH, KEY_HEIGHT)
                button.setToolTip(f"{key.label} · {price}")
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                # Palette colours are light: dark text reads on each, in either style.
                button.setStyleSheet(f"background-color: {COLOURS[key.colour]}; color: #1a1a1a;")
                button.setProperty("colour", key.colour)
                button.clicked.connect(
                    lambda _checked=False, product_id=key.product_id: self.product_chosen.emit(product_id)
                )
                grid.addWidget(button, index // COLUMNS, index % COLUMNS)
            grid.setRowStretch(grid.rowCount(), 1)
            area = scrolling(keys)
            # On a 1024x600 screen a row of keys shows and the rest scrolls: Pay keeps its place below.
            area.setMinimumHeight(KEY_HEIGHT)
            self.tabs.addTab(area, page.name)
            if page.name == current:
                self.tabs.setCurrentIndex(self.tabs.count() - 1)

    @Slot()
    def _on_custom_button_clicked(self) -> None:
        self._worker.query(lambda: custom_amount_choices(self._new_uow())).success(self._open_dialog)

    def _open_dialog(self, choices: CustomAmountChoices) -> None:
        self.dialog = CustomAmountDialog(choices, self)
        self.dialog.entered.connect(self.custom_amount_entered)
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()
