"""The till's receipt printer: which one, how it is reached, and the paper it takes.

Kept in the till's settings (one JSON value) and changed by a manager, audited;
app/services/printing.py reads them to print.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from app.domain.errors import InvalidInput
from app.domain.staff import Permission
from app.domain.texts import N_, _
from app.services.authorization import require
from app.store.unit_of_work import UnitOfWork
from printers.escpos_output import SERIAL_BAUDRATES, PrinterSettings
from printers.links import UsbScan, find_usb_printers

PRINTER_SETTINGS_KEY = "printer"
PAPER_WIDTHS_MM = (58, 80)
PRINTER_KINDS = ("network", "usb", "serial", "file", "none")
# Stored as the codes above; shown as ``_(PRINTER_KIND_LABELS[kind])`` and ``PrintJobView.status_label``.
PRINTER_KIND_LABELS = {
    "network": N_("network"),
    "usb": N_("usb"),
    "serial": N_("serial"),
    "file": N_("file"),
    "none": N_("none"),
}


def read_printer_settings(uow: UnitOfWork) -> PrinterSettings:
    stored = uow.tills.setting(PRINTER_SETTINGS_KEY)
    return PrinterSettings(**json.loads(stored)) if stored else PrinterSettings()


def has_printer(settings: PrinterSettings) -> bool:
    # The drawer opens through the printer: a till without one has neither to drive.
    return settings.kind != "none"


def printer_settings(uow: UnitOfWork) -> PrinterSettings:
    with uow.for_reading():
        return read_printer_settings(uow)


def save_printer_settings(settings: PrinterSettings, staff_id: str, uow: UnitOfWork) -> PrinterSettings:
    if settings.kind not in PRINTER_KINDS:
        raise InvalidInput(
            _("'{kind}' is not a printer kind: choose one of {kinds}.").format(
                kind=settings.kind, kinds=", ".join(PRINTER_KINDS)
            )
        )
    if settings.paper_width_mm not in PAPER_WIDTHS_MM:
        raise InvalidInput(_("The paper is 58 or 80 mm wide: measure the roll and choose one."))
    if settings.kind == "network" and (not settings.address.strip() or not 0 < settings.port < 65536):
        raise InvalidInput(_("A network printer needs its address (e.g. 192.168.1.50) and port (usually 9100)."))
    if settings.kind in ("serial", "file") and not settings.address.strip():
        raise InvalidInput(_("Give the printer's device path, e.g. /dev/usb/lp0 or /dev/ttyUSB0."))
    if settings.kind == "serial" and settings.baudrate not in SERIAL_BAUDRATES:
        speeds = ", ".join(str(speed) for speed in SERIAL_BAUDRATES)
        raise InvalidInput(
            _(
                "A serial printer runs at one of {speeds} baud: its self-test page (hold FEED at power-on) shows which."
            ).format(speeds=speeds)
        )
    if settings.logo_path and not Path(settings.logo_path).is_file():
        raise InvalidInput(
            _("The logo {logo_path} does not exist: choose a PNG file, or leave it empty.").format(
                logo_path=settings.logo_path
            )
        )
    if settings.kind == "usb":
        vendor, _colon, product = settings.address.partition(":")
        try:
            int(vendor, 16), int(product, 16)
        except ValueError:
            raise InvalidInput(
                _("A USB printer is given as vendor:product in hex, e.g. 04b8:0202 (see lsusb).")
            ) from None
    with uow:
        require(uow, staff_id, Permission.MANAGE_CATALOG)
        till = uow.tills.this_till()
        uow.tills.set_setting(PRINTER_SETTINGS_KEY, json.dumps(asdict(settings)))
        uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="printer.configured",
            subject=settings.kind,
            details=asdict(settings),
        )
        uow.commit()
    return settings


def usb_printers() -> UsbScan:
    """The USB printers plugged in, to choose one in the settings; or why none can be listed."""
    return find_usb_printers()
