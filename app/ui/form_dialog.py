"""The shape of a form dialog worked by finger: touch-sized fields and buttons, label and field side by side,
Cancel and the one primary action at the bottom right.

The helpers hold no text: each dialog passes its own, translated in its own class (``self.tr``) or through
the Python catalog (``_``), so the translations keep their contexts (resources/i18n). ``FormDialog`` is the
manager's add/change dialog (docs/manager_list_tabs.md): it only gathers what was typed and emits it; the tab
has the service check and save it, and accepts the dialog only once saved, so a refusal, shown in the
window's message area, leaves the dialog open with what was typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

TARGET_HEIGHT = 52
# How the dialogs write a time for the person to change; the services read it as ISO, in the event's zone.
TIME_FORMAT = "%Y-%m-%d %H:%M"


def touch_button(label: str) -> QPushButton:
    """A button a fingertip tall that takes no focus, so a scanner's typing stays in the field."""
    button = QPushButton(label)
    button.setMinimumHeight(TARGET_HEIGHT)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


def touch_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setMinimumHeight(TARGET_HEIGHT)
    field.setPlaceholderText(placeholder)
    return field


def touch_choice() -> QComboBox:
    choice = QComboBox()
    choice.setMinimumHeight(TARGET_HEIGHT)
    return choice


def lay_out_form(
    dialog: QDialog, rows: Sequence[tuple[str, QWidget | QLayout]], cancel: QPushButton, primary: QPushButton
) -> None:
    """``rows`` as label and field, then Cancel and ``primary`` at the bottom right.

    No button is a default: Return typed by a scanner in a field must not save or cancel the form.
    """
    form = QGridLayout()
    for row, (label, field) in enumerate(rows):
        form.addWidget(QLabel(label), row, 0)
        if isinstance(field, QLayout):
            form.addLayout(field, row, 1)
        else:
            form.addWidget(field, row, 1)
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    buttons.addWidget(cancel)
    buttons.addWidget(primary)
    column = QVBoxLayout(dialog)
    column.addLayout(form)
    column.addLayout(buttons)
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)


class FormDialog(QDialog):
    """``entered`` carries :meth:`typed` each time the person taps the save button; the dialog stays open."""

    entered = Signal(object)
    save_button: QPushButton

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)

    def _field(self, placeholder: str) -> QLineEdit:
        return touch_field(placeholder)

    def _lay_out(self, rows: Sequence[tuple[str, QWidget]], save_label: str, cancel_label: str) -> None:
        self.save_button = touch_button(save_label)
        self.save_button.setObjectName("primaryAction")
        self.save_button.clicked.connect(self._on_save_button_clicked)
        cancel = touch_button(cancel_label)
        cancel.clicked.connect(self.reject)
        lay_out_form(self, rows, cancel, self.save_button)

    def typed(self) -> object:
        """What was typed, as the service takes it (the service checks every value)."""
        raise NotImplementedError

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.entered.emit(self.typed())
