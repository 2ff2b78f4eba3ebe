"""Serial and USB printers: python-escpos' Serial link against a pseudo-terminal pair, the USB printer
list, the libraries both need (as the self-test checks them), and the recipes that install them."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import threading
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.cli import main
from app.domain.errors import InvalidInput
from app.services.printer_settings import save_printer_settings
from app.services.printing import print_jobs, process_print_queue, queue_sale_receipt
from app.ui.printer_settings import PrinterSettingsDialog
from app.ui.worker import StoreWorker
from printers.escpos_output import PrinterSettings
from printers.links import NO_LIBUSB, RECEIPT_PRINTER_VENDORS, find_usb_printers
from tests.conftest import DemoTill
from tests.escpos_decode import decode
from tests.integration.printing_sales import sell

ROOT = Path(__file__).resolve().parents[2]
QUIET_S = 0.5


class SerialLine:
    """A serial cable played by a pseudo-terminal pair: the till opens the slave's path, the test reads the
    master, on a thread from the start, as a printer takes bytes while they come."""

    def __init__(self) -> None:
        self.master, self._slave = os.openpty()
        tty.setraw(self._slave)  # a cable carries bytes as they are: no echo, no newline translation
        self.path = os.ttyname(self._slave)
        self.received = bytearray()
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            if select.select([self.master], [], [], 0.05)[0]:
                self.received += os.read(self.master, 65536)

    def bytes_once_quiet(self) -> bytes:
        """What the line carried, once nothing more has come for a while."""
        size = -1
        while size != len(self.received):
            size = len(self.received)
            threading.Event().wait(QUIET_S)
        return bytes(self.received)

    def close(self) -> None:
        self._stop.set()
        self._reader.join(timeout=5)
        os.close(self._slave)
        os.close(self.master)


@pytest.fixture
def serial_line() -> Iterator[SerialLine]:
    line = SerialLine()
    yield line
    line.close()


def test_a_receipt_prints_on_a_serial_printer(demo: DemoTill, serial_line: SerialLine) -> None:
    settings = PrinterSettings(kind="serial", address=serial_line.path, baudrate=115200, paper_width_mm=58)
    save_printer_settings(settings, demo.manager, demo.till.uow())
    sale = sell(demo, "BER-003")
    queue_sale_receipt(sale.sale_id, demo.till.uow())

    [outcome] = process_print_queue(demo.till.uow)

    assert outcome.printed, outcome.error
    printout = decode(serial_line.bytes_once_quiet())
    assert printout.commands[0] == "init"
    assert f"Beleg {sale.receipt_no}" in printout.text  # the demo event is de_CH: its receipts are German
    assert any(line.startswith("TOTAL") and line.endswith("CHF 32.00") for line in printout.lines)
    assert max(len(line) for line in printout.lines) == 32
    assert printout.commands[-2:] == ["cut", "drawer"]
    assert [job.status for job in print_jobs(demo.till.uow())] == ["printed"]


def test_a_serial_port_that_is_not_there_keeps_the_job_queued(demo: DemoTill, tmp_path: Path) -> None:
    missing = str(tmp_path / "ttyUSB9")
    save_printer_settings(PrinterSettings(kind="serial", address=missing), demo.manager, demo.till.uow())
    queue_sale_receipt(sell(demo, "BER-003").sale_id, demo.till.uow())

    [outcome] = process_print_queue(demo.till.uow)

    assert (outcome.printed, outcome.in_doubt) == (False, False)
    assert outcome.error is not None and missing in outcome.error and "not answering" in outcome.error
    assert [job.status for job in print_jobs(demo.till.uow())] == ["queued"]


def test_a_serial_printer_runs_at_a_speed_serial_printers_use(demo: DemoTill) -> None:
    with pytest.raises(InvalidInput, match="9600, 19200, 38400, 57600, 115200 baud"):
        save_printer_settings(
            PrinterSettings(kind="serial", address="/dev/ttyUSB0", baudrate=12345), demo.manager, demo.till.uow()
        )


def test_usb_printers_are_listed_without_a_crash_when_none_is_plugged_in() -> None:
    scan = find_usb_printers()
    assert scan.problem is None
    # None here; on a till with printers plugged in, each as the settings take it.
    assert all(re.fullmatch(r"[0-9a-f]{4}:[0-9a-f]{4}", printer.address) for printer in scan.printers)


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_without_libusb_the_usb_list_says_what_to_install() -> None:
    # A computer without libusb-1.0: the library lookup pyusb relies on finds nothing.
    ran = run_python(
        "import ctypes.util\n"
        "ctypes.util.find_library = lambda name: None\n"
        "from printers.links import check_link_libraries, find_usb_printers\n"
        "print(find_usb_printers().problem)\n"
        "print(check_link_libraries().summary())\n"
    )
    assert ran.returncode == 0, ran.stderr
    problem, summary = ran.stdout.splitlines()
    assert problem == NO_LIBUSB
    assert summary.startswith("USB printers need libusb-1.0, which is missing (Debian: apt-get install libusb-1.0-0)")


def test_without_pyusb_the_usb_list_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "usb.core", None)  # as in a bundle that left pyusb out
    problem = find_usb_printers().problem
    assert problem is not None and problem.startswith("USB printers cannot be listed: pyusb does not load")


def test_the_printer_settings_list_the_usb_printers_or_say_why_not(
    qtbot: QtBot, demo: DemoTill, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, devices = StoreWorker(), StoreWorker()
    store.start()
    devices.start()
    try:
        dialog = PrinterSettingsDialog(demo.till.uow, store, devices, demo.manager)
        qtbot.addWidget(dialog)
        dialog.find_usb_button.click()
        qtbot.waitUntil(lambda: dialog.usb_message.text().startswith(("No USB printer found", "Choose one")))
        assert (dialog.usb_found.count() == 0) == dialog.usb_message.text().startswith("No USB printer found")
        monkeypatch.setitem(sys.modules, "usb.core", None)
        dialog.find_usb_button.click()
        qtbot.waitUntil(lambda: "pyusb does not load" in dialog.usb_message.text())
    finally:
        store.stop()
        devices.stop()


def test_the_self_test_says_usb_and_serial_printers_can_be_reached(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test"]) == 0
    escpos = next(line for line in capsys.readouterr().out.splitlines() if line.split()[1] == "escpos")
    assert escpos.startswith("ok")
    assert re.search(r"USB through \S*usb-1\.0\S*; serial through pyserial$", escpos), escpos


def test_the_self_test_names_each_printer_library_the_installation_lacks(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As in a bundle built without the spec's hidden imports.
    monkeypatch.setitem(sys.modules, "usb.backend.libusb1", None)
    monkeypatch.setitem(sys.modules, "serial", None)

    assert main(["--self-test"]) == 1

    last = capsys.readouterr().out.splitlines()[-1]
    assert last.split()[:2] == ["FAIL", "escpos"]
    assert "usb.backend.libusb1" in last and "serial" in last and "usb.core" not in last
    assert "packaging/popup-pos.spec" in last


def test_the_recipes_install_what_usb_and_serial_printers_need() -> None:
    spec = (ROOT / "packaging" / "popup-pos.spec").read_text()
    for module in ("usb.core", "usb.backend.libusb1", "serial"):
        assert f'"{module}"' in spec
    assert "binaries=libusb()" in spec
    assert "libusb-1.0-0" in (ROOT / "packaging" / "system-deps.sh").read_text()
    rules = (ROOT / "packaging" / "linux" / "99-popup-pos-printers.rules").read_text()
    # The udev rule opens the devices the printer settings list by maker: the same makers.
    assert {int(vendor, 16) for vendor in re.findall(r'ATTR\{idVendor\}=="([0-9a-f]{4})"', rules)} == set(
        RECEIPT_PRINTER_VENDORS
    )
