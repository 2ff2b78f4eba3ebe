"""Preferences kept per till in its store: whether the counter plays its short sounds."""

from __future__ import annotations

from app.store.unit_of_work import UnitOfWork

SOUNDS_KEY = "ui.sounds"


def sounds_on(uow: UnitOfWork) -> bool:
    """On unless someone at this till turned them off."""
    with uow.for_reading():
        return uow.tills.setting(SOUNDS_KEY) != "off"


def set_sounds_on(on: bool, uow: UnitOfWork) -> bool:
    # A matter of the hall's noise, not of money: anyone signed in may mute the till, nothing is audited.
    with uow:
        uow.tills.set_setting(SOUNDS_KEY, "on" if on else "off")
        uow.commit()
    return on
