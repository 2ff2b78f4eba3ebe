"""Staff lifecycle on a real store: deactivate, reactivate, reset and change PINs, the wait after wrong PINs.

The services are called with an explicit ``now`` where the wait matters, as the
screens do with their clock, so no test sleeps through a wait.
"""

from __future__ import annotations

import io
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.domain.errors import InvalidInput, NotFound, PermissionDenied, RuleViolation
from app.domain.lockout import SignInWaiting
from app.domain.staff import Role
from app.services.audit import verify_audit_trail
from app.services.authorization import ManagerApproval
from app.services.cash import MovementDirection, move_cash
from app.services.staff import (
    AddStaff,
    ChangeOwnPin,
    add_staff,
    change_own_pin,
    check_approval_pin,
    list_staff,
    sign_in,
)
from app.services.staff_admin import ResetPin, StaffChange, deactivate_staff, reactivate_staff, reset_pin
from tests.conftest import DemoTill

NOON = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def names(demo: DemoTill, include_inactive: bool = False) -> list[str]:
    return [member.name for member in list_staff(demo.till.uow(), include_inactive)]


def audit_actions(demo: DemoTill) -> list[tuple[str, str, dict[str, object]]]:
    import json

    with demo.till.uow() as uow:
        return [(e.fields.action, e.fields.subject, json.loads(e.fields.details)) for e in uow.audit.entries()]


def wrong_pins(demo: DemoTill, staff_id: str, times: int, now: datetime) -> None:
    for _ in range(times):
        with pytest.raises(PermissionDenied, match="Wrong PIN"):
            sign_in(staff_id, "9999", demo.till.uow(), now)


def test_a_deactivated_cashier_cannot_sign_in_until_reactivated(demo: DemoTill) -> None:
    deactivate_staff(StaffChange(demo.cashier, by=demo.manager), demo.till.uow())
    assert names(demo) == ["Alex", "Jo"]
    everyone = list_staff(demo.till.uow(), include_inactive=True)
    assert [(m.name, m.active) for m in everyone] == [("Alex", True), ("Jo", True), ("Sam", False)]
    with pytest.raises(PermissionDenied, match="Sam is no longer active on this till: ask a manager to reactivate"):
        sign_in(demo.cashier, "1111", demo.till.uow())
    with pytest.raises(RuleViolation, match="already inactive"):
        deactivate_staff(StaffChange(demo.cashier, by=demo.manager), demo.till.uow())

    reactivate_staff(StaffChange(demo.cashier, by=demo.manager), demo.till.uow())
    assert sign_in(demo.cashier, "1111", demo.till.uow()).name == "Sam"  # the PIN was kept
    with pytest.raises(RuleViolation, match="already active"):
        reactivate_staff(StaffChange(demo.cashier, by=demo.manager), demo.till.uow())


def test_only_a_manager_changes_staff_and_never_themself_or_the_last_manager(demo: DemoTill) -> None:
    with pytest.raises(PermissionDenied, match=r"Sam \(cashier\) may not manage staff"):
        deactivate_staff(StaffChange(demo.clerk, by=demo.cashier), demo.till.uow())
    with pytest.raises(PermissionDenied, match="may not manage staff"):
        reset_pin(ResetPin(demo.clerk, "5555", by=demo.cashier), demo.till.uow())
    with pytest.raises(RuleViolation, match="Alex is the last active manager: add or reactivate another manager"):
        deactivate_staff(StaffChange(demo.manager, by=demo.manager), demo.till.uow())

    kim = add_staff(AddStaff("Kim", Role.MANAGER, "4444", added_by=demo.manager), demo.till.uow()).staff_id
    with pytest.raises(RuleViolation, match="You cannot deactivate yourself"):
        deactivate_staff(StaffChange(kim, by=kim), demo.till.uow())
    deactivate_staff(StaffChange(demo.manager, by=kim), demo.till.uow())
    # Alex, deactivated, can no longer act as a manager either.
    with pytest.raises(NotFound, match="not active"):
        reactivate_staff(StaffChange(demo.manager, by=demo.manager), demo.till.uow())
    with pytest.raises(RuleViolation, match="Kim is the last active manager"):
        deactivate_staff(StaffChange(kim, by=kim), demo.till.uow())
    with pytest.raises(NotFound, match="not on this till"):
        deactivate_staff(StaffChange("no-such-id", by=kim), demo.till.uow())
    assert names(demo) == ["Jo", "Kim", "Sam"]


