"""ESC/POS output through python-escpos: render a document to bytes, send them to a printer.

Rendering goes to python-escpos' ``Dummy`` printer, so the bytes can be kept,
tested and sent in one piece; the connection (network port 9100, USB, serial,
a device file) only carries them, each with a short timeout so a dead printer
never hangs the till.
"""

from __future__ import annotations

import io
import socket
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from printers.document import Align, Document
from printers.layout import LogoLine, QrLine, TextLine, columns_for, lay_out
from printers.texts import _

CONNECT_TIMEOUT_S = 3.0
DRAWER_PIN = 2
# The speeds thermal printers' serial ports are set to (their self-test page shows which).
SERIAL_BAUDRATES = (9600, 19200, 38400, 57600, 115200)
# A start bit, eight data bits and a stop bit carry each byte down a serial line.
SERIAL_BITS_PER_BYTE = 10
# Printers of any make announce this USB interface class; python-escpos writes to endpoint 0x01,
# which many of them do not use, so the printer interface's own OUT endpoint is looked up.
USB_PRINTER_CLASS = 7


class PrinterUnavailable(Exception):
    """The printer could not be reached or refused the job; the message says why, for the job list.

    ``may_have_printed`` is False when the link never opened, so no byte left and the job can simply
    wait; it is True when the link failed while taking the bytes, so part or all of the job may be on paper.
    """

    def __init__(self, message: str, may_have_printed: bool = False) -> None:
        super().__init__(message)
        self.may_have_printed = may_have_printed


@dataclass(frozen=True, slots=True)
class PrinterSettings:
    kind: str = "none"  # network | usb | serial | file | pdf | none
    address: str = ""  # host for network, device path for serial/file, "vendor:product" hex for USB
    port: int = 9100
    paper_width_mm: int = 80
    profile: str = "default"  # a python-escpos capabilities profile, e.g. TM-T88V
    code_page: str = "AUTO"  # AUTO picks per character; or a fixed one such as CP858
    # The printer draws the QR itself (GS ( k): sharp, tiny to send, and 10x faster
    # to render here. Older printers without it get the QR as a raster image.
    qr_as_image: bool = False
    logo_path: str = ""  # a PNG printed at the top of receipts (black on white, up to 512 px wide)
    baudrate: int = 9600  # serial printers only

    @property
    def columns(self) -> int:
        return columns_for(self.paper_width_mm)


def render_escpos(document: Document, settings: PrinterSettings) -> bytes:
    # Imported on first use: python-escpos loads its printer database (~0.2 s), which
    # the till must not pay for at start-up.
    from escpos.printer import Dummy

    printer = Dummy(profile=settings.profile)
    if settings.code_page != "AUTO":
        printer.charcode(settings.code_page)
    printer.hw("INIT")
    for line in lay_out(document, settings.columns):
        match line:
            case TextLine():
                printer.set(
                    align=line.align.value if line.align is not Align.LEFT else "left",
                    bold=line.bold,
                    double_width=line.large,
                    double_height=line.large,
                    normal_textsize=not line.large,
                )
                printer.text(line.text + "\n")
            case QrLine():
                printer.set(align="center", normal_textsize=True)
                # python-escpos prints a notice on stdout for profiles without a
                # paper width; the ESC a alignment above centres the image anyway.
                with redirect_stdout(io.StringIO()):
                    printer.qr(line.data, size=6, center=False, native=not settings.qr_as_image)
            case LogoLine():
                if Path(line.path).is_file():
                    printer.set(align="center", normal_textsize=True)
                    with redirect_stdout(io.StringIO()):
                        printer.image(line.path, center=False)
    printer.set(align="left", bold=False, normal_textsize=True)
    if document.cut:
        printer.cut()
    if document.open_drawer:
        printer.cashdraw(DRAWER_PIN)
    return bytes(printer.output)


class _Link(Protocol):
    def write(self, data: bytes) -> None: ...

    def close(self) -> None: ...


class _SocketLink:
    def __init__(self, link: socket.socket) -> None:
        self._link = link

    def write(self, data: bytes) -> None:
        self._link.sendall(data)

    def close(self) -> None:
        self._link.close()


