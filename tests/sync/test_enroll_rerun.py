"""An enrollment run again after every try of it failed on the enrolling side, on SQLite and PostgreSQL over HTTP.

The hub had used the code and made the till, but no answer came back (tests/sync/faulty_proxy.py drops each one
after the hub committed). The till (``enroll_till``) and a venue hub (``enroll_upstream``, ``popup-hub relay
enroll``) keep the attempt value and the highest try number sent before each try goes out, so running the
enrollment again with the same hub and code gets the till the hub made (docs/enrollment.md).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Row, func, inspect, select

from app.bootstrap import Till, open_till
from app.domain.errors import InvalidInput
from app.services.syncing import SyncRefused, enroll_till, sync_once
from app.store.schema import settings
from app.store.tills import TillInfo
from sync.client import HubClient, HubUnreachable, enroll_attempt_key, new_enroll_attempt
from sync.hub.cli import main as hub_main
from sync.hub.relay import enroll_upstream, upstream_client
from sync.hub.store import HubStore, enroll_codes, open_hub_engine, tills
from sync.hub.store.engine import MIGRATIONS
from sync.hub.store.relay_link import link
from sync.hub.store.relay_upstream import create_relay_code
from sync.hub.store.schema import relay_enroll_attempts
from sync.protocol import PROTOCOL_HEADER
from tests.sync.conftest import HubEvent
from tests.sync.faulty_proxy import DROP_AFTER_FORWARD, HOLD, FaultyProxy
from tests.sync.test_relay import venue

__all__ = ["venue"]
USED = "unknown or already used"


def _tries(attempts: int) -> Callable[[str, str], HubClient]:
    """A till's client that gives up after ``attempts`` tries, without waiting between them."""
    return lambda url, token: HubClient(url, token, attempts=attempts, sleep=lambda _seconds: None)


@contextmanager
def _proxy_and_till(hub: HubEvent, folder: Path) -> Iterator[tuple[FaultyProxy, Till]]:
    proxy = FaultyProxy(hub.hub.url)
    till = open_till(folder)
    try:
        yield proxy, till
    finally:
        till.close()
        proxy.close()


def _kept(till: Till) -> dict[str, str]:
    """The till's settings rows of unfinished enrollments."""
    with till.uow().for_reading() as uow:
        rows = uow.connection.execute(select(settings).where(settings.c.key.like("enroll%")))
        return {row.key: row.value for row in rows}


def _code_row(store: HubStore, code: str) -> Row[Any]:
    code_hash = hashlib.sha256(code.upper().encode()).hexdigest()
    with store.engine.connect() as connection:
        return connection.execute(select(enroll_codes).where(enroll_codes.c.code_hash == code_hash)).one()


def _tills_with_code(store: HubStore, event_id: str, till_code: str) -> list[str]:
    with store.engine.connect() as connection:
        query = select(tills.c.id).where(tills.c.event_id == event_id, tills.c.code == till_code)
        return list(connection.scalars(query))


def _late_try(hub_url: str, code: str, attempt: str, try_number: int) -> httpx.Response:
    body = {"code": code, "attempt": attempt, "try_number": try_number}
    return httpx.post(f"{hub_url}/v1/enroll", json=body, headers={PROTOCOL_HEADER: "1"}, timeout=30)


def test_a_till_whose_every_try_lost_its_answer_enrolls_when_run_again(hub: HubEvent, tmp_path: Path) -> None:
    store = hub.hub.store
    code = store.create_enroll_code(hub.event_id, "R")
    with _proxy_and_till(hub, tmp_path / "till") as (proxy, till):
        proxy.faults.extend([DROP_AFTER_FORWARD] * 2)
        with pytest.raises(SyncRefused, match="could not be reached"):
            enroll_till(proxy.url, code, till.uow(), make_client=_tries(2))
        assert proxy.seen == [DROP_AFTER_FORWARD] * 2
        [made] = _tills_with_code(store, hub.event_id, "R")
        assert _code_row(store, code).attempt_try == 2, "the hub answered both tries; neither answer arrived"
        kept = _kept(till)
        [attempt] = [value for key, value in kept.items() if key.startswith("enroll_attempt.")]
        assert [value for key, value in kept.items() if key.startswith("enroll_try.")] == ["2"]
        assert code not in "".join(kept), "the code itself is never kept"

        # Another hub address is another enrollment: a new attempt, which the hub refuses for the used code.
        with pytest.raises(SyncRefused, match=USED):
            enroll_till(hub.hub.url, code, till.uow(), make_client=_tries(1))

        # The same address and code, typed in small letters: the same attempt, tries numbered from 3.
        enrolled = enroll_till(proxy.url, f" {code.lower()} ", till.uow(), make_client=_tries(2))
        assert enrolled.till_id == made and enrolled.code == "R"
        assert _code_row(store, code).attempt_try == 3
        assert _kept(till) == {}, "no attempt is left once the till is enrolled"
        assert _tills_with_code(store, hub.event_id, "R") == [made]
        # A try of the first run still on its way, numbered below the one answered, is refused by the hub.
        late = _late_try(hub.hub.url, code, attempt, 2)
        assert late.status_code == 403 and "later try" in late.json()["detail"]
        sync_once(till.uow, till.data_dir / "sync.lock")  # the token it kept pulls
        assert store.till_by_id(made) is not None

        with pytest.raises(InvalidInput, match="already belongs to a till"):
            enroll_till(proxy.url, store.create_enroll_code(hub.event_id, "S"), till.uow())
        assert _kept(till) == {}, "refused before anything is kept"


