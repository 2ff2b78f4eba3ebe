"""What the counter may record as demand, and the plain-words refusals (app/domain/demand.py)."""

from __future__ import annotations

import pytest

from app.domain.demand import CONSENT_WORDING, DemandInput, check_demand
from app.domain.errors import InvalidInput


def typed(**changes: object) -> DemandInput:
    base: dict[str, object] = {
        "sku": "ATE-001",
        "item": "",
        "quantity": None,
        "note": "",
        "contact": "",
        "consent": False,
    }
    base.update(changes)
    return DemandInput(**base)  # type: ignore[arg-type]


def test_an_entry_is_normalised() -> None:
    demand = check_demand(typed(note="  the   large\tsize ", contact=" 0041 79 555 12 34", consent=True, quantity=2))
    assert (demand.note, demand.contact, demand.consent) == ("the large size", "+41795551234", True)
    assert demand.consent_wording == CONSENT_WORDING
    anonymous = check_demand(typed())
    assert (anonymous.contact, anonymous.consent, anonymous.consent_wording) == (None, False, None)
    item = check_demand(typed(sku=None, item=" Velvet  scarf "))
    assert (item.sku, item.item) == (None, "Velvet scarf")


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"contact": "mia@example.ch"}, "Tick the customer's consent"),
        ({"consent": True}, "no contact is typed"),
        ({"contact": "mia@", "consent": True}, "is not an email address"),
        ({"contact": "12", "consent": True}, "neither an email address nor a phone number"),
        ({"quantity": 0}, "from 1 to 99"),
        ({"quantity": 100}, "from 1 to 99"),
        ({"note": "x" * 201}, "shorten it to 200"),
        ({"sku": None}, "Say what the customer asked for"),
        ({"item": "scarf"}, "not both"),
    ],
)
def test_refusals_say_what_to_do(changes: dict[str, object], says: str) -> None:
    with pytest.raises(InvalidInput, match=says):
        check_demand(typed(**changes))
