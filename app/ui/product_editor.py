"""The manager's Products tab: find a product, add or edit it, place its quick key.

The rules (the catalog import's, who may edit, a till that takes its catalog
from the hub) are the services'; their refusals show in the message area.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.quick_keys import COLOURS, DEFAULT_COLOUR, MAX_POSITION
from app.services.catalog_edit import (
    ProductForm,
    ProductSaved,
    add_product,
    catalog_editable,
    edit_product,
    editable_products,
    product_form,
)
from app.services.custom_amount import custom_amount_choices
from app.services.quick_keys import quick_key_of, remove_quick_key, set_quick_key
from app.store.catalog import ProductView
from app.ui.catalog_import import choose_catalog_file, import_catalog_file
from app.ui.manager.context import ManagerContext
from app.ui.number_pad import ask_number

T = TypeVar("T")
TARGET_HEIGHT = 48
SHOWN_PRODUCTS = 40


@dataclass(frozen=True, slots=True)
class _Loaded:
    """What the editor shows of one product."""

    product_id: str
    form: ProductForm
    key: tuple[str, int, str] | None


class ProductEditor(QWidget):
    def __init__(self, ctx: ManagerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.product_id: str | None = None
        self.editable = True

        self.search = QLineEdit()
        self.search.setObjectName("productSearch")
        self.search.setMinimumHeight(TARGET_HEIGHT)
        self.search.setPlaceholderText(self.tr("Find a product: name, SKU or barcode"))
        self.search.textEdited.connect(self._on_search_text_edited)
        self.results = QListWidget()
        self.results.setObjectName("productResults")
        self.results.itemClicked.connect(self._on_results_item_clicked)
        self.new_button = self._button(self.tr("New product"), self._on_new_button_clicked)
        self.import_button = self._button(self.tr("Import a catalog (CSV)…"), self._on_import_button_clicked)
        self.import_button.setObjectName("catalogImport")
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.results, 1)
        left.addWidget(self.new_button)
        left.addWidget(self.import_button)

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.fields: dict[str, QLineEdit] = {}
        for name, hint in (
            ("sku", self.tr("e.g. GLO-001")),
            ("name", self.tr("e.g. Mulled wine")),
            ("variant", self.tr("size, colour… (optional)")),
            ("maker", self.tr("who made it")),
            ("price", self.tr("e.g. 4.50")),
            ("category", self.tr("also the quick-key page")),
            ("barcodes", self.tr("codes, separated by spaces")),
        ):
            field = QLineEdit()
            field.setMinimumHeight(TARGET_HEIGHT)
            field.setPlaceholderText(hint)
            field.setObjectName(f"product_{name}")
            self.fields[name] = field
        self.tax_class = QComboBox()
        self.tax_class.setMinimumHeight(TARGET_HEIGHT)
        self.price_pad = self._button(self.tr("Pad"), self._on_price_pad_clicked)
        self.save_button = self._button(self.tr("Save product"), self._on_save_button_clicked)
        self.save_button.setObjectName("primaryAction")

        form = QGridLayout()
        labels = {
            "sku": self.tr("SKU"),
            "name": self.tr("Name"),
            "variant": self.tr("Variant"),
            "maker": self.tr("Maker"),
            "category": self.tr("Category"),
            "barcodes": self.tr("Barcodes"),
        }
        for index, name in enumerate(("sku", "name", "variant", "maker", "category", "barcodes")):
            form.addWidget(QLabel(labels[name]), index // 2, (index % 2) * 2)
            form.addWidget(self.fields[name], index // 2, (index % 2) * 2 + 1)
        price_row = QHBoxLayout()
        price_row.addWidget(self.fields["price"], 1)
        price_row.addWidget(self.price_pad)
        form.addWidget(QLabel(self.tr("Tax")), 3, 0)
        form.addWidget(self.tax_class, 3, 1)
        form.addWidget(QLabel(self.tr("Price")), 3, 2)
        form.addLayout(price_row, 3, 3)

        self.page = QLineEdit()
        self.page.setObjectName("quickKeyPage")
        self.page.setMinimumHeight(TARGET_HEIGHT)
        self.page.setPlaceholderText(self.tr("Page, e.g. Drinks"))
        self.position = QSpinBox()
        self.position.setRange(1, MAX_POSITION)
        self.position.setMinimumHeight(TARGET_HEIGHT)
        self.position.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        earlier = self._button("−", lambda: self.position.stepBy(-1))
        later = self._button("+", lambda: self.position.stepBy(1))
        self.colour_group = QButtonGroup(self)
        self.colour_buttons: dict[str, QPushButton] = {}
        colours = QHBoxLayout()
        for name, background in COLOURS.items():
            swatch = QPushButton()
            swatch.setCheckable(True)
            swatch.setMinimumSize(TARGET_HEIGHT, TARGET_HEIGHT)
            swatch.setToolTip(name)
            swatch.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            swatch.setStyleSheet(
                f"QPushButton {{ background-color: {background}; }}"
                " QPushButton:checked { border: 4px solid #1a1a1a; }"
            )
            self.colour_group.addButton(swatch)
            self.colour_buttons[name] = swatch
            colours.addWidget(swatch)
        colours.addStretch(1)
        self.colour_buttons[DEFAULT_COLOUR].setChecked(True)
        self.place_button = self._button(self.tr("Place quick key"), self._on_place_button_clicked)
        self.remove_button = self._button(self.tr("Remove quick key"), self._on_remove_button_clicked)
        key_row = QHBoxLayout()
        key_row.addWidget(QLabel(self.tr("Quick key")))
        key_row.addWidget(self.page, 2)
        key_row.addWidget(earlier)
        key_row.addWidget(self.position, 1)
        key_row.addWidget(later)
        key_buttons = QHBoxLayout()
        key_buttons.addWidget(self.place_button)
        key_buttons.addWidget(self.remove_button)
        key_buttons.addStretch(1)
        # Save on a row of its own: beside the quick-key buttons, the German labels are wider than a 1024-px screen.
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)

        right = QVBoxLayout()
        right.addWidget(self.notice)
        right.addLayout(form)
        right.addLayout(key_row)
        right.addLayout(colours)
        right.addLayout(key_buttons)
        right.addLayout(save_row)
        right.addStretch(1)
        row = QHBoxLayout(self)
        row.addLayout(left, 2)
        row.addLayout(right, 5)
        self._clear()

    def _button(self, label: str, handler: object) -> QPushButton:
        button = QPushButton(label)
        button.setMinimumHeight(TARGET_HEIGHT)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _checked=False: handler())  # type: ignore[operator]
        return button

    def _write(self, job: Callable[[], T], then: Callable[[T], None]) -> None:
        # The catalog and quick keys are no records the status bar or the desks follow: a write that
        # signals no change (the sell screen reads its keys again each time it is shown).
        self._ctx.worker.write(job).success(then)

    # Loading

    def refresh(self) -> None:
        def load() -> tuple[bool, list[str]]:
            uow = self._ctx.new_uow
            return catalog_editable(uow()), [tax.code for tax in custom_amount_choices(uow()).tax_classes]

        self._ctx.run(load, self._show_settings)
        self._on_search_text_edited(self.search.text())

    def _show_settings(self, settings: tuple[bool, list[str]]) -> None:
        self.editable, classes = settings
        current = self.tax_class.currentText()
        self.tax_class.clear()
        self.tax_class.addItems(classes)
        if current in classes:
            self.tax_class.setCurrentText(current)
        self.notice.setText(
            self.tr("This till takes its catalog from the marketplace: change it there.")
            + " "
            + self.tr("Quick keys are this till's own: place them here.")
        )
        self.notice.setVisible(not self.editable)
        editing = (self.tax_class, self.price_pad, self.save_button, self.new_button, self.import_button)
        for widget in (*self.fields.values(), *editing):
            widget.setEnabled(self.editable)

    @Slot(str)
    def _on_search_text_edited(self, text: str) -> None:
        self._ctx.run(
            lambda: editable_products(text, self._ctx.new_uow(), SHOWN_PRODUCTS),
            lambda found: self._show_results(text, found),
        )

    def _show_results(self, query: str, found: list[ProductView]) -> None:
        if query != self.search.text():
            return
        self.results.clear()
        for product in found:
            item = product.item
            entry = QListWidgetItem(f"{item.name} {item.variant} · {item.sku} · {self._ctx.fmt(item.unit_price)}")
            entry.setData(Qt.ItemDataRole.UserRole, item.product_id)
            entry.setSizeHint(entry.sizeHint().expandedTo(self.search.sizeHint()))
            self.results.addItem(entry)

    @Slot(QListWidgetItem)
    def _on_results_item_clicked(self, entry: QListWidgetItem) -> None:
        self.open_product(str(entry.data(Qt.ItemDataRole.UserRole)))

    def open_product(self, product_id: str) -> None:
        def load() -> _Loaded:
            return _Loaded(
                product_id, product_form(product_id, self._ctx.new_uow()), quick_key_of(product_id, self._ctx.new_uow())
            )

        self._ctx.run(load, self._show_product)

    def _show_product(self, loaded: _Loaded) -> None:
        self.product_id = loaded.product_id
        form = loaded.form
        for name in ("sku", "name", "variant", "maker", "price", "category", "barcodes"):
            self.fields[name].setText(str(getattr(form, name)))
        self.fields["sku"].setReadOnly(True)  # sales and the hub know a product by it
        self.tax_class.setCurrentText(form.tax_class)
        page, position, colour = loaded.key or (form.category or form.maker, 1, DEFAULT_COLOUR)
        self.page.setText(page)
        self.position.setValue(position)
        self.colour_buttons[colour].setChecked(True)
        self.place_button.setEnabled(True)
        self.remove_button.setEnabled(loaded.key is not None)

    def _clear(self) -> None:
        self.product_id = None
        for field in self.fields.values():
            field.clear()
        self.fields["sku"].setReadOnly(False)
        self.page.clear()
        self.position.setValue(1)
        self.colour_buttons[DEFAULT_COLOUR].setChecked(True)
        self.place_button.setEnabled(False)
        self.remove_button.setEnabled(False)

    # Actions

    @Slot()
    def _on_new_button_clicked(self) -> None:
        self._clear()
        self.fields["sku"].setFocus()

    @Slot()
    def _on_import_button_clicked(self) -> None:
        path = choose_catalog_file(self)
        if path is not None:
            import_catalog_file(self._ctx, self, path).success(lambda _result: self.refresh())

    @Slot()
    def _on_price_pad_clicked(self) -> None:
        event = self._ctx.event()
        ask_number(
            self,
            self.tr("Price"),
            self.tr("The product's price"),
            self.fields["price"].setText,
            currency=event.currency if event else None,
            initial=self.fields["price"].text(),
        )

    def form(self) -> ProductForm:
        text = {name: field.text() for name, field in self.fields.items()}
        return ProductForm(
            sku=text["sku"],
            name=text["name"],
            maker=text["maker"],
            tax_class=self.tax_class.currentText(),
            price=text["price"],
            variant=text["variant"],
            category=text["category"],
            barcodes=text["barcodes"],
        )

    @Slot()
    def _on_save_button_clicked(self) -> None:
        form, product_id, staff_id, new_uow = self.form(), self.product_id, self._ctx.staff_id, self._ctx.new_uow
        if product_id is None:
            self._write(lambda: add_product(form, staff_id, new_uow()), self._on_saved)
        else:
            self._write(lambda: edit_product(product_id, form, staff_id, new_uow()), self._on_saved)

    def _on_saved(self, saved: ProductSaved) -> None:
        self._ctx.messages.info(self.tr("Product {0} saved.").format(saved.sku))
        self.open_product(saved.product_id)
        self._on_search_text_edited(self.search.text())

    @Slot()
    def _on_place_button_clicked(self) -> None:
        if self.product_id is None:
            return
        product_id, staff_id, new_uow = self.product_id, self._ctx.staff_id, self._ctx.new_uow
        page, position = self.page.text(), self.position.value()
        colour = next(name for name, button in self.colour_buttons.items() if button.isChecked())
        self._write(
            lambda: set_quick_key(product_id, page, position, colour, staff_id, new_uow()),
            lambda _done: self._on_key_changed(self.tr("Quick key placed on page {0}.").format(page.strip())),
        )

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        if self.product_id is None:
            return
        product_id, staff_id, new_uow = self.product_id, self._ctx.staff_id, self._ctx.new_uow
        self._write(
            lambda: remove_quick_key(product_id, staff_id, new_uow()),
            lambda _done: self._on_key_changed(self.tr("Quick key removed.")),
        )

    def _on_key_changed(self, message: str) -> None:
        self._ctx.messages.info(message)
        if self.product_id is not None:
            self.open_product(self.product_id)
