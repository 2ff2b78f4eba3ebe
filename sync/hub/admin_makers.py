"""The admin API's makers: the work of ``popup-hub makers statement|fees|paid|due`` (docs/consignment.md).

Reading the statements takes ``reports:read``; setting fees and the payout's state ``settings:write``
(they are event changes like a commission, fed to every till).

No postponed annotations here: FastAPI reads the endpoint signatures at run time.
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from sync.consignment import STATEMENT_HEADER, statement_rows
from sync.event_figures_csv import csv_text
from sync.hub.admin_common import CONFLICT, NOT_FOUND, AdminContext, EventId, refusals, unprocessable
from sync.hub.store import consignment as kept
from sync.hub.store.reports import heading
from sync.records.consignment import MakerTermsSet

MakerName = Annotated[str, Path(min_length=1, max_length=200)]


class MakerStatements(BaseModel):
    """Each consigned maker's statement as the rows of its CSV: a row per product, then the maker's TOTAL."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "event_id": "0190c4b2-0000-7000-8000-000000000001",
                "currency": "CHF",
                "columns": list(STATEMENT_HEADER[:4]),
                "rows": [["Bergkeramik", "BER-003", "Mug speckled", 20]],
            }
        }
    )

    event_id: str
    currency: str
    columns: list[str]
    rows: list[list[str | int]]


class MakerFees(BaseModel):
    """A maker's fees: fixed in minor units; the percentages as decimal text ("1.5" is 1.5%)."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"example": {"fixed_fee": 2500, "percent": "2", "card_percent": "1.5"}}
    )

    fixed_fee: Annotated[int, Field(ge=0, le=10**12 - 1)] = 0
    percent: Annotated[str, StringConstraints(max_length=10)] = "0"
    card_percent: Annotated[str, StringConstraints(max_length=10)] = "0"


class MakerPayout(BaseModel):
    """The payout paid (with the day and the payment's reference) or due again."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"state": "paid", "paid_on": "2026-12-20", "reference": "BANK-7781"}},
    )

    state: Literal["paid", "due"]
    paid_on: Annotated[str, StringConstraints(max_length=10)] = ""
    reference: Annotated[str, StringConstraints(max_length=60)] = ""


def add_maker_routes(router: APIRouter, admin: AdminContext) -> None:
    store = admin.store

    @router.get(
        "/events/{event_id}/makers",
        response_model=MakerStatements,
        responses={
            200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "The statements."},
            404: NOT_FOUND,
        },
        dependencies=[admin.scoped("reports:read")],
    )
    def maker_statements(
        event_id: EventId,
        format: Annotated[Literal["json", "csv"], Query(description="csv: UTF-8, amounts in minor units")] = "json",
    ) -> Any:
        with admin.reading(event_id) as connection:
            currency = heading(connection, event_id).currency
            rows = statement_rows(kept.maker_statements(connection, event_id))
        if format == "csv":
            return Response("\ufeff" + csv_text(STATEMENT_HEADER, rows), media_type="text/csv")
        return MakerStatements(
            event_id=event_id, currency=currency, columns=list(STATEMENT_HEADER), rows=[list(row) for row in rows]
        )

    @router.put(
        "/events/{event_id}/makers/{maker}/fees",
        response_model=MakerTermsSet,
        responses={404: NOT_FOUND, 409: CONFLICT, 422: unprocessable("A field is out of its limits.")},
        dependencies=[admin.scoped("settings:write")],
    )
    def set_fees(event_id: EventId, maker: MakerName, body: MakerFees) -> MakerTermsSet:
        admin.event_exists(event_id)
        with refusals(), store.engine.begin() as connection:
            return kept.set_fees(connection, event_id, maker, body.fixed_fee, body.percent, body.card_percent)

    @router.post(
        "/events/{event_id}/makers/{maker}/payout",
        response_model=MakerTermsSet,
        responses={404: NOT_FOUND, 409: CONFLICT, 422: unprocessable("A field is out of its limits.")},
        dependencies=[admin.scoped("settings:write")],
    )
    def set_payout(event_id: EventId, maker: MakerName, body: MakerPayout) -> MakerTermsSet:
        admin.event_exists(event_id)
        with refusals(), store.engine.begin() as connection:
            if body.state == "due":
                return kept.mark_due(connection, event_id, maker)
            return kept.mark_paid(connection, event_id, maker, body.paid_on, body.reference)
