"""Enrollment that is safe to retry, and a till code that stays one till's, on SQLite and PostgreSQL over HTTP.

A till sends one random ``attempt`` with every try of an enrollment; the hub keeps its hash with the used code,
so a retry after a lost answer gets the same till back with a new token (docs/enrollment.md). A till code that
has a till on the event is refused when a code is made for it, and when a code made before is used.
"""

from __future__ import annotations

import secrets
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, select

from app.bootstrap import open_till
from app.services.syncing import enroll_till, sync_once
from sync.hub.cli import main as hub_main
from sync.hub.store import HubError, enrollment, tills
from sync.hub.store.engine import MIGRATIONS
from sync.protocol import PROTOCOL_HEADER
from tests.sync.admin_client import Admin, admin, db_args
from tests.sync.conftest import HubEvent, hub_on
from tests.sync.faulty_proxy import DROP_AFTER_FORWARD, FaultyProxy

__all__ = ["admin"]
USED = "unknown or already used"


def _enroll(hub: HubEvent, code: str, attempt: str | None = None, try_number: int | None = None) -> httpx.Response:
    body: dict[str, Any] = {"code": code} if attempt is None else {"code": code, "attempt": attempt}
    if try_number is not None:
        body["try_number"] = try_number
    return httpx.post(f"{hub.hub.url}/v1/enroll", json=body, headers={PROTOCOL_HEADER: "1"}, timeout=30)


def _pulls(hub: HubEvent, token: str) -> int:
    """The status of a first pull of the feed with ``token``."""
    answer = httpx.get(
        f"{hub.hub.url}/v1/changes",
        params={"cursor": "", "limit": 10},
        headers={PROTOCOL_HEADER: "1", "Authorization": f"Bearer {token}"},
        timeout=30,
    )
    return answer.status_code


def _tills_with_code(hub: HubEvent, till_code: str) -> list[str]:
    with hub.hub.store.engine.connect() as connection:
        query = select(tills.c.id).where(tills.c.event_id == hub.event_id, tills.c.code == till_code)
        return list(connection.scalars(query))


def test_a_retry_with_the_same_attempt_gets_the_same_till_and_a_new_token(hub: HubEvent) -> None:
    code, attempt = hub.hub.store.create_enroll_code(hub.event_id, "R"), secrets.token_urlsafe(16)
    first = _enroll(hub, code, attempt)
    assert first.status_code == 200, first.text
    # The first answer is lost on its way: the till sends the same request again.
    again = _enroll(hub, code.lower(), attempt)
    assert again.status_code == 200, again.text
    lost, kept = first.json(), again.json()
    assert kept["till_id"] == lost["till_id"] and kept["till_code"] == "R"
    assert kept["event"] == lost["event"] and kept["pickup_keys"] == lost["pickup_keys"]
    assert kept["token"] != lost["token"]
    assert _pulls(hub, kept["token"]) == 200
    assert _pulls(hub, lost["token"]) == 401, "the token nobody received no longer works"
    assert _tills_with_code(hub, "R") == [lost["till_id"]]


def test_a_used_code_with_another_attempt_or_none_is_refused(hub: HubEvent) -> None:
    code, attempt = hub.hub.store.create_enroll_code(hub.event_id, "R"), secrets.token_urlsafe(16)
    token = _enroll(hub, code, attempt).json()["token"]
    for other in (secrets.token_urlsafe(16), None):
        refused = _enroll(hub, code, other)
        assert refused.status_code == 403 and USED in refused.json()["detail"]
    # A till that sends no attempt (an older one) enrolls as before, and its code works once.
    old_code = hub.hub.store.create_enroll_code(hub.event_id, "O")
    assert _enroll(hub, old_code).status_code == 200
    assert _enroll(hub, old_code).status_code == 403
    assert _enroll(hub, old_code, attempt).status_code == 403, "no attempt was kept for it"
    # A malformed attempt is refused before anything is read.
    assert _enroll(hub, hub.hub.store.create_enroll_code(hub.event_id, "M"), "short").status_code == 422
    assert _pulls(hub, token) == 200


