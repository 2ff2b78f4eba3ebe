"""The event page hardened, over real HTTP against a real hub on 127.0.0.1 (SQLite and PostgreSQL): operators'
roles and events, sign-in locks per client address, each till's last contact and the records it says are
waiting (docs/event_page.md)."""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from app.services.syncing import push_outbox
from app.store.outbox import OutboxStatus
from sync.client import HubClient, HubUnreachable, StoredRecord
from sync.hub.cli import main as hub_main
from sync.hub.page.sessions import SESSION_COOKIE
from sync.hub.store import operators as accounts
from sync.hub.store.admin_reads import event_tills, reviewed_conflicts
from sync.hub.store.schema import sign_in_addresses, till_contacts
from sync.hub.store.sign_in_limits import FAILURES_BEFORE_LOCK
from sync.protocol import EventInfo, PushedHead, PushRecord, PushResponse, TaxClassInfo
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.till_actions import sell, sync

PASSWORD = "winter-market-2026"


def add_operator(hub: HubEvent, name: str, role: str, events: list[str] | None = None) -> None:
    with hub.hub.store.engine.begin() as connection:
        accounts.add_operator(connection, name, PASSWORD, role, events)


def second_event(hub: HubEvent) -> str:
    return hub.hub.store.create_event(
        EventInfo(
            event_id=str(uuid.uuid4()),
            name="Spring Print Fair",
            place="Rote Fabrik, Zurich",
            currency="CHF",
            locale="de_CH",
            prices_include_tax=True,
            cash_rounding_step=5,
            tax_classes=[TaxClassInfo(code="standard", name="VAT 8.1%", rate="0.081")],
        )
    )


def form_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None, "the form carries its CSRF token"
    return found[1]


def try_sign_in(client: httpx.Client, name: str, password: str) -> httpx.Response:
    token = form_token(client.get("/page/sign-in").text)
    return client.post("/page/sign-in", data={"csrf_token": token, "name": name, "password": password})


@contextmanager
def signed_in(hub: HubEvent, name: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hub.hub.url) as client:
        assert try_sign_in(client, name, PASSWORD).status_code == 303
        yield client


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def conflict_of(hub: HubEvent, till: EnrolledTill, event_id: str) -> int:
    """A stock-below-zero conflict raised by the till's sale on the event: its number on the hub."""
    sync(till)
    hub.hub.store.set_stock(event_id, "BER-003", 1)
    sell(till, "BER-003", "BER-003")
    sync(till)
    [conflict] = hub.hub.store.conflicts()
    return int(conflict["id"])


def review(client: httpx.Client, event_id: str, conflict_id: int) -> httpx.Response:
    token = form_token(client.get("/page/").text)
    path = f"/page/events/{event_id}/conflicts/{conflict_id}/review"
    return client.post(path, data={"csrf_token": token, "note": "seen"})


def reviewed(hub: HubEvent) -> list[int]:
    with hub.hub.store.engine.connect() as connection:
        return [row["conflict_id"] for row in reviewed_conflicts(connection, reviewed=True)]


def test_an_operator_sees_only_its_events_and_another_answers_as_missing(hub: HubEvent) -> None:
    other = second_event(hub)
    add_operator(hub, "lena", accounts.VIEWER, [hub.event_id])
    with signed_in(hub, "lena") as client:
        events = client.get("/page/").text
        assert hub.event_id in events and other not in events and "Spring Print Fair" not in events
        assert client.get(f"/page/events/{hub.event_id}").status_code == 200
        hidden, missing = client.get(f"/page/events/{other}"), client.get(f"/page/events/{uuid.uuid4()}")
        assert (hidden.status_code, missing.status_code) == (404, 404)
        assert "No such event" in hidden.text and "Spring Print Fair" not in hidden.text
        figures = client.get(f"/page/events/{other}/figures")
        assert (figures.status_code, figures.text) == (404, "No such event on this hub.")


def test_a_review_of_another_events_conflict_is_refused_and_nothing_is_written(hub: HubEvent, tmp_path: Path) -> None:
    other = second_event(hub)
    till_b = enrolled_till(hub.hub.url, hub.hub.store, other, tmp_path / "till-b", "B")
    try:
        conflict = conflict_of(hub, till_b, other)
    finally:
        till_b.till.close()
    add_operator(hub, "max", accounts.MANAGER, [hub.event_id])
    add_operator(hub, "anna", accounts.MANAGER)
    with signed_in(hub, "max") as client:
        crafted = review(client, hub.event_id, conflict)
        assert crafted.status_code == 400
        assert f"No conflict {conflict} among the conflicts of this event" in crafted.text
        assert review(client, other, conflict).status_code == 404, "an event max may not see is no event"
    with signed_in(hub, "anna") as client:
        assert review(client, hub.event_id, conflict).status_code == 400, "the conflict is not this event's"
        assert reviewed(hub) == []
        assert review(client, other, conflict).status_code == 303, "from its own event's page it is reviewed"
    assert reviewed(hub) == [conflict]


