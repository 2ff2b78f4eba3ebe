"""The first-run wizard enrolling a till with a real hub served on 127.0.0.1."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from app.bootstrap import Till
from app.services.setup import till_status
from app.services.sync_status import sync_status
from app.ui.first_run import FirstRunWizard, Step
from tests.sync.conftest import HubEvent


def click_next(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("hub_url", ["sqlite"], indirect=True)
def test_the_wizard_enrolls_the_till_with_a_one_time_code(qtbot: QtBot, hub: HubEvent, empty_till: Till) -> None:
    wizard = FirstRunWizard(empty_till)
    qtbot.addWidget(wizard)
    wizard.show()
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == Step.CONNECT)
    page = wizard.connect_page
    page.enroll.setChecked(True)
    assert not page.event_box.isEnabled()

    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: "one-time code" in page.error.text())
    qtbot.keyClicks(page.hub_url, hub.hub.url)
    qtbot.keyClicks(page.code, "WRONG-CODE")
    click_next(qtbot, wizard)
    # The hub's own refusal, not the message left from the empty fields a moment ago.
    qtbot.waitUntil(lambda: "unknown or already used" in page.error.text(), timeout=10_000)
    assert wizard.currentId() == Step.CONNECT

    page.code.setText(hub.hub.store.create_enroll_code(hub.event_id, "C"))
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == Step.STAFF, timeout=10_000)
    wizard.reject()

    status = till_status(empty_till.uow())
    assert (status.event.name, status.till.code) == ("Winter Makers Market", "C")
    assert sync_status(empty_till.uow()).enrolled
