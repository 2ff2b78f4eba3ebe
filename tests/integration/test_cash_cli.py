"""``popup-pos cash``: the cash session from the command line, on the services the manager screen calls."""

from __future__ import annotations

import io

import pytest

from app.cli import main
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.cash import current_session, z_numbers, z_report
from app.services.selling import CompleteSale, complete_sale
from tests.conftest import DemoTill

# The demo till's staff and PINs (app/services/demo.py).
MANAGER, MANAGER_PIN = "Alex", "1234"
CASHIER, CASHIER_PIN = "Sam", "1111"


class Cli:
    def __init__(self, demo: DemoTill, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self._folder = ["--data-dir", str(demo.till.data_dir)]
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def __call__(self, *args: str, pins: tuple[str, ...] = ()) -> tuple[int, str, str]:
        """``popup-pos --data-dir STORE cash ARGS`` with ``pins`` piped in: status, stdout, stderr."""
        self._monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{pin}\n" for pin in pins)))
        status = main([*self._folder, "cash", *args])
        captured = self._capsys.readouterr()
        return status, captured.out.replace("\xa0", " "), captured.err.replace("\xa0", " ")


@pytest.fixture
def cash(demo: DemoTill, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(demo, capsys, monkeypatch)


def test_close_open_move_and_close_again_with_the_over_short_printed(demo: DemoTill, cash: Cli) -> None:
    # The demo's session holds CHF 200 (10×5 + 5×10 + 5×20); a cash sale of 9.50 paid with 20 adds 9.50.
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    priced = carts.scan(cart_id, "KAF-003", demo.cashier, demo.till.uow()).priced
    complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 10000),)), demo.till.uow())
    expected = 20000 + priced.total

    status, out, _ = cash("status")
    assert status == 0
    assert "Cash session 1 open" in out and "by Alex" in out
    assert f"Expected in the drawer: CHF {expected / 100:.2f}" in out

    status, out, _ = cash("close", "--staff", MANAGER, "--count", "100=2", pins=(MANAGER_PIN,))
    assert status == 0
    # The Z report is printed in the event's language: the demo event is de_CH (docs/architecture.md, "Languages").
    assert "Z-Bericht A-Z0001" in out and "Gezählt" in out
    short = expected - 20000
    assert f"A-Z0001: counted CHF 200.00 for CHF {expected / 100:.2f} expected: CHF {short / 100:.2f} short." in out
    assert "FEHLBETRAG" in out  # the Z report in the de_CH event's language
    report = z_report("A-Z0001", demo.till.uow())
    assert (report.counted, report.expected, report.over_short) == (20000, expected, -short)

    assert cash("status")[1].startswith("No cash session open: open one with 'popup-pos cash open")

    status, out, _ = cash(
        "open", "--staff", CASHIER, "--count", "20=5", "--count", "0.50=10", "--count", "2=5", pins=(CASHIER_PIN,)
    )
    assert (status, out) == (0, "Cash session 2 open with a float of CHF 115.00: the till can sell.\n")
    assert cash("in", "25", "--reason", "more change", "--staff", CASHIER, pins=(CASHIER_PIN,))[:2] == (
        0,
        "Cash in of CHF 25.00 recorded (more change).\n",
    )
    # A cashier takes cash out only with a manager's PIN, asked after theirs.
    out_args = ("out", "50.50", "--reason", "bank drop", "--staff", CASHIER)
    status, _, err = cash(*out_args, pins=(CASHIER_PIN,))
    assert status == 2
    assert "Taking cash out of the drawer needs a manager's approval: add --manager NAME" in err
    status, _, err = cash(*out_args, "--manager", MANAGER, pins=(CASHIER_PIN, "9999"))
    assert (status, err) == (2, "popup-pos: Wrong PIN: try again, or ask a manager to reset it.\n")
    status, out, _ = cash(*out_args, "--manager", MANAGER, pins=(CASHIER_PIN, MANAGER_PIN))
    assert (status, out) == (0, "Cash out of CHF 50.50 recorded (bank drop).\n")

    # 115 + 25 − 50.50 = 89.50 expected; 90 counted is 0.50 over.
    status, out, _ = cash("close", "--staff", CASHIER, "--count", "50=1", "--count", "20=2", pins=(CASHIER_PIN,))
    assert status == 0
    assert "Z-Bericht A-Z0002" in out and "ÜBERSCHUSS" in out  # printed in the de_CH event's language
    assert "Bargeld entnommen: CHF 50.50 · bank drop" in out and "Bargeld eingelegt: CHF 25.00 · more change" in out
    assert "A-Z0002: counted CHF 90.00 for CHF 89.50 expected: CHF 0.50 over." in out
    assert z_numbers(demo.till.uow()) == ["A-Z0001", "A-Z0002"]