def test_five_wrong_pins_make_sign_in_wait_even_for_the_right_pin_and_the_wait_doubles(demo: DemoTill) -> None:
    wrong_pins(demo, demo.cashier, 4, NOON)
    with pytest.raises(SignInWaiting) as fifth:
        sign_in(demo.cashier, "9999", demo.till.uow(), NOON)
    assert fifth.value.seconds_left == 30
    assert "Too many wrong PINs: wait 0:30, or ask a manager" in str(fifth.value)

    with pytest.raises(SignInWaiting) as during:
        sign_in(demo.cashier, "1111", demo.till.uow(), NOON + timedelta(seconds=10))
    assert during.value.seconds_left == 20
    # Someone else's sign-in does not wait.
    assert sign_in(demo.manager, "1234", demo.till.uow(), NOON + timedelta(seconds=10)).name == "Alex"

    after = NOON + timedelta(seconds=30)
    with pytest.raises(SignInWaiting) as sixth:
        sign_in(demo.cashier, "9999", demo.till.uow(), after)
    assert sixth.value.seconds_left == 60
    waited = NOON + timedelta(seconds=90)
    assert sign_in(demo.cashier, "1111", demo.till.uow(), waited).name == "Sam"

    # The right PIN wiped the count: four more slips cost no wait.
    wrong_pins(demo, demo.cashier, 4, waited)
    assert sign_in(demo.cashier, "1111", demo.till.uow(), waited).name == "Sam"
    with sqlite3.connect(demo.till.store_path) as db:
        assert db.execute(
            "SELECT failed_pins, sign_in_waits_until FROM staff WHERE id = ?", (demo.cashier,)
        ).fetchone() == (0, None)


def test_the_wait_is_kept_in_the_store_and_shown_in_the_staff_list(demo: DemoTill) -> None:
    wrong_pins(demo, demo.clerk, 4, NOON)
    with pytest.raises(SignInWaiting):
        sign_in(demo.clerk, "9999", demo.till.uow(), NOON)
    jo = next(m for m in list_staff(demo.till.uow()) if m.name == "Jo")
    assert jo.waits_until == NOON + timedelta(seconds=30)
    with sqlite3.connect(demo.till.store_path) as db:
        failures, until = db.execute(
            "SELECT failed_pins, sign_in_waits_until FROM staff WHERE id = ?", (demo.clerk,)
        ).fetchone()
    assert (failures, datetime.fromisoformat(until)) == (5, NOON + timedelta(seconds=30))


def test_a_pin_reset_by_a_manager_ends_the_wait_and_replaces_the_pin(demo: DemoTill) -> None:
    wrong_pins(demo, demo.cashier, 4, NOON)
    with pytest.raises(SignInWaiting):
        sign_in(demo.cashier, "9999", demo.till.uow(), NOON)
    reset_pin(ResetPin(demo.cashier, "2468", by=demo.manager), demo.till.uow())
    with pytest.raises(PermissionDenied, match="Wrong PIN"):
        sign_in(demo.cashier, "1111", demo.till.uow(), NOON)
    assert sign_in(demo.cashier, "2468", demo.till.uow(), NOON).name == "Sam"
    with pytest.raises(InvalidInput, match="4 to 8 digits"):
        reset_pin(ResetPin(demo.cashier, "12", by=demo.manager), demo.till.uow())
    with pytest.raises(RuleViolation, match="Change your own PIN"):
        reset_pin(ResetPin(demo.manager, "5678", by=demo.manager), demo.till.uow())


def test_changing_ones_own_pin_needs_the_current_one_and_wrong_ones_count_toward_the_wait(demo: DemoTill) -> None:
    change_own_pin(ChangeOwnPin(demo.cashier, "1111", "2468"), demo.till.uow(), NOON)
    assert sign_in(demo.cashier, "2468", demo.till.uow(), NOON).name == "Sam"
    with pytest.raises(InvalidInput, match="same as the current one"):
        change_own_pin(ChangeOwnPin(demo.cashier, "2468", "2468"), demo.till.uow(), NOON)
    with pytest.raises(InvalidInput, match="4 to 8 digits"):
        change_own_pin(ChangeOwnPin(demo.cashier, "2468", "12"), demo.till.uow(), NOON)

    # Guessing through 'change my PIN' is no way round the wait.
    for _ in range(4):
        with pytest.raises(PermissionDenied, match="Wrong PIN"):
            change_own_pin(ChangeOwnPin(demo.cashier, "0000", "1357"), demo.till.uow(), NOON)
    with pytest.raises(SignInWaiting):
        change_own_pin(ChangeOwnPin(demo.cashier, "0000", "1357"), demo.till.uow(), NOON)
    with pytest.raises(SignInWaiting):
        sign_in(demo.cashier, "2468", demo.till.uow(), NOON)
    with pytest.raises(SignInWaiting):
        change_own_pin(ChangeOwnPin(demo.cashier, "2468", "1357"), demo.till.uow(), NOON)
    assert sign_in(demo.cashier, "2468", demo.till.uow(), NOON + timedelta(seconds=30)).name == "Sam"