def test_a_retry_is_refused_once_the_token_was_used_or_the_till_revoked(hub: HubEvent) -> None:
    store = hub.hub.store
    code, attempt = store.create_enroll_code(hub.event_id, "R"), secrets.token_urlsafe(16)
    token = _enroll(hub, code, attempt).json()["token"]
    assert _pulls(hub, token) == 200
    refused = _enroll(hub, code, attempt)
    assert refused.status_code == 403 and USED in refused.json()["detail"]
    assert _pulls(hub, token) == 200, "the till that holds its token keeps it"

    code, attempt = store.create_enroll_code(hub.event_id, "S"), secrets.token_urlsafe(16)
    store.revoke_till(_enroll(hub, code, attempt).json()["till_id"])
    assert _enroll(hub, code, attempt).status_code == 403


def test_an_earlier_try_run_after_a_later_one_was_answered_is_refused(hub: HubEvent) -> None:
    code, attempt = hub.hub.store.create_enroll_code(hub.event_id, "R"), secrets.token_urlsafe(16)
    # The first try waited in the hub longer than the till did; its retry got there first.
    second = _enroll(hub, code, attempt, try_number=2)
    assert second.status_code == 200, second.text
    late = _enroll(hub, code, attempt, try_number=1)
    assert late.status_code == 403 and "later try" in late.json()["detail"]
    # A third try (the second's answer lost too) still gets the till; the second, run late, no longer does.
    third = _enroll(hub, code, attempt, try_number=3)
    assert third.status_code == 200 and third.json()["till_id"] == second.json()["till_id"]
    assert _enroll(hub, code, attempt, try_number=2).status_code == 403
    assert _pulls(hub, third.json()["token"]) == 200, "the token of the last try answered works"
    assert _pulls(hub, second.json()["token"]) == 401
    assert _tills_with_code(hub, "R") == [second.json()["till_id"]]


