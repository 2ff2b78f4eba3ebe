"""The hub's catalog import refuses exactly what a till's import refuses: the same lines, the same words."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync.hub.store import HubError, HubStore, open_hub_engine, products
from sync.protocol import EventInfo, TaxClassInfo

BAD_FILES = Path(__file__).parents[1] / "data" / "catalog_bad"
EXPECTED: dict[str, list[list[object]]] = json.loads((BAD_FILES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def store(tmp_path: Path) -> HubStore:
    store = HubStore(open_hub_engine(f"sqlite:///{tmp_path / 'hub.db'}"))
    store.create_event(
        EventInfo(
            event_id=str(uuid.uuid4()),
            name="Parity",
            currency="CHF",
            locale="de_CH",
            prices_include_tax=True,
            cash_rounding_step=5,
            tax_classes=[
                TaxClassInfo(code="standard", name="VAT 8.1%", rate="0.081"),
                TaxClassInfo(code="reduced", name="VAT 2.6%", rate="0.026"),
            ],
        )
    )
    return store


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_hub_refuses_each_shared_bad_file_at_the_tills_lines(store: HubStore, name: str) -> None:
    with pytest.raises(HubError) as refused:
        store.import_catalog((BAD_FILES / name).read_bytes(), "CHF")
    listed = [line.strip() for line in str(refused.value).splitlines()[1:]]
    assert listed == [f"line {line}: {message}" for line, message in EXPECTED[name]]
    with store.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(products)) == 0