def test_a_run_with_another_code_makes_a_new_attempt(hub: HubEvent, tmp_path: Path) -> None:
    store = hub.hub.store
    lost, other = store.create_enroll_code(hub.event_id, "R"), store.create_enroll_code(hub.event_id, "S")
    with _proxy_and_till(hub, tmp_path / "till") as (proxy, till):
        proxy.faults.extend([DROP_AFTER_FORWARD] * 3)
        with pytest.raises(SyncRefused, match="could not be reached"):
            enroll_till(proxy.url, lost, till.uow(), make_client=_tries(3))
        assert len(_kept(till)) == 2

        enrolled = enroll_till(proxy.url, other, till.uow(), make_client=_tries(2))
        assert enrolled.code == "S"
        used, first = _code_row(store, other), _code_row(store, lost)
        assert used.attempt_try == 1, "its tries are numbered from 1, not after the other code's"
        assert used.attempt_hash != first.attempt_hash
        assert _kept(till) == {}, "the other code's rows went with the enrollment"
        assert _tills_with_code(store, hub.event_id, "S") == [enrolled.till_id]


def test_each_try_number_is_kept_before_the_try_is_sent(hub: HubEvent, tmp_path: Path) -> None:
    code = hub.hub.store.create_enroll_code(hub.event_id, "R")
    with _proxy_and_till(hub, tmp_path / "till") as (proxy, till):
        proxy.faults.extend([DROP_AFTER_FORWARD, HOLD])
        enrolled: list[TillInfo] = []
        worker = threading.Thread(
            target=lambda: enrolled.append(enroll_till(proxy.url, code, till.uow(), make_client=_tries(2)))
        )
        worker.start()
        try:
            assert proxy.holding.wait(timeout=30)
            # The hub has answered try 2, whose answer the proxy holds: the till had kept 2 before sending it.
            assert [value for key, value in _kept(till).items() if key.startswith("enroll_try.")] == ["2"]
        finally:
            proxy.release.set()
            worker.join(timeout=30)
        assert [info.code for info in enrolled] == ["R"]
        assert _kept(till) == {}


def test_a_first_enrollment_that_works_keeps_nothing(hub: HubEvent, tmp_path: Path) -> None:
    with _proxy_and_till(hub, tmp_path / "till") as (proxy, till):
        code = hub.hub.store.create_enroll_code(hub.event_id, "R")
        assert enroll_till(proxy.url, code, till.uow()).code == "R"
        assert proxy.seen == ["ok"]
        assert _code_row(hub.hub.store, code).attempt_try == 1
        assert _kept(till) == {}


def _relay_tries(attempts: int) -> Callable[[str], HubClient]:
    return lambda url: HubClient(url, attempts=attempts, sleep=lambda _seconds: None)


def _venue_attempts(venue_store: HubStore) -> list[tuple[str, int]]:
    with venue_store.engine.connect() as connection:
        rows = connection.execute(select(relay_enroll_attempts.c.attempt, relay_enroll_attempts.c.highest_try))
        return [(row.attempt, row.highest_try) for row in rows]


def _relay_code(hub: HubEvent, name: str) -> str:
    with hub.hub.store.engine.begin() as connection:
        return create_relay_code(connection, hub.event_id, name)