def test_a_viewer_sees_the_conflicts_without_a_review_form_until_made_a_manager(
    hub: HubEvent, till_a: EnrolledTill, capsys: pytest.CaptureFixture[str]
) -> None:
    conflict = conflict_of(hub, till_a, hub.event_id)
    add_operator(hub, "vera", accounts.VIEWER)
    with signed_in(hub, "vera") as client:
        page = client.get(f"/page/events/{hub.event_id}").text
        assert "stock below zero" in page and 'class="review"' not in page and "reviews-for-managers" in page
        refused = review(client, hub.event_id, conflict)
        assert refused.status_code == 403 and "not review its conflicts" in refused.text
        assert reviewed(hub) == []

        db = ["--db", hub.hub.store.engine.url.render_as_string(hide_password=False)]
        assert hub_main([*db, "operator", "set", "vera", "--role", "manager"]) == 0
        assert 'class="review"' in client.get(f"/page/events/{hub.event_id}/figures").text, "at once, same session"
        assert review(client, hub.event_id, conflict).status_code == 303
    assert reviewed(hub) == [conflict]


def test_the_operator_commands_give_roles_and_events(
    hub: HubEvent, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    other = second_event(hub)
    db = ["--db", hub.hub.store.engine.url.render_as_string(hide_password=False)]

    def listed() -> str:
        capsys.readouterr()
        assert hub_main([*db, "operator", "list"]) == 0
        [line] = [line for line in capsys.readouterr().out.splitlines() if line.startswith("ida\t")]
        return "\t".join(line.split("\t")[1:4])

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    add = ["operator", "add", "ida", "--role", "manager", "--event", hub.event_id, "--password-stdin"]
    assert hub_main([*db, *add]) == 0
    assert listed() == f"manager\t{hub.event_id}\tactive"
    with signed_in(hub, "ida") as client:
        assert client.get(f"/page/events/{other}/figures").status_code == 404
        assert hub_main([*db, "operator", "grant", "ida", "--event", other]) == 0
        assert listed() == f"manager\t{','.join(sorted([hub.event_id, other]))}\tactive"
        assert client.get(f"/page/events/{other}/figures").status_code == 200, "a grant shows at once"
        assert hub_main([*db, "operator", "revoke", "ida", "--event", hub.event_id]) == 0
        assert listed() == f"manager\t{other}\tactive"
        assert client.get(f"/page/events/{hub.event_id}/figures").status_code == 404, "a revoke hides at once"
    capsys.readouterr()
    assert hub_main([*db, "operator", "revoke", "ida", "--event", hub.event_id]) != 0
    assert "ida does not see" in capsys.readouterr().err
    assert hub_main([*db, "operator", "grant", "ida", "--event", "no-such-event"]) != 0
    assert "No event no-such-event on this hub" in capsys.readouterr().err
    assert hub_main([*db, "operator", "set", "ida", "--role", "viewer", "--all-events"]) == 0
    assert listed() == "viewer\tall events\tactive"
    assert hub_main([*db, "operator", "revoke", "ida", "--event", other]) != 0
    assert "ida sees every event" in capsys.readouterr().err
    assert hub_main([*db, "operator", "remove", "ida"]) == 0


def test_wrong_sign_ins_from_one_address_lock_that_address_whatever_the_names(hub: HubEvent) -> None:
    """uvicorn takes the client's address from X-Forwarded-For of a proxy on 127.0.0.1, as behind nginx."""
    add_operator(hub, "anna", accounts.MANAGER)
    sprayer, neighbour = {"X-Forwarded-For": "203.0.113.7"}, {"X-Forwarded-For": "203.0.113.8"}
    with httpx.Client(base_url=hub.hub.url, headers=sprayer) as client:
        statuses = [try_sign_in(client, f"guess{n}", PASSWORD).status_code for n in range(FAILURES_BEFORE_LOCK)]
        assert statuses == [401] * FAILURES_BEFORE_LOCK
        locked = try_sign_in(client, "anna", PASSWORD)
        assert locked.status_code == 429 and SESSION_COOKIE not in client.cookies
        assert re.search(r"Too many wrong sign-ins from this address: try again after \d\d:\d\d:\d\d UTC", locked.text)
    with httpx.Client(base_url=hub.hub.url, headers=neighbour) as client:
        assert try_sign_in(client, "anna", PASSWORD).status_code == 303, "anna's name is not locked by the spray"
    with hub.hub.store.engine.begin() as connection:
        over = (datetime.now(UTC) - timedelta(seconds=1)).isoformat(timespec="milliseconds")
        connection.execute(update(sign_in_addresses).values(locked_until=over))
    with httpx.Client(base_url=hub.hub.url, headers=sprayer) as client:
        assert try_sign_in(client, "anna", PASSWORD).status_code == 303, "the lock ends when it says"


def contact_of(hub: HubEvent, till_id: str) -> tuple[str | None, int | None, str | None]:
    with hub.hub.store.engine.connect() as connection:
        row = connection.execute(select(till_contacts).where(till_contacts.c.till_id == till_id)).first()
    return (row.last_contact_at, row.records_waiting, row.waiting_reported_at) if row else (None, None, None)


@pytest.fixture
def viewer(hub: HubEvent) -> str:
    add_operator(hub, "vic", accounts.VIEWER)
    return "vic"


def till_row(hub: HubEvent, code: str) -> str:
    """The till's row in the page's tills section, as its text reads, seen by the viewer vic."""
    with signed_in(hub, "vic") as client:
        figures = client.get(f"/page/events/{hub.event_id}/figures").text
    [section] = re.findall(r'<section class="card" id="tills">.*?</section>', figures, re.DOTALL)
    [row] = [text_of(row) for row in re.findall(r"<tr>.*?</tr>", section, re.DOTALL) if f"<td>{code}" in row]
    return row


def test_last_contact_is_the_last_pull_or_push_not_the_last_record(hub: HubEvent, viewer: str) -> None:
    store = hub.hub.store
    enrolled = store.enroll(store.create_enroll_code(hub.event_id, "P"))
    with httpx.Client(base_url=hub.hub.url, headers={"Authorization": f"Bearer {enrolled.token}"}) as till:
        assert httpx.get(f"{hub.hub.url}/v1/changes", headers={"Authorization": "Bearer nope"}).status_code == 401
        assert contact_of(hub, enrolled.till_id) == (None, None, None)
        assert till.get("/v1/changes").status_code == 200
        first, _, _ = contact_of(hub, enrolled.till_id)
        assert first is not None and store.inbox_count() == 0
        assert first[:19].replace("T", " ") in till_row(hub, "P")
        assert till.get("/v1/changes").status_code == 200
        assert contact_of(hub, enrolled.till_id)[0] == first, "written at most every 30 s: a pull stays a read"
        with store.engine.begin() as connection:
            earlier = (datetime.now(UTC) - timedelta(minutes=1)).isoformat(timespec="milliseconds")
            connection.execute(update(till_contacts).values(last_contact_at=earlier))
        assert till.post("/v1/push", json={"records": []}).status_code == 200
        pushed, _, _ = contact_of(hub, enrolled.till_id)
        assert pushed is not None and pushed > first


class NetworkDropsAfterOnePush(HubClient):
    """A real client whose network goes down once its first batch is through."""

    pushes = 0

    def push(
        self,
        records: Sequence[PushRecord | StoredRecord],
        audit_head: PushedHead | None = None,
        records_waiting: int | None = None,
    ) -> PushResponse:
        if self.pushes:
            raise HubUnreachable("the network went down")
        self.pushes += 1
        return super().push(records, audit_head, records_waiting)


def test_a_till_pushing_in_batches_says_how_many_records_wait_and_the_page_shows_it(
    hub: HubEvent, till_a: EnrolledTill, viewer: str
) -> None:
    sync(till_a)
    for _ in range(3):
        sell(till_a, "BER-001")
    with till_a.till.uow().for_reading() as uow:
        waiting = uow.outbox.count(OutboxStatus.WAITING)
        link = uow.hub.link()
    assert link is not None and waiting > 2
    with pytest.raises(HubUnreachable), NetworkDropsAfterOnePush(link.url, link.token) as client:
        push_outbox(till_a.till.uow, client, batch_size=2)
    till_id = _till_id(hub, "A")
    _, said, said_at = contact_of(hub, till_id)
    assert said == waiting - 2 and said_at is not None
    assert f"{waiting - 2} waiting (as the till said at {said_at[11:16]})" in till_row(hub, "A")

    with httpx.Client(base_url=hub.hub.url, headers={"Authorization": f"Bearer {link.token}"}) as raw:
        assert raw.post("/v1/push", json={"records": []}).status_code == 200, "a push without the count is taken"
        assert raw.post("/v1/push", json={"records": [], "records_waiting": "lots"}).status_code == 200
    assert contact_of(hub, till_id)[1] == waiting - 2, "and changes nothing of what the till said"
    sync(till_a)
    assert contact_of(hub, till_id)[1] == 0
    assert "0 waiting (as the till said at" in till_row(hub, "A")


def _till_id(hub: HubEvent, code: str) -> str:
    with hub.hub.store.engine.connect() as connection:
        [till_id] = [state.till_id for state in event_tills(connection, hub.event_id) if state.code == code]
    return till_id