def test_refusals_say_what_to_do_and_write_nothing(demo: DemoTill, cash: Cli) -> None:
    status, _, err = cash("open", "--staff", MANAGER, "--count", "20=1", pins=(MANAGER_PIN,))
    assert status == 2 and "Cash session 1 is open since" in err and "close it (count the drawer)" in err

    status, _, err = cash("close", "--staff", MANAGER, "--count", "0.30=1", pins=(MANAGER_PIN,))
    assert status == 2
    assert err == (
        "popup-pos: '0.30' is not a CHF coin or note of this drawer: count by one of "
        "0.05, 0.10, 0.20, 0.50, 1, 2, 5, 10, 20, 50, 100, 200, 1000.\n"
    )
    for bad in ("20", "20=x", "20=-1", "=3", "20=1.5"):
        status, _, err = cash("close", "--staff", MANAGER, "--count", bad, pins=(MANAGER_PIN,))
        assert status == 2 and "popup-pos: '" in err and ("not a count" in err or "not a CHF coin" in err), bad
    status, _, err = cash("close", "--staff", MANAGER, pins=(MANAGER_PIN,))
    assert status == 2 and "Count the drawer first: --count VALUE=PIECES" in err
    status, _, err = cash("close", "--staff", MANAGER, "--count", "20=1", "--count", "20.00=2", pins=(MANAGER_PIN,))
    assert status == 2 and "20.00 is counted twice" in err

    status, _, err = cash("close", "--staff", MANAGER, "--count", "20=1", pins=("0000",))
    assert (status, err) == (2, "popup-pos: Wrong PIN: try again, or ask a manager to reset it.\n")
    status, _, err = cash("close", "--staff", "Nobody", "--count", "20=1", pins=("0000",))
    assert (status, err) == (2, "popup-pos: No staff member is called Nobody.\n")
    status, _, err = cash("in", "0", "--reason", "x", "--staff", CASHIER, pins=(CASHIER_PIN,))
    assert status == 2 and "more than zero" in err
    status, _, err = cash("in", "5", "--reason", " ", "--staff", CASHIER, pins=(CASHIER_PIN,))
    assert status == 2 and "Say why the cash moves" in err
    status, _, err = cash("in", "five", "--reason", "x", "--staff", CASHIER, pins=(CASHIER_PIN,))
    assert (status, err) == (2, "popup-pos: 'five' is not an amount: type digits such as 12.50.\n")
    session = current_session(demo.till.uow())
    assert session is not None and session.number == 1, "every refusal left the demo's session open"
    assert z_numbers(demo.till.uow()) == []

    assert cash("close", "--staff", MANAGER, "--count", "100=2", pins=(MANAGER_PIN,))[0] == 0
    for args in (("in", "5"), ("out", "5")):
        status, _, err = cash(*args, "--reason", "x", "--staff", MANAGER, pins=(MANAGER_PIN,))
        assert status == 2
        assert err.startswith("popup-pos: No cash session is open on this till: open one with 'popup-pos cash open")
    status, _, err = cash("close", "--staff", MANAGER, "--count", "100=2", pins=(MANAGER_PIN,))
    assert status == 2 and "No cash session is open" in err
