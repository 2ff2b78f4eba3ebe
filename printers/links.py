"""What carries the bytes to a receipt printer: the USB printers plugged in, and the libraries USB and serial need.

A network printer needs nothing but a socket and a device file nothing but
the file; a USB printer needs pyusb and the libusb-1.0 system library, and a
serial one pyserial. An installation (above all a PyInstaller bundle) may
lack any of them, so both questions are answered in words a person can act
on, never with an exception.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from printers.escpos_output import USB_PRINTER_CLASS
from printers.texts import N_, _

# Makers of thermal receipt printers; several of their models announce a vendor-specific USB
# class instead of the printer class, so they are listed by their vendor id as well.
RECEIPT_PRINTER_VENDORS: dict[int, str] = {
    0x04B8: "Epson",
    0x0519: "Star Micronics",
    0x1504: "Bixolon",
    0x1D90: "Citizen",
    0x0DD4: "Custom",
    0x0619: "Seiko Instruments",
    0x154F: "SNBC",
    0x20D1: "HPRT",
    0x0416: "Winbond (Xprinter, Zjiang POS-58)",
    0x0FE6: "ICS (unbranded POS-58/POS-80)",
}
# What python-escpos' USB and serial printers import; libusb1 is the backend pyusb tries first.
LINK_MODULES = ("usb.core", "usb.backend.libusb1", "serial")
NO_LIBUSB = N_(
    "No libusb-1.0 library was found, so USB printers cannot be reached: install it "
    "(Debian and Ubuntu: sudo apt-get install libusb-1.0-0; macOS: brew install libusb), "
    "or use the printer's device file (/dev/usb/lp0) instead."
)


@dataclass(frozen=True, slots=True)
class UsbPrinter:
    vendor_id: int
    product_id: int
    name: str

    @property
    def address(self) -> str:
        """As the printer settings take it: vendor:product in hex, as lsusb shows it."""
        return f"{self.vendor_id:04x}:{self.product_id:04x}"


@dataclass(frozen=True, slots=True)
class UsbScan:
    printers: tuple[UsbPrinter, ...]
    problem: str | None = None  # why USB printers could not be looked for, and what to do


@dataclass(frozen=True, slots=True)
class LinkLibraries:
    missing: tuple[str, ...]  # "module: why", for each of LINK_MODULES that does not import
    libusb: str | None  # the libusb library pyusb loaded, or None when there is none

    def summary(self) -> str:
        usb = (
            f"USB through {self.libusb}"
            if self.libusb
            else "USB printers need libusb-1.0, which is missing (Debian: apt-get install libusb-1.0-0)"
        )
        return f"{usb}; serial through pyserial"


def check_link_libraries() -> LinkLibraries:
    missing = []
    for name in LINK_MODULES:
        try:
            importlib.import_module(name)
        except ImportError as error:
            missing.append(f"{name} ({error})")
    if missing:
        return LinkLibraries(tuple(missing), None)
    backend = importlib.import_module("usb.backend.libusb1").get_backend()
    return LinkLibraries((), str(backend.lib._name) if backend is not None else None)


def find_usb_printers() -> UsbScan:
    """The USB devices that are printers (by class) or made by a receipt printer maker."""
    try:
        core = importlib.import_module("usb.core")
    except ImportError as error:
        return UsbScan(
            (),
            _("USB printers cannot be listed: pyusb does not load ({error}). Reinstall Pop-up POS.").format(
                error=error
            ),
        )
    try:
        devices = list(core.find(find_all=True))
    except core.NoBackendError:
        return UsbScan((), _(NO_LIBUSB))
    except core.USBError as error:  # the USB subsystem itself refused (no /dev/bus/usb, no rights)
        return UsbScan(
            (), _("USB devices cannot be listed ({error}): check this user may use USB devices.").format(error=error)
        )
    # A descriptor or name pyusb cannot read (no rights to open the device, a backend without it).
    unreadable = (core.USBError, ValueError, NotImplementedError)
    printers = [
        UsbPrinter(device.idVendor, device.idProduct, _name(device, unreadable))
        for device in devices
        if device.idVendor in RECEIPT_PRINTER_VENDORS or _is_printer(device, unreadable)
    ]
    return UsbScan(tuple(printers))


def _is_printer(device: Any, unreadable: tuple[type[Exception], ...]) -> bool:
    if device.bDeviceClass == USB_PRINTER_CLASS:
        return True
    try:
        return any(
            interface.bInterfaceClass == USB_PRINTER_CLASS for configuration in device for interface in configuration
        )
    except unreadable:
        return False


def _name(device: Any, unreadable: tuple[type[Exception], ...]) -> str:
    maker = RECEIPT_PRINTER_VENDORS.get(device.idVendor, "")
    try:
        # Reading the device's own strings opens it, which needs the udev rule's rights.
        product = device.product or ""
        maker = device.manufacturer or maker
    except unreadable:
        product = ""
    return " ".join(part for part in (maker, product) if part) or "USB printer"
