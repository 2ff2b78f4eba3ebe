"""The feed by hand: a till that never reaches the hub over the network gets its changes on a USB stick.

``popup-hub feed export --till T FILE`` writes the till's feed signed with its
key; ``popup-pos feed import FILE`` applies it through ``pull_changes`` with
the network's cursor rules (what the till has is skipped, a gap is refused, an
altered file is refused whole). The till's records go back as an outbox file,
which also tells the hub the till's cursor, where its next feed file starts.
Runs on SQLite and PostgreSQL hubs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main as pos_main
from app.domain.errors import InvalidInput
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.feed_files import import_feed
from app.services.selling import CompleteSale, complete_sale
from app.services.syncing import export_outbox, import_answers
from app.store.outbox import OutboxStatus
from sync.hub.cli import import_outbox, main
from sync.hub.store.feed_export import note_pull_cursor
from tests.sync.conftest import EnrolledTill, HubEvent

SKU = "ATE-001"


def hub_command(hub_url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--db", hub_url, *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def till_id_of(till: EnrolledTill) -> str:
    with till.till.uow().for_reading() as uow:
        return uow.tills.this_till().till_id


def cursor_of(till: EnrolledTill) -> str:
    with till.till.uow().for_reading() as uow:
        link = uow.hub.link()
    assert link is not None
    return link.cursor


def what_the_till_knows(till: EnrolledTill) -> tuple[list[str], dict[int, bool], str]:
    """The pickup orders, the pickup keys (revoked or not) and the feed cursor of the till."""
    with till.till.uow().for_reading() as uow:
        orders = sorted(order.number for order in uow.pickups.orders())
        keys = {key_id: revoked for key_id, _key, revoked in uow.pickups.signing_keys()}
        link = uow.hub.link()
    assert link is not None
    return orders, keys, link.cursor


def import_file(till: EnrolledTill, source: Path) -> tuple[int, int]:
    imported = import_feed(source, till.till.uow, till.till.data_dir / "sync.lock")
    return imported.applied, imported.skipped


def test_a_usb_only_till_gets_pickups_and_revocations_and_sends_its_records_back_exactly_once(
    hub: HubEvent, hub_url: str, till_a: EnrolledTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = hub.hub.store
    store.set_stock(hub.event_id, SKU, 10)
    kept_key, private_key = store.create_signing_key()
    stolen_key, _stolen = store.create_signing_key()
    store.revoke_signing_key(stolen_key)
    store.create_pickup(hub.event_id, "WEB-1", "Ana", [(SKU, 1)], private_key)
    till_id = till_id_of(till_a)
    assert cursor_of(till_a) == "", "the till never pulled over the network"

    first = tmp_path / "feed-1.popup"
    code, out = hub_command(hub_url, capsys, "feed", "export", "--till", till_id, str(first))
    assert code == 0 and "from the start" in out, out
    applied, skipped = import_file(till_a, first)
    assert applied > 0 and skipped == 0
    orders, keys, cursor = what_the_till_knows(till_a)
    assert orders == ["WEB-1"]
    assert keys[kept_key] is False and keys[stolen_key] is True
    assert cursor != ""

    before = what_the_till_knows(till_a)
    assert import_file(till_a, first) == (0, applied), "a second import applies nothing again"
    assert what_the_till_knows(till_a) == before

    # The till sells (the catalog came in the file) and carries its records to the hub, twice.
    cart_id = carts.current_cart(till_a.cashier, till_a.till.uow()).cart.cart_id
    state = carts.scan(cart_id, SKU, till_a.cashier, till_a.till.uow())
    complete_sale(
        CompleteSale(cart_id, till_a.cashier, (Tender(TenderKind.CARD, state.priced.total, "T-1"),)), till_a.till.uow()
    )
    outbox = tmp_path / "outbox.popup"
    sent = export_outbox(outbox, till_a.till.uow())
    inbox = store.inbox_count()
    import_outbox(store, outbox, tmp_path / "answers.popup")
    import_outbox(store, outbox, tmp_path / "answers-again.popup")
    assert store.inbox_count() == inbox + sent
    assert store.stock_level(hub.event_id, SKU) == 9, "the sale counted once"
    assert import_answers(tmp_path / "answers.popup", till_a.till.uow()) == sent
    with till_a.till.uow().for_reading() as uow:
        assert uow.outbox.count(OutboxStatus.WAITING) == 0

    # The outbox file told the hub the till's cursor: the next feed file starts there.
    store.create_pickup(hub.event_id, "WEB-2", "Ben", [(SKU, 1)], private_key)
    second = tmp_path / "feed-2.popup"
    code, out = hub_command(hub_url, capsys, "feed", "export", "--till", "a", "--event", hub.event_id, str(second))
    assert code == 0 and f"from cursor {cursor}" in out, out
    applied, skipped = import_file(till_a, second)
    assert applied >= 2 and skipped == 0, "the new order and the stock level moved by the sale"
    assert what_the_till_knows(till_a)[0] == ["WEB-1", "WEB-2"]
    with till_a.till.uow().for_reading() as uow:
        assert uow.quarantine.count() == 0


def test_an_altered_file_a_gap_and_another_tills_file_are_refused_with_what_to_do(
    hub: HubEvent, hub_url: str, till_a: EnrolledTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = hub.hub.store
    _key_id, private_key = store.create_signing_key()
    store.create_pickup(hub.event_id, "WEB-1", "Ana", [(SKU, 1)], private_key)
    till_id = till_id_of(till_a)
    whole = tmp_path / "feed.popup"
    assert hub_command(hub_url, capsys, "feed", "export", "--till", till_id, str(whole))[0] == 0

    lines = whole.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[-1])
    body = json.loads(entry["body"])
    body["change"]["data"]["customer_name"] = "Mallory"
    altered = tmp_path / "altered.popup"
    altered.write_text("\n".join([*lines[:-1], json.dumps({**entry, "body": json.dumps(body)})]) + "\n", "utf-8")
    with pytest.raises(InvalidInput, match="was changed after the file was written: nothing of the file was applied"):
        import_file(till_a, altered)
    shortened = tmp_path / "shortened.popup"
    shortened.write_text("\n".join(lines[:-1]) + "\n", "utf-8")
    with pytest.raises(InvalidInput, match="added, removed or reordered"):
        import_file(till_a, shortened)
    assert what_the_till_knows(till_a) == ([], {}, ""), "nothing of a refused file is applied"

    # A file from a later cursor than the till's would leave a gap.
    later = json.loads(json.loads(lines[2])["body"])["cursor"]
    gap = tmp_path / "gap.popup"
    assert hub_command(hub_url, capsys, "feed", "export", "--till", till_id, str(gap), "--since", later)[0] == 0
    with pytest.raises(InvalidInput, match=r"after this till's cursor ''.*--since ''"):
        import_file(till_a, gap)
    assert what_the_till_knows(till_a) == ([], {}, ""), "nothing applied"

    # The command line says the same, in one line and without a traceback.
    capsys.readouterr()
    assert pos_main(["--data-dir", str(till_a.till.data_dir), "feed", "import", str(gap)]) != 0
    assert "export from cursor ''" in capsys.readouterr().err.lower()

    not_ours = tmp_path / "outbox.popup"
    export_outbox(not_ours, till_a.till.uow())
    with pytest.raises(InvalidInput, match="not a feed file"):
        import_file(till_a, not_ours)

    code, out = hub_command(hub_url, capsys, "feed", "export", "--till", "no-such-till", str(tmp_path / "x"))
    assert code == 2 and "No enrolled till no-such-till" in out
    code, out = hub_command(
        hub_url, capsys, "feed", "export", "--till", "Z", "--event", hub.event_id, str(tmp_path / "x")
    )
    assert code == 2 and "No enrolled till Z" in out and "with --event" in out


def test_a_cursor_the_hub_no_longer_serves_gets_the_whole_feed_read_anew(
    hub: HubEvent, hub_url: str, till_a: EnrolledTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = hub.hub.store
    _key_id, private_key = store.create_signing_key()
    store.create_pickup(hub.event_id, "WEB-1", "Ana", [(SKU, 1)], private_key)
    till_id = till_id_of(till_a)
    first = tmp_path / "feed-1.popup"
    assert hub_command(hub_url, capsys, "feed", "export", "--till", till_id, str(first))[0] == 0
    applied, _skipped = import_file(till_a, first)
    cursor = cursor_of(till_a)

    whole = tmp_path / "whole.popup"
    code, out = hub_command(hub_url, capsys, "feed", "export", "--till", till_id, str(whole), "--since", "0.99999999")
    assert code == 2 and "cannot start a feed" in out, "a cursor given by hand is refused, saying what to pass"
    note_pull_cursor(store.engine, till_id, "0.99999999")  # as the till's outbox file reports it
    code, out = hub_command(hub_url, capsys, "feed", "export", "--till", till_id, str(whole))
    assert code == 0 and "holds the whole feed" in out, out
    assert import_file(till_a, whole) == (applied, 0), "read from zero, as after a resync over the network"
    assert cursor_of(till_a) == cursor
    assert what_the_till_knows(till_a)[0] == ["WEB-1"]