def test_two_tries_at_once_make_one_till(hub: HubEvent) -> None:
    code, attempt = hub.hub.store.create_enroll_code(hub.event_id, "R"), secrets.token_urlsafe(16)
    start = threading.Barrier(2, timeout=10)
    answers: list[httpx.Response] = []

    def one_try() -> None:
        start.wait()
        answers.append(_enroll(hub, code, attempt))

    threads = [threading.Thread(target=one_try) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    assert [answer.status_code for answer in answers] == [200, 200], [answer.text for answer in answers]
    assert len({answer.json()["till_id"] for answer in answers}) == 1
    assert _tills_with_code(hub, "R") == [answers[0].json()["till_id"]]
    assert sorted(_pulls(hub, answer.json()["token"]) for answer in answers) == [200, 401]


def test_a_second_try_waits_for_the_first_and_gets_its_till(hub: HubEvent) -> None:
    store = hub.hub.store
    code, attempt = store.create_enroll_code(hub.event_id, "R"), secrets.token_urlsafe(16)
    answered: list[str] = []
    with store.engine.begin() as connection:
        first = enrollment.enroll(connection, code, attempt)
        second = threading.Thread(target=lambda: answered.append(store.enroll(code, attempt).till_id))
        second.start()
        second.join(timeout=1)
        assert second.is_alive(), "the second try waits while the first holds the code"
    second.join(timeout=30)
    assert answered == [first.till_id]
    assert _tills_with_code(hub, "R") == [first.till_id]


def test_a_lost_answer_still_enrolls_the_till(hub: HubEvent, tmp_path: Path) -> None:
    proxy = FaultyProxy(hub.hub.url)
    till = open_till(tmp_path / "till")
    try:
        # The hub enrolls the till; the answer never reaches it; the client tries again.
        proxy.faults.append(DROP_AFTER_FORWARD)
        code = hub.hub.store.create_enroll_code(hub.event_id, "R")
        enrolled = enroll_till(proxy.url, code, till.uow())
        assert enrolled.code == "R"
        assert proxy.seen[:2] == [DROP_AFTER_FORWARD, "ok"]
        assert proxy.requests[:2] == ["POST /v1/enroll", "POST /v1/enroll"]
        assert _tills_with_code(hub, "R") == [enrolled.till_id]
        sync_once(till.uow, till.data_dir / "sync.lock")  # its token works: the first sync pulls the catalog
        assert hub.hub.store.till_by_id(enrolled.till_id) is not None
    finally:
        till.close()
        proxy.close()


def test_a_till_code_with_a_till_gets_no_new_code(
    admin: Admin, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub, store = admin.hub, admin.store
    early = store.create_enroll_code(hub.event_id, "R")  # made before till R enrolled
    till_id = _enroll(hub, store.create_enroll_code(hub.event_id, "R"), secrets.token_urlsafe(16)).json()["till_id"]

    with pytest.raises(HubError, match="Till R is already enrolled on this event: choose another till code"):
        store.create_enroll_code(hub.event_id, "r")
    made = admin.call("POST", f"/events/{hub.event_id}/enroll-codes", json={"till_code": "r"})
    assert made.status_code == 409 and "Till R is already enrolled" in made.json()["detail"]
    capsys.readouterr()
    assert hub_main([*db_args(admin.url), "till", "enroll-code", hub.event_id, "--till", "R"]) == 2
    printed = capsys.readouterr()
    assert printed.out == "" and "Till R is already enrolled on this event" in printed.err

    late = _enroll(hub, early, secrets.token_urlsafe(16))
    assert late.status_code == 403
    assert "Till R is already enrolled on this event" in late.json()["detail"]
    assert "another till code" in late.json()["detail"]
    store.revoke_till(till_id)
    refused = admin.call("POST", f"/events/{hub.event_id}/enroll-codes", json={"till_code": "R"})
    assert refused.status_code == 409, "a revoked till still owns its receipt numbers"
    assert admin.call("POST", f"/events/{hub.event_id}/enroll-codes", json={"till_code": "R2"}).status_code == 201
    assert _tills_with_code(hub, "R") == [till_id]


def test_migration_0028_adds_the_attempt_and_its_downgrade_drops_it(hub: HubEvent) -> None:
    engine = hub.hub.store.engine
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    used = hub.hub.store.create_enroll_code(hub.event_id, "R")
    assert _enroll(hub, used).status_code == 200
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0027")
    assert "attempt_hash" not in {column["name"] for column in inspect(engine).get_columns("enroll_codes")}
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert "attempt_hash" in {column["name"] for column in inspect(engine).get_columns("enroll_codes")}
    # A code used before the upgrade has no attempt: refused again, whatever is sent.
    assert _enroll(hub, used, secrets.token_urlsafe(16)).status_code == 403
    code, attempt = hub.hub.store.create_enroll_code(hub.event_id, "S"), secrets.token_urlsafe(16)
    assert _enroll(hub, code, attempt).json()["till_id"] == _enroll(hub, code, attempt).json()["till_id"]


def test_an_enrollment_that_keeps_clashing_is_refused_in_words_and_spends_no_code(tmp_path: Path) -> None:
    """A clash on the tills' unique key twice in a row (another till enrolling each time) is a 403 in words, never
    a 500, and the code stays unused. Forced here by a trigger that refuses every new till as a constraint does."""
    with hub_on(f"sqlite:///{tmp_path / 'hub.db'}") as hub:
        store = hub.hub.store
        code = store.create_enroll_code(hub.event_id, "C")
        with store.engine.begin() as connection:
            connection.exec_driver_sql(
                "CREATE TRIGGER clash BEFORE INSERT ON tills BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed'); END"
            )
        refused = _enroll(hub, code, secrets.token_urlsafe(16))
        assert refused.status_code == 403
        assert refused.json()["detail"] == (
            "Another till is enrolling on this event at the same moment: enroll this till again."
        )
        with store.engine.begin() as connection:
            connection.exec_driver_sql("DROP TRIGGER clash")
        assert _enroll(hub, code, secrets.token_urlsafe(16)).status_code == 200, "the code was not spent"
