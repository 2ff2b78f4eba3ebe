"""Enrolled with the marketplace's hub, or standalone with the event's details typed and picked here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QButtonGroup, QFormLayout, QGroupBox, QLineEdit, QRadioButton

from app.domain.money import parse_minor
from app.domain.tax_suggestions import Choice, locale_choices
from app.services.setup import SetUpTill, set_up_till
from app.services.syncing import enroll_till
from app.store.tills import TillInfo
from app.ui.first_run.base import Page, Session, Step, refuse
from app.ui.first_run.event_form import EventForm, tax_classes
from app.ui.worker import StoreWorker


class ConnectPage(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Marketplace or standalone"))
        self.setSubTitle(
            self.tr(
                "Enrolled with the marketplace's hub, the till gets the event, its catalog and pickup orders. "
                "Standalone, you type the event here and import the catalog later."
            )
        )
        self.enroll = QRadioButton(self.tr("Enroll with the marketplace's hub"))
        self.standalone = QRadioButton(self.tr("Work standalone"))
        self.standalone.setChecked(True)
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.enroll)
        self.choice.addButton(self.standalone)

        self.hub_url = QLineEdit()
        self.hub_url.setPlaceholderText("http://192.168.1.10:8765")
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("the one-time code from the marketplace"))
        hub_form = QFormLayout()
        hub_form.addRow(self.tr("Hub address"), self.hub_url)
        hub_form.addRow(self.tr("One-time code"), self.code)
        self.hub_box = QGroupBox()
        self.hub_box.setLayout(hub_form)
        self.event_box = EventForm()

        self.body.addWidget(self.enroll)
        self.body.addWidget(self.hub_box)
        self.body.addWidget(self.standalone)
        self.body.addWidget(self.event_box)
        self.set_up = False
        self.enroll.toggled.connect(self._on_enroll_toggled)
        self._on_enroll_toggled(False)
        self._locales_asked = False

    def initializePage(self) -> None:  # noqa: N802
        if not self._locales_asked:
            self._locales_asked = True
            # Six hundred locales take a second or two to read: off the GUI thread, and no Next waits on it.
            self.session.devices.query(locale_choices).success(self._show_locales)

    def _show_locales(self, choices: tuple[Choice, ...]) -> None:
        self.event_box.show_locales(choices)

    @Slot(bool)
    def _on_enroll_toggled(self, enrolling: bool) -> None:
        self.hub_box.setEnabled(enrolling and not self.set_up)
        self.event_box.setEnabled(not enrolling and not self.set_up)

    def step_job(self) -> Callable[[], Any] | None:
        if self.set_up:
            return None  # back here after the till was made: it cannot be made twice
        uow = self.session.till.uow
        if self.enroll.isChecked():
            url, code = self.hub_url.text().strip(), self.code.text().strip()
            if not url or not code:
                return refuse(self.tr("Type the hub's address and the one-time code the marketplace gave you."))
            return lambda: enroll_till(url, code, uow())
        form = self.event_box
        name, place, till_code = form.event_name.text(), form.place.text().strip(), form.till_code.text()
        currency, locale, zone = form.currency_code(), form.locale_code(), form.time_zone_name()
        include_tax, rates, step = form.prices_include_tax.isChecked(), form.rate_rows(), form.cash_step.text().strip()
        if not zone:
            return refuse(self.tr("Choose the event's time zone from the list."))

        def set_up() -> TillInfo:
            command = SetUpTill(
                event_name=name,
                place=place,
                till_code=till_code,
                currency=currency,
                locale=locale,
                prices_include_tax=include_tax,
                cash_rounding_step=parse_minor(step, currency) if step else 1,
                tax_classes=tax_classes(rates),
                time_zone=zone,
            )
            return set_up_till(command, uow())

        return set_up

    def step_worker(self) -> StoreWorker:
        # Enrolling waits on the network: the devices' worker, so the store's queue never waits on it.
        return self.session.devices if self.enroll.isChecked() else self.session.store

    def step_done(self, _till: TillInfo) -> None:
        self.set_up = True
        self._on_enroll_toggled(self.enroll.isChecked())

    def nextId(self) -> int:  # noqa: N802
        return int(Step.STAFF)
