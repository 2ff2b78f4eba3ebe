"""``popup-pos printer``: settings, a test page and the printer's state, against a network printer on 127.0.0.1."""

from __future__ import annotations

import io

import pytest

from app.cli import main
from app.services.printer_settings import printer_settings
from app.services.printing import print_jobs
from printers.escpos_output import PrinterSettings
from tests.conftest import DemoTill
from tests.printer_server import LoopbackPrinter, free_port

MANAGER, MANAGER_PIN = "Alex", "1234"
CASHIER, CASHIER_PIN = "Sam", "1111"


class Cli:
    def __init__(self, demo: DemoTill, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self._folder = ["--data-dir", str(demo.till.data_dir)]
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def __call__(self, *args: str, pin: str | None = None) -> tuple[int, str, str]:
        """``popup-pos --data-dir STORE printer ARGS`` with the PIN piped in: status, stdout, stderr."""
        self._monkeypatch.setattr("sys.stdin", io.StringIO(f"{pin}\n" if pin else ""))
        status = main([*self._folder, "printer", *args])
        captured = self._capsys.readouterr()
        return status, captured.out, captured.err


@pytest.fixture
def cli(demo: DemoTill, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(demo, capsys, monkeypatch)


def test_set_a_network_printer_print_the_test_page_and_read_its_state(
    demo: DemoTill, cli: Cli, printer: LoopbackPrinter
) -> None:
    status, out, _ = cli("status")
    assert status == 0
    assert "printer:   none" in out and "last job:  none yet" in out and "waiting:   0 job(s)" in out

    status, out, _ = cli(
        "set", "--kind", "network", "--host", "127.0.0.1", "--port", str(printer.port), "--paper", "58",
        "--staff", MANAGER, pin=MANAGER_PIN,
    )  # fmt: skip
    assert status == 0
    assert f"printer:   network 127.0.0.1:{printer.port}" in out and "paper:     58 mm (32 columns)" in out
    assert printer_settings(demo.till.uow()) == PrinterSettings(
        kind="network", address="127.0.0.1", port=printer.port, paper_width_mm=58
    )

    status, out, _ = cli("test", "--staff", CASHIER, pin=CASHIER_PIN)
    assert (status, out) == (0, "Test page printed: check the paper (accents, amounts, the QR code).\n")
    [page] = printer.printouts()
    # Large letters on a 58 mm roll: the title wraps.
    # The test page speaks the event's language, as every document: the demo event is de_CH.
    assert page.lines[:2] == ["Pop-up POS", "Testseite"] and "Winter Makers Market · Kasse A" in page.lines
    assert "Papier 58 mm          32 Spalten" in page.lines
    assert "qr" in page.commands and page.commands[-1] == "cut"

    status, out, _ = cli("status")
    assert status == 0
    assert f"printer:   network 127.0.0.1:{printer.port}" in out
    assert "Drucker-Testseite: printed" in out
    assert "waiting:   0 job(s)" in out and "in doubt:  0 job(s)" in out


def test_a_printer_that_is_off_keeps_the_page_queued_and_says_why(demo: DemoTill, cli: Cli) -> None:
    port = free_port()  # nothing listens there: a printer switched off
    assert (
        cli(
            "set", "--kind", "network", "--host", "127.0.0.1", "--port", str(port), "--staff", MANAGER, pin=MANAGER_PIN
        )[0]
        == 0
    )

    status, out, _ = cli("test", "--staff", MANAGER, pin=MANAGER_PIN)
    assert status == 1
    assert "The test page did not print and waits in the queue:" in out and f"127.0.0.1:{port}" in out
    assert "Check the printer (power, paper, cable or network)" in out
    assert [job.status for job in print_jobs(demo.till.uow())] == ["queued"]

    status, out, _ = cli("status")
    assert status == 0
    assert "Drucker-Testseite: queued (" in out
    assert "waiting:   1 job(s) ('popup-pos print retry' sends them)" in out


def test_settings_change_what_is_given_and_refuse_what_does_not_fit(demo: DemoTill, cli: Cli) -> None:
    status, out, _ = cli(
        "set", "--kind", "serial", "--device", "/dev/ttyUSB0", "--baud", "19200", "--staff", MANAGER, pin=MANAGER_PIN
    )
    assert status == 0 and "printer:   serial /dev/ttyUSB0 at 19200 baud" in out
    status, out, _ = cli(
        "set", "--paper", "58", "--code-page", "cp858", "--qr-as-image", "--profile", "TM-T88V", "--staff", MANAGER,
        pin=MANAGER_PIN,
    )  # fmt: skip
    assert status == 0
    assert printer_settings(demo.till.uow()) == PrinterSettings(
        kind="serial",
        address="/dev/ttyUSB0",
        paper_width_mm=58,
        profile="TM-T88V",
        code_page="CP858",
        qr_as_image=True,
        baudrate=19200,
    )
    assert "QR codes:  as images" in out

    saved = printer_settings(demo.till.uow())
    refusals = {
        ("--kind", "network", "--usb", "04b8:0202"): "--usb does not fit: a network printer takes --host 192.168.1.50.",
        ("--kind", "none", "--host", "10.0.0.9"): "--host does not fit: a 'none' printer has no address.",
        ("--kind", "network"): "A network printer needs its address (e.g. 192.168.1.50) and port (usually 9100).",
        ("--kind", "usb", "--usb", "epson"): "A USB printer is given as vendor:product in hex, e.g. 04b8:0202",
        ("--baud", "1234"): "A serial printer runs at one of 9600, 19200, 38400, 57600, 115200 baud",
        ("--paper", "70"): "The paper is 58 or 80 mm wide",
        ("--kind", "laser"): "'laser' is not a printer kind: choose one of network, usb, serial, file, none.",
    }
    for args, message in refusals.items():
        status, _, err = cli("set", *args, "--staff", MANAGER, pin=MANAGER_PIN)
        assert status == 2 and err.startswith(f"popup-pos: {message}"), (args, err)
    status, _, err = cli("set", "--kind", "none", "--staff", CASHIER, pin=CASHIER_PIN)
    assert status == 2 and "Sam (cashier) may not manage catalog" in err
    assert printer_settings(demo.till.uow()) == saved, "no refusal changed the settings"

    status, out, _ = cli("set", "--kind", "none", "--staff", MANAGER, pin=MANAGER_PIN)
    assert status == 0 and "printer:   none" in out and "test page" not in out
    assert printer_settings(demo.till.uow()).address == ""