def test_every_change_is_audited_without_any_pin(demo: DemoTill) -> None:
    before = len(audit_actions(demo))
    deactivate_staff(StaffChange(demo.cashier, by=demo.manager), demo.till.uow())
    reactivate_staff(StaffChange(demo.cashier, by=demo.manager), demo.till.uow())
    wrong_pins(demo, demo.cashier, 4, NOON)
    with pytest.raises(SignInWaiting):
        sign_in(demo.cashier, "9999", demo.till.uow(), NOON)
    with pytest.raises(SignInWaiting):
        sign_in(demo.cashier, "1111", demo.till.uow(), NOON)
    reset_pin(ResetPin(demo.cashier, "2468", by=demo.manager), demo.till.uow())
    change_own_pin(ChangeOwnPin(demo.cashier, "2468", "1357"), demo.till.uow(), NOON)

    entries = audit_actions(demo)[before:]
    assert [action for action, _subject, _details in entries] == [
        "staff.deactivated",
        "staff.reactivated",
        *["staff.sign_in_refused"] * 5,
        "staff.sign_in_locked",
        "staff.sign_in_refused",
        "staff.pin_reset",
        "staff.pin_changed",
    ]
    assert all(subject == demo.cashier for _action, subject, _details in entries)
    # Each change records the state it left (app/domain/staff_state.py): a fingerprint of the PIN hash, never a PIN.
    states = [details.pop("staff") for action, _subject, details in entries if "staff" in details]
    assert [(state["active"], state["role"]) for state in states] == [(False, "cashier")] + [(True, "cashier")] * 3
    assert len({state["pin"] for state in states}) == 3  # the reset and the change each left a new PIN
    assert entries[0][2] == {"name": "Sam", "role": "cashier"}
    assert entries[6][2] == {"attempt": "sign in", "reason": "wrong PIN", "in_a_row": 5}
    assert entries[7][2] == {"in_a_row": 5, "wait_seconds": 30, "until": "2025-06-01T12:00:30+00:00"}
    assert entries[8][2] == {"attempt": "sign in", "reason": "waiting", "seconds_left": 30}
    assert entries[9][2] == {"name": "Sam", "role": "cashier", "wrong_pins_cleared": 5}
    assert not any(pin in str(entries) for pin in ("1111", "2468", "1357", "9999"))
    assert verify_audit_trail(demo.till.uow()).intact


# The command line