def test_a_venue_hub_whose_answer_was_lost_gets_its_relay_till_when_run_again(
    hub: HubEvent, venue: tuple[str, HubStore]
) -> None:
    _venue_url, venue_store = venue
    code = _relay_code(hub, "VENUE")
    proxy = FaultyProxy(hub.hub.url)
    try:
        proxy.faults.extend([DROP_AFTER_FORWARD] * 2)
        with pytest.raises(HubUnreachable):
            enroll_upstream(venue_store.engine, proxy.url, code, make_client=_relay_tries(2))
        [made] = _tills_with_code(hub.hub.store, hub.event_id, "VENUE")
        [(attempt, highest)] = _venue_attempts(venue_store)
        assert highest == 2 and _code_row(hub.hub.store, code).attempt_try == 2
        with venue_store.engine.connect() as connection:
            assert link(connection) is None

        enrolled = enroll_upstream(venue_store.engine, proxy.url, code.lower())
        assert enrolled.till_id == made and enrolled.till_code == "VENUE"
        assert _tills_with_code(hub.hub.store, hub.event_id, "VENUE") == [made]
        assert _code_row(hub.hub.store, code).attempt_try == 3
        assert _venue_attempts(venue_store) == [], "the attempt went with the link"
        late = _late_try(hub.hub.url, code, attempt, 1)
        assert late.status_code == 403 and "later try" in late.json()["detail"]
        with venue_store.engine.connect() as connection:
            kept = link(connection)
        assert kept is not None and kept.token == enrolled.token and kept.event_id == hub.event_id
        with upstream_client(hub.hub.url, kept.token) as http:
            assert http.get("/v1/changes", params={"cursor": "", "limit": 10}).status_code == 200
    finally:
        proxy.close()


def test_relay_enroll_run_again_on_the_command_line_and_with_another_code(
    hub: HubEvent, venue: tuple[str, HubStore], capsys: pytest.CaptureFixture[str]
) -> None:
    venue_url, venue_store = venue
    lost, other = _relay_code(hub, "VENUE"), _relay_code(hub, "VENUE2")
    proxy = FaultyProxy(hub.hub.url)
    try:
        # Every try of the command's client (four) reaches the upstream; no answer comes back.
        proxy.faults.extend([DROP_AFTER_FORWARD] * 4)
        capsys.readouterr()
        assert hub_main(["--db", venue_url, "relay", "enroll", "--upstream", proxy.url, lost]) == 2
        printed = capsys.readouterr()
        assert "could not be reached" in printed.err and "same code" in printed.err
        assert [highest for _attempt, highest in _venue_attempts(venue_store)] == [4]

        # Another code makes a new attempt (its tries numbered from 1) and links the venue hub.
        assert hub_main(["--db", venue_url, "relay", "enroll", "--upstream", proxy.url, other]) == 0
        assert f"Relaying event {hub.event_id}" in capsys.readouterr().out
        assert _code_row(hub.hub.store, other).attempt_try == 1
        assert _code_row(hub.hub.store, other).attempt_hash != _code_row(hub.hub.store, lost).attempt_hash
        assert _venue_attempts(venue_store) == []
        # Linked once: the first code run again is refused here, before anything is sent.
        assert hub_main(["--db", venue_url, "relay", "enroll", "--upstream", proxy.url, lost]) == 2
        assert "already relays" in capsys.readouterr().err
        assert _venue_attempts(venue_store) == []
    finally:
        proxy.close()


def test_migration_0029_adds_the_venue_attempts_and_its_downgrade_drops_them(hub_url: str) -> None:
    engine = open_hub_engine(hub_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            connection.execute(relay_enroll_attempts.insert().values(key_hash="k", attempt="a" * 22, highest_try=1))
            config.attributes["connection"] = connection
            command.downgrade(config, "0028")
        assert "relay_enroll_attempts" not in inspect(engine).get_table_names()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        with engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(relay_enroll_attempts)) == 0
    finally:
        engine.dispose()


def test_the_key_of_an_enrollment_is_its_hub_and_code_as_the_hub_reads_them() -> None:
    assert new_enroll_attempt() != new_enroll_attempt()
    assert enroll_attempt_key("http://hub/", " ab12 ") == enroll_attempt_key("http://hub", "AB12")
    assert enroll_attempt_key("http://hub", "AB12") != enroll_attempt_key("http://other", "AB12")
    assert enroll_attempt_key("http://hub", "AB12") != enroll_attempt_key("http://hub", "AB13")
