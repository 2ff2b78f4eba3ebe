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

from printers.document import Align, Document
from printers.layout import LogoLine, QrLine, TextLine, columns_for, lay_out

CONNECT_TIMEOUT_S = 3.0
DRAWER_PIN = 2


class PrinterUnavailable(Exception):
    """The printer could not be reached or refused the job; the message says why, for the job list."""


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


def send(data: bytes, settings: PrinterSettings) -> None:
    """Deliver rendered bytes to the configured printer or raise PrinterUnavailable."""
    from escpos.printer import File, Serial, Usb

    try:
        match settings.kind:
            case "network":
                # A plain socket with a timeout: python-escpos' Network printer
                # would wait for the OS default (minutes) on a switched-off printer.
                with socket.create_connection((settings.address, settings.port), timeout=CONNECT_TIMEOUT_S) as link:
                    link.settimeout(CONNECT_TIMEOUT_S)
                    link.sendall(data)
            case "file":
                device = File(settings.address, auto_flush=True)
                device.open()
                device._raw(data)
                device.close()
            case "serial":
                serial = Serial(devfile=settings.address, timeout=CONNECT_TIMEOUT_S)
                serial.open()
                serial._raw(data)
                serial.close()
            case "usb":
                vendor, _, product = settings.address.partition(":")
                usb = Usb(int(vendor, 16), int(product, 16), timeout=int(CONNECT_TIMEOUT_S * 1000))
                usb.open()
                usb._raw(data)
                usb.close()
            case _:
                raise PrinterUnavailable("No receipt printer is set up: choose one in the printer settings.")
    except PrinterUnavailable:
        raise
    except (OSError, ValueError) as error:
        raise PrinterUnavailable(_describe(error, settings)) from None
    except Exception as error:  # python-escpos raises its own types (USB not found, device busy)
        raise PrinterUnavailable(_describe(error, settings)) from None


def _describe(error: BaseException, settings: PrinterSettings) -> str:
    where = f"{settings.address}:{settings.port}" if settings.kind == "network" else settings.address
    reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return (
        f"The {settings.kind} printer at {where} is not answering ({reason}): "
        "check it is on, has paper, and is plugged in."
    )


class EscposPrinter:
    """A thermal printer reached through python-escpos."""

    def __init__(self, settings: PrinterSettings) -> None:
        self.settings = settings

    def print_document(self, document: Document) -> None:
        send(render_escpos(document, self.settings), self.settings)
