"""A standalone event's details, in words: a language-and-country, a currency and a time zone picked from
lists, and tax rates suggested for the country, each row a name and a rate that stay editable."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.domain.catalog import TaxClass
from app.domain.tax_suggestions import (
    Choice,
    country_of,
    currency_choices,
    suggested_rates,
    zone_choices,
)
from app.services.setup import tax_class

FALLBACK_LOCALE = "en_GB"
ROW_PX = 44


def _searchable(combo: QComboBox) -> None:
    """A long list a person can also type into: 'schweiz' finds Deutsch (Schweiz) and Français (Suisse)."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)


class EventForm(QGroupBox):
    def __init__(self) -> None:
        super().__init__()
        self.event_name = QLineEdit()
        self.event_name.setPlaceholderText("Spring Drop")
        self.place = QLineEdit()
        self.till_code = QLineEdit("A")
        self.locale_choice = QComboBox()
        _searchable(self.locale_choice)
        system = QLocale.system().name()
        # Until the full list is read (off the GUI thread), the machine's own language is the one offered.
        self._add_locales((Choice(system if "_" in system else FALLBACK_LOCALE, ""),))
        self.currency = QComboBox()
        self.time_zone = QComboBox()
        _searchable(self.time_zone)
        self.taxes = QTableWidget(0, 2)
        self.taxes.setHorizontalHeaderLabels([self.tr("Tax rate"), self.tr("Rate in %")])
        self.taxes.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.taxes.verticalHeader().setVisible(False)
        self.taxes.verticalHeader().setDefaultSectionSize(ROW_PX)
        self.taxes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.taxes.setMinimumHeight(4 * ROW_PX)
        self.add_rate = QPushButton(self.tr("Add a rate"))
        self.add_rate.clicked.connect(self._on_add_rate_clicked)
        self.remove_rate = QPushButton(self.tr("Remove the rate"))
        self.remove_rate.clicked.connect(self._on_remove_rate_clicked)
        rate_buttons = QHBoxLayout()
        rate_buttons.addWidget(self.add_rate)
        rate_buttons.addWidget(self.remove_rate)
        rate_buttons.addStretch()
        tax_column = QVBoxLayout()
        tax_column.addWidget(self.taxes)
        tax_column.addLayout(rate_buttons)
        self.prices_include_tax = QCheckBox(self.tr("Prices include tax"))
        self.prices_include_tax.setChecked(True)
        self.cash_step = QLineEdit()
        self.cash_step.setPlaceholderText(self.tr("e.g. 0.05 where coins stop at 5 cents; empty for none"))
        form = QFormLayout(self)
        # Labels above their fields: a 1024-px screen then has room for the long names of the lists.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Event name"), self.event_name)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Till code on receipts"), self.till_code)
        form.addRow(self.tr("Language and country"), self.locale_choice)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("Time zone"), self.time_zone)
        form.addRow(self.tr("Tax rates"), tax_column)
        form.addRow("", self.prices_include_tax)
        form.addRow(self.tr("Cash rounding"), self.cash_step)
        self.locale_choice.currentIndexChanged.connect(self._on_locale_choice_current_index_changed)
        self._on_locale_choice_current_index_changed()

    def show_locales(self, choices: tuple[Choice, ...]) -> None:
        """Offer every language-and-country, keeping the one chosen (or the machine's)."""
        chosen = self.locale_code()
        self.locale_choice.blockSignals(True)
        self.locale_choice.clear()
        self._add_locales(choices)
        index = self.locale_choice.findData(chosen)
        self.locale_choice.setCurrentIndex(max(index, self.locale_choice.findData(FALLBACK_LOCALE), 0))
        self.locale_choice.blockSignals(False)
        if self.locale_code() != chosen:
            self._on_locale_choice_current_index_changed()

    def _add_locales(self, choices: tuple[Choice, ...]) -> None:
        for choice in choices:
            self.locale_choice.addItem(choice.label or choice.value, choice.value)

    def choose_locale(self, locale: str) -> None:
        self.locale_choice.setCurrentIndex(self.locale_choice.findData(locale))

    def locale_code(self) -> str:
        return str(self.locale_choice.currentData() or FALLBACK_LOCALE)

    def currency_code(self) -> str:
        return str(self.currency.currentData() or "")

    def time_zone_name(self) -> str:
        return self.time_zone.currentText().strip()

    @Slot()
    def _on_locale_choice_current_index_changed(self) -> None:
        """A new country suggests its currency, its time zone and its tax rates; each stays editable."""
        locale = self.locale_code()
        country = country_of(locale)
        self.currency.clear()
        for choice in currency_choices(country, locale):
            self.currency.addItem(choice.label, choice.value)
        self.time_zone.clear()
        self.time_zone.addItems(zone_choices(country))
        self.taxes.setRowCount(0)
        for rate in suggested_rates(country):
            self._add_rate_row(rate.name, f"{rate.percent}")

    def _add_rate_row(self, name: str, percent: str) -> QTableWidgetItem:
        row = self.taxes.rowCount()
        self.taxes.insertRow(row)
        named = QTableWidgetItem(name)
        # A row is tapped to edit: as tall as a fingertip, whatever the font.
        named.setSizeHint(QSize(0, ROW_PX))
        self.taxes.setItem(row, 0, named)
        rate = QTableWidgetItem(percent)
        rate.setSizeHint(QSize(0, ROW_PX))
        rate.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.taxes.setItem(row, 1, rate)
        return named

    @Slot()
    def _on_add_rate_clicked(self) -> None:
        name = self._add_rate_row("", "")
        self.taxes.setCurrentItem(name)
        self.taxes.editItem(name)

    @Slot()
    def _on_remove_rate_clicked(self) -> None:
        if self.taxes.currentRow() >= 0:
            self.taxes.removeRow(self.taxes.currentRow())

    def rate_rows(self) -> list[tuple[str, str]]:
        """Each row's name and rate as typed; a row left wholly empty is no rate."""
        rows = []
        for row in range(self.taxes.rowCount()):
            name, rate = (self.taxes.item(row, column) for column in (0, 1))
            typed = (name.text() if name else "", rate.text() if rate else "")
            if any(text.strip() for text in typed):
                rows.append(typed)
        return rows


def tax_classes(rows: list[tuple[str, str]]) -> tuple[TaxClass, ...]:
    """The tax classes the rows name (run on the worker: a bad rate is refused with its row's words)."""
    return tuple(tax_class(name, rate) for name, rate in rows)