class _EscposLink:
    """An opened python-escpos printer (device file, serial port, USB) used only to carry bytes."""

    def __init__(self, device: Any) -> None:
        self._device = device

    def write(self, data: bytes) -> None:
        self._device._raw(data)

    def close(self) -> None:
        self._device.close()


def _open(settings: PrinterSettings, size: int) -> _Link:
    from escpos.printer import File, Serial, Usb

    match settings.kind:
        case "network":
            # A plain socket with a timeout: python-escpos' Network printer
            # would wait for the OS default (minutes) on a switched-off printer.
            link = socket.create_connection((settings.address, settings.port), timeout=CONNECT_TIMEOUT_S)
            link.settimeout(CONNECT_TIMEOUT_S)
            return _SocketLink(link)
        case "file":
            device = File(settings.address, auto_flush=True)
            device.open()
            return _EscposLink(device)
        case "serial":
            serial = Serial(devfile=settings.address, baudrate=settings.baudrate, timeout=CONNECT_TIMEOUT_S)
            serial.open()
            # pyserial waits for ever on a printer that holds the line (out of paper, lid open); the
            # limit is the whole write, so it grows with what a slow line takes to carry this job.
            serial.device.write_timeout = CONNECT_TIMEOUT_S + size * SERIAL_BITS_PER_BYTE / settings.baudrate
            return _EscposLink(serial)
        case "usb":
            vendor, _colon, product = settings.address.partition(":")
            usb = Usb(int(vendor, 16), int(product, 16), timeout=int(CONNECT_TIMEOUT_S * 1000))
            usb.open()
            try:
                usb.out_ep = _usb_out_endpoint(usb.device) or usb.out_ep
            except Exception:
                usb.close()
                raise
            return _EscposLink(usb)
        case _:
            raise PrinterUnavailable(_("No receipt printer is set up: choose one in the printer settings."))


def _usb_out_endpoint(device: Any) -> int | None:
    """The bulk OUT endpoint of the device's printer interface (or of its first interface)."""
    import usb.util  # type: ignore[import-untyped]  # pyusb ships no type information

    interfaces = list(device.get_active_configuration())
    interface = next((i for i in interfaces if i.bInterfaceClass == USB_PRINTER_CLASS), interfaces[0])
    endpoint = usb.util.find_descriptor(
        interface,
        custom_match=lambda e: usb.util.endpoint_direction(e.bEndpointAddress) == usb.util.ENDPOINT_OUT,
    )
    return int(endpoint.bEndpointAddress) if endpoint is not None else None


def send(data: bytes, settings: PrinterSettings) -> None:
    """Deliver rendered bytes to the configured printer or raise PrinterUnavailable, saying whether any may
    have left."""
    try:
        link = _open(settings, len(data))
    except PrinterUnavailable:
        raise
    # python-escpos raises its own types (USB not found, device busy), pyusb and pyserial theirs.
    except Exception as error:
        raise PrinterUnavailable(_describe(error, settings)) from None
    try:
        try:
            link.write(data)
        finally:
            link.close()
    except Exception as error:
        raise PrinterUnavailable(_describe_interrupted(error, settings), may_have_printed=True) from None


def _where(settings: PrinterSettings) -> str:
    return f"{settings.address}:{settings.port}" if settings.kind == "network" else settings.address


def _reason(error: BaseException) -> str:
    # python-escpos puts the underlying error on a second line: one line reads better in the job list.
    return " ".join((getattr(error, "strerror", None) or str(error) or type(error).__name__).split())


def _describe(error: BaseException, settings: PrinterSettings) -> str:
    return _(
        "The receipt printer at {where} is not answering ({reason}): check it is on, has paper, and is plugged in."
    ).format(where=_where(settings), reason=_reason(error))


def _describe_interrupted(error: BaseException, settings: PrinterSettings) -> str:
    return _(
        "The receipt printer at {where} stopped while taking the job ({reason}): "
        "it may have printed in part. Check the paper, then print it again or confirm it printed."
    ).format(where=_where(settings), reason=_reason(error))


class EscposPrinter:
    """A thermal printer reached through python-escpos."""

    def __init__(self, settings: PrinterSettings) -> None:
        self.settings = settings

    def print_document(self, document: Document) -> None:
        send(render_escpos(document, self.settings), self.settings)
