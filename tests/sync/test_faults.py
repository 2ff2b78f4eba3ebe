"""Whatever the network does between till and hub, every record ends at the hub exactly once."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from app.services.sync_status import sync_status
from app.services.syncing import SyncRefused, sync_once
from sync.client import HubClient
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.faulty_proxy import DROP_AFTER_FORWARD, ERROR_500, SLOW, TOO_MANY_429, FaultyProxy
from tests.sync.till_actions import STAFF_RECORDS, sell

TIMEOUT_S = 2.0


@pytest.fixture
def proxy(hub: HubEvent) -> Iterator[FaultyProxy]:
    # A slow answer comes well after the till's timeout, and a healthy one well before it even on a
    # loaded CI machine: the test never depends on a close race.
    faulty = FaultyProxy(hub.hub.url, slow_seconds=TIMEOUT_S * 2.5)
    yield faulty
    faulty.close()


def sync_through(till: EnrolledTill, proxy: FaultyProxy) -> None:
    def client(_url: str, token: str) -> HubClient:
        # Short timeouts and no real waiting between retries: the test stays fast.
        return HubClient(
            proxy.url, token, attempts=3, sleep=lambda _s: None, timeout=httpx.Timeout(TIMEOUT_S, connect=TIMEOUT_S)
        )

    sync_once(till.till.uow, till.till.data_dir / "sync.lock", client)


@pytest.mark.parametrize(
    "faults",
    [
        [ERROR_500, TOO_MANY_429],
        [DROP_AFTER_FORWARD],
        [SLOW],
        [DROP_AFTER_FORWARD, ERROR_500, DROP_AFTER_FORWARD, SLOW, TOO_MANY_429, DROP_AFTER_FORWARD],
    ],
    ids=["5xx-429", "answer-lost", "too-slow", "everything"],
)
def test_records_arrive_exactly_once_through_a_bad_network(
    hub: HubEvent, till_a: EnrolledTill, proxy: FaultyProxy, faults: list[str]
) -> None:
    sync_through(till_a, proxy)
    sells = [sell(till_a, "BER-003") for _ in range(3)]
    proxy.faults.extend(faults)
    # Every fault costs at most one sync; a spare round or two absorbs a slow machine.
    for _ in range(len(faults) + 3):
        try:
            sync_through(till_a, proxy)
            break
        except SyncRefused as refused:
            assert "could not be reached" in str(refused)
    else:
        pytest.fail("sync never got through once the faults were spent")
    assert set(faults) <= set(proxy.seen)
    assert hub.hub.store.inbox_count() == len(sells) + STAFF_RECORDS
    status = sync_status(till_a.till.uow())
    assert (status.waiting, status.needing_attention) == (0, ())
    assert hub.hub.store.stock_level(hub.event_id, "BER-003") == -3
