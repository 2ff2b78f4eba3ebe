"""Property: tills selling through random partitions and partial syncs end, after a full sync, with the
hub holding every record once, stock equal to the fold of all movements, and each conflict flagged once."""

from __future__ import annotations

import tempfile
import uuid
from contextlib import suppress
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.bootstrap import Till, open_till
from app.domain.staff import Role
from app.services.staff import AddStaff, add_staff
from app.services.syncing import SyncRefused, enroll_till, sync_once
from sync.client import HubClient
from sync.hub.store import HubStore, open_hub_engine
from sync.protocol import EventInfo, TaxClassInfo
from tests.sync.conftest import EnrolledTill, ServedHub, free_port
from tests.sync.test_sync import sell

STOCK = 3
steps = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from(["sale", "sale", "sync", "offline"])), min_size=3, max_size=20
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_any_interleaving_of_sales_and_partial_syncs_ends_exactly_once(plan: list[tuple[int, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = HubStore(open_hub_engine(f"sqlite:///{Path(folder) / 'hub.db'}"))
        event_id = store.create_event(
            EventInfo(
                event_id=str(uuid.uuid4()),
                name="Drop",
                currency="EUR",
                locale="fr_FR",
                prices_include_tax=True,
                cash_rounding_step=1,
                tax_classes=[TaxClassInfo(code="standard", name="TVA 20%", rate="0.2")],
            )
        )
        store.import_catalog(b"sku,name,maker,tax_class,price\nMUG-1,Mug,Atelier,standard,32.00\n")
        store.set_stock(event_id, "MUG-1", STOCK)
        served = ServedHub(store, free_port())
        served.start()
        try:

            def online(_url: str, token: str) -> HubClient:
                return HubClient(served.url, token)

            def offline(_url: str, token: str) -> HubClient:
                # A real partition: nothing listens on this port.
                return HubClient(f"http://127.0.0.1:{free_port()}", token, attempts=1)

            tills: list[EnrolledTill] = []
            for number in range(3):
                opened: Till = open_till(Path(folder) / f"till-{number}")
                enroll_till(served.url, store.create_enroll_code(event_id, "ABC"[number]), opened.uow(), online)
                manager = add_staff(AddStaff("Alex", Role.MANAGER, "1234"), opened.uow()).staff_id
                cashier = add_staff(AddStaff("Sam", Role.CASHIER, "1111", added_by=manager), opened.uow()).staff_id
                sync_once(opened.uow, opened.data_dir / "sync.lock", online)
                tills.append(EnrolledTill(opened, manager, cashier))

            sales = 0
            for index, action in plan:
                till = tills[index]
                if action == "sale":
                    sell(till, "MUG-1")
                    sales += 1
                elif action == "sync":
                    sync_once(till.till.uow, till.till.data_dir / "sync.lock", online)
                else:
                    with suppress(SyncRefused):
                        sync_once(till.till.uow, till.till.data_dir / "sync.lock", offline)
            for enrolled in tills:
                sync_once(enrolled.till.uow, enrolled.till.data_dir / "sync.lock", online)
                enrolled.till.close()
        finally:
            served.stop()

        assert store.inbox_count() == sales
        assert store.stock_level(event_id, "MUG-1") == STOCK - sales
        flagged = [conflict["record_id"] for conflict in store.conflicts()]
        assert len(flagged) == len(set(flagged)) == max(0, sales - STOCK)
        store.engine.dispose()
