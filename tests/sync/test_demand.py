"""Demand end to end over real HTTP: recorded at the counter, kept on the hub, listed with its sell-out, sent
as a webhook, and a contact erased everywhere on request (docs/demand.md)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from pypdf import PdfReader
from sqlalchemy import select

from app.domain.demand import DemandInput
from app.services.demand import RecordDemand, demand_entries, record_demand
from sync.hub.cli import main as hub_main
from sync.hub.store.schema import demand_entries as hub_demand
from sync.hub.store.schema import demand_erasures, inbox, metadata, webhook_outbox
from sync.hub.store.webhook_outbox import subscribe
from sync.hub.webhooks import WebhookSender
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.till_actions import sell, sync
from tests.sync.webhook_receiver import VERIFY, Receiver, receiver, sender
from tests.sync.webhook_receiver import subscribe as subscribe_by_command

# The fixtures (a receiver, the hub's sender) the webhook test takes.
__all__ = ["receiver", "sender"]
SKU = "ATE-001"
CANDLE = "2000000000015"  # ATE-001 in the demo catalog


def asked(till: EnrolledTill, sku: str | None, item: str = "", contact: str = "", consent: bool = False) -> str:
    typed = DemandInput(sku=sku, item=item, quantity=None, note="", contact=contact, consent=consent)
    return record_demand(RecordDemand(till.cashier, typed), till.till.uow()).demand_id


def hub_says(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> str:
    capsys.readouterr()
    assert hub_main(["--db", url, *args]) in (0, None)
    return capsys.readouterr().out


def test_demand_reaches_the_hub_its_list_and_webhook_and_a_contact_is_erased(
    hub: HubEvent, till_a: EnrolledTill, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store, url = hub.hub.store, str(hub.hub.store.engine.url.render_as_string(hide_password=False))
    with store.engine.begin() as connection:
        subscribe(connection, hub.event_id, "https://shop.example/hooks", ["demand.recorded"])
    store.set_stock(hub.event_id, SKU, 2)
    sync(till_a)
    asked(till_a, SKU)  # before the sell-out: counted, not "after"
    sell(till_a, CANDLE, CANDLE)  # the last two
    asked(till_a, SKU, contact="Mia@Example.CH", consent=True)
    asked(till_a, SKU)
    asked(till_a, SKU)
    asked(till_a, None, item="Velvet scarf")
    sync(till_a)

    with store.engine.connect() as connection:
        rows = connection.execute(select(hub_demand).order_by(hub_demand.c.recorded_at)).all()
        deliveries = [json.loads(p) for p in connection.execute(select(webhook_outbox.c.payload)).scalars()]
        sale_at = min(
            json.loads(p)["created_at"]
            for p in connection.execute(select(inbox.c.payload).where(inbox.c.type == "sale.completed")).scalars()
        )
    assert len(rows) == 5 and {row.till_code for row in rows} == {"A"}
    assert [row.contact for row in rows if row.contact] == ["mia@example.ch"]
    assert len(deliveries) == 5
    assert [d["contact"] for d in deliveries if d["contact"]] == ["mia@example.ch"]
    assert {d["consent_wording"] for d in deliveries if d["contact"]} == {"demand-consent-1"}

    listed = hub_says(capsys, url, "demand", "list", "--event", hub.event_id)
    at = datetime.fromisoformat(sale_at).astimezone(UTC).strftime("%H:%M")
    assert f"sold out at {at} UTC, asked for 3 more times after" in listed
    assert "4 times" in listed and "Velvet scarf" in listed
    assert "notify when back: mia@example.ch" in listed
    report = hub_says(capsys, url, "report", "event", "--event", hub.event_id)
    assert "Demand after sell-out" in report and f"sold out at {at} UTC, asked for 3 more times after" in report
    pdf = tmp_path / "event.pdf"
    hub_says(capsys, url, "report", "event", "--event", hub.event_id, "--pdf", str(pdf))
    printed = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Demand after sell-out" in printed and "asked for 3 more times after" in printed

    erased = hub_says(capsys, url, "demand", "erase", "--contact", "MIA@example.ch", "--by", "Alex")
    assert "removed from 1 demand entries and 1 webhook deliveries" in erased
    with store.engine.connect() as connection:
        assert connection.scalar(select(hub_demand.c.id).where(hub_demand.c.contact.is_not(None))) is None
        assert len(connection.execute(select(hub_demand)).all()) == 5  # the anonymous demand is kept
        everything = " ".join(
            [
                *connection.execute(select(inbox.c.payload)).scalars(),
                *connection.execute(select(webhook_outbox.c.payload)).scalars(),
            ]
        )
        (erasure,) = connection.execute(select(demand_erasures)).all()
    assert "mia@" not in everything.lower()
    assert (erasure.entries, erasure.requested_by) == (1, "Alex") and "mia" not in erasure.demand_ids
    listed = hub_says(capsys, url, "demand", "list", "--event", hub.event_id)
    assert "notify when back" not in listed and "asked for 3 more times after" in listed
    assert "1 entries" in hub_says(capsys, url, "demand", "erasures")

    sync(till_a)  # the feed's demand_erasure reaches the till that recorded it
    assert [entry.contact for entry in demand_entries(till_a.till.uow())] == [None] * 5
    with till_a.till.uow() as uow:
        assert [e for e in uow.audit.entries() if e.fields.action == "demand.contact_erased"]

    out = tmp_path / "demand.csv"
    hub_says(capsys, url, "demand", "list", "--event", hub.event_id, "--csv", str(out))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert len(lines) == 5 and [line["after_sell_out"] for line in lines].count("1") == 3
    assert all(line["contact"] == "" for line in lines)


def test_an_erasure_of_an_unknown_contact_is_logged_and_bad_input_refused(
    hub: HubEvent, capsys: pytest.CaptureFixture[str]
) -> None:
    url = str(hub.hub.store.engine.url.render_as_string(hide_password=False))
    assert "removed from 0 demand entries" in hub_says(
        capsys, url, "demand", "erase", "--contact", "+41 79 000 00 00", "--by", "Desk"
    )
    capsys.readouterr()
    assert hub_main(["--db", url, "demand", "erase", "--contact", "not a contact", "--by", "Desk"]) not in (0, None)
    assert "neither an email address nor a phone number" in capsys.readouterr().err


def test_the_demand_tables_match_their_migration(hub: HubEvent) -> None:
    def mine(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        table = getattr(obj, "table", obj) if type_ != "table" else obj
        return getattr(table, "name", name) in ("demand_entries", "demand_erasures")

    with hub.hub.store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": mine})
        assert compare_metadata(context, metadata) == []


def test_the_marketplace_receives_demand_as_signed_webhooks_with_a_contact_only_when_consented(
    hub: HubEvent,
    hub_url: str,
    till_a: EnrolledTill,
    receiver: Receiver,
    sender: WebhookSender,
    capsys: pytest.CaptureFixture[str],
) -> None:
    secret = subscribe_by_command(hub_url, hub.event_id, receiver.url, ["demand.recorded"], capsys)
    sync(till_a)  # the catalog
    with_contact = asked(till_a, SKU, contact="+41 79 555 12 34", consent=True)
    without = asked(till_a, None, item="Velvet scarf")
    sync(till_a)

    received = receiver.wait_for(2)
    assert all(VERIFY(secret, each.headers, each.body) for each in received)
    data = {each.delivery["data"]["demand_id"]: each.delivery["data"] for each in received}  # type: ignore[index]
    assert data[with_contact]["contact"] == "+41795551234" and data[with_contact]["till"] == "A"
    assert data[without]["contact"] is None and data[without]["item"] == "Velvet scarf"
    assert {each.delivery["type"] for each in received} == {"demand.recorded"}
