"""A group buy's life over the sync tests' hub and tills: opened on the hub, commitments taken on a till, closed
after its deadline, and the line a till's board shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.tenders import Tender
from app.services.group_buys import TakeCommitment, group_buy_board, take_commitment
from sync.hub.store import HubStore
from sync.hub.store import group_buys as hub_group_buys
from sync.records import GroupBuyChanged
from tests.sync.conftest import EnrolledTill

SKU = "ATE-001"


def open_group_buy(store: HubStore, event_id: str, minimum: int, hours: int = 2) -> GroupBuyChanged:
    deadline = (datetime.now(UTC) + timedelta(hours=hours)).replace(microsecond=0)
    with store.engine.begin() as connection:
        return hub_group_buys.add_group_buy(
            connection,
            event_id,
            name="Teapot run",
            sku=SKU,
            minimum=minimum,
            deadline=deadline.isoformat(),
            price=2000,
            payment="deposit",
        )


def commit(till: EnrolledTill, group_buy_id: str, quantity: int, contact: str, tender: Tender) -> str:
    taken = take_commitment(
        TakeCommitment(group_buy_id, quantity, contact, True, till.cashier, (tender,)), till.till.uow()
    )
    return taken.commitment_id


def close(store: HubStore, event_id: str, group_buy: GroupBuyChanged, key: bytes | None) -> hub_group_buys.Closed:
    after = datetime.fromisoformat(group_buy.deadline) + timedelta(seconds=1)
    with store.engine.begin() as connection:
        return hub_group_buys.close_group_buy(connection, event_id, group_buy.group_buy_id, key, after)


def line_of(till: EnrolledTill, group_buy_id: str) -> str:
    return next(v.line for v in group_buy_board(till.till.uow()).group_buys if v.group_buy.group_buy_id == group_buy_id)