def cli(demo: DemoTill, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--data-dir", str(demo.till.data_dir), *args])


def test_staff_commands_deactivate_list_reactivate(
    demo: DemoTill, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(demo, monkeypatch, "staff", "deactivate", "Sam", "--manager", "Alex", stdin="1234\n") == 0
    assert "Sam is deactivated: they can no longer sign in" in capsys.readouterr().out
    assert cli(demo, monkeypatch, "staff", "list") == 0
    assert capsys.readouterr().out.split() == ["Alex", "manager", "Jo", "pickup_clerk"]
    assert cli(demo, monkeypatch, "staff", "list", "--all") == 0
    assert capsys.readouterr().out.split() == ["Alex", "manager", "Jo", "pickup_clerk", "Sam", "cashier", "inactive"]
    assert cli(demo, monkeypatch, "staff", "change-pin", "Sam", stdin="1111\n2468\n") == 2
    assert "Sam is no longer active on this till" in capsys.readouterr().err

    assert cli(demo, monkeypatch, "staff", "reactivate", "Sam", "--manager", "Alex", stdin="0000\n") == 2
    assert "Wrong PIN" in capsys.readouterr().err
    assert "Sam" not in names(demo)
    assert cli(demo, monkeypatch, "staff", "reactivate", "Sam", "--manager", "Alex", stdin="1234\n") == 0
    assert "Sam is active again" in capsys.readouterr().out
    assert "Sam" in names(demo)

    assert cli(demo, monkeypatch, "staff", "deactivate", "Alex", "--manager", "Alex", stdin="1234\n") == 2
    assert "Alex is the last active manager" in capsys.readouterr().err
    assert cli(demo, monkeypatch, "staff", "deactivate", "Robin", "--manager", "Alex", stdin="1234\n") == 2
    assert "No staff member is called Robin: 'popup-pos staff list --all' shows everyone" in capsys.readouterr().err
    assert cli(demo, monkeypatch, "staff", "deactivate", "Jo", "--manager", "Sam", stdin="1111\n") == 2
    assert "Sam (cashier) may not manage staff" in capsys.readouterr().err


def test_staff_commands_reset_and_change_a_pin_and_show_the_wait(
    demo: DemoTill, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(4):
        assert cli(demo, monkeypatch, "staff", "change-pin", "Sam", stdin="0000\n2468\n") == 2
        assert "Wrong PIN" in capsys.readouterr().err
    assert cli(demo, monkeypatch, "staff", "change-pin", "Sam", stdin="0000\n2468\n") == 2
    assert "Too many wrong PINs: wait 0:30, or ask a manager to reset the PIN." in capsys.readouterr().err
    assert cli(demo, monkeypatch, "staff", "change-pin", "Sam", stdin="1111\n2468\n") == 2
    assert "Too many wrong PINs: wait 0:" in capsys.readouterr().err
    assert cli(demo, monkeypatch, "staff", "list") == 0
    assert "Sam                  cashier  sign-in waits until " in capsys.readouterr().out

    assert cli(demo, monkeypatch, "staff", "reset-pin", "Sam", "--manager", "Alex", stdin="1234\n2468\n") == 0
    assert "Sam's PIN is reset; any wait after wrong PINs is over." in capsys.readouterr().out
    assert sign_in(demo.cashier, "2468", demo.till.uow()).name == "Sam"

    assert cli(demo, monkeypatch, "staff", "change-pin", "Sam", stdin="2468\n1357\n") == 0
    assert "Sam's PIN is changed" in capsys.readouterr().out
    assert sign_in(demo.cashier, "1357", demo.till.uow()).name == "Sam"
    assert cli(demo, monkeypatch, "staff", "reset-pin", "Sam", "--manager", "Alex", stdin="1234\n12\n") == 2
    assert "4 to 8 digits" in capsys.readouterr().err
    assert sign_in(demo.cashier, "1357", demo.till.uow()).name == "Sam"


def test_a_store_from_before_migration_0009_gets_its_staff_with_no_wait(tmp_path: Path) -> None:
    from alembic import command

    from app.store.database import _alembic_config, migrate, open_engine

    engine = open_engine(tmp_path / "old.db")
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0008")
        connection.exec_driver_sql(
            "INSERT INTO staff (id, name, role, pin_hash, active, created_at)"
            " VALUES ('s1', 'Sam', 'cashier', 'scrypt$x', 1, '2025-06-01T12:00:00.000+00:00')"
        )
    migrate(engine)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT name, failed_pins, sign_in_waits_until FROM staff").fetchall()
    engine.dispose()
    assert [tuple(row) for row in rows] == [("Sam", 0, None)]


def test_wrong_approval_pins_count_toward_the_managers_wait_and_a_waiting_manager_approves_nothing(
    demo: DemoTill,
) -> None:
    for _ in range(4):
        with pytest.raises(PermissionDenied, match="Wrong PIN"):
            check_approval_pin(ManagerApproval("Alex", "9999"), demo.till.uow())
    with pytest.raises(SignInWaiting):
        check_approval_pin(ManagerApproval("Alex", "9999"), demo.till.uow())
    # Even the right PIN approves nothing while Alex waits, whichever way it reaches the service.
    with pytest.raises(SignInWaiting):
        check_approval_pin(ManagerApproval("Alex", "1234"), demo.till.uow())
    with pytest.raises(SignInWaiting):
        move_cash(
            MovementDirection.OUT, 500, "bank drop", demo.cashier, demo.till.uow(), ManagerApproval("Alex", "1234")
        )
    refused = [details for action, _subject, details in audit_actions(demo) if action == "staff.sign_in_refused"]
    assert [details["attempt"] for details in refused] == ["approval"] * 6
