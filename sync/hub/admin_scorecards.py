"""The admin API's maker scorecards: the work of ``popup-hub scorecard`` (docs/scorecards.md).

``GET /v1/admin/makers/{maker}/scorecard?event=E&event=F`` (no event: every event on the hub), as JSON or
CSV, with the ``reports:read`` scope like the other reports.

No postponed annotations here: FastAPI reads the endpoint signatures at run time.
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Response
from pydantic import BaseModel, ConfigDict

from sync.event_figures_csv import csv_text
from sync.hub.admin_common import CONFLICT, NOT_FOUND, AdminContext, refusals
from sync.hub.commands.scorecard import read_scorecard
from sync.hub.scorecard_pdf import summary_lines
from sync.maker_scorecards import SCORECARD_HEADER, rounded, scorecard_rows

MakerName = Annotated[str, Path(min_length=1, max_length=200)]


class MakerScorecardOut(BaseModel):
    """A maker's scorecard: the headline figures as printed, and the CSV's rows (a row per product and event,
    then TOTAL). Rates in the rows are decimals rounded to 4 places; counts and money are integers."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "maker": "Bergkeramik",
                "currency": "CHF",
                "events": ["0190c4b2-0000-7000-8000-000000000001"],
                "units": 13,
                "revenue": 41600,
                "sell_through": "0.6500",
                "summary": [["Units sold", "13"]],
                "columns": list(SCORECARD_HEADER[:4]),
                "rows": [["Bergkeramik", "0190c4b2-0000-7000-8000-000000000001", "BER-003", "Mug speckled"]],
            }
        }
    )

    maker: str
    currency: str
    events: list[str]
    units: int
    revenue: int
    delivered: int
    sell_through: str | None
    return_rate: str | None
    defect_rate: str | None
    stall_seconds: int
    revenue_per_stall_hour: int | None
    asked_after_sell_out: int
    summary: list[list[str]]
    columns: list[str]
    rows: list[list[str | int]]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def add_scorecard_routes(router: APIRouter, admin: AdminContext) -> None:
    store = admin.store

    @router.get(
        "/makers/{maker}/scorecard",
        response_model=MakerScorecardOut,
        responses={
            200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "The scorecard."},
            404: NOT_FOUND,
            409: CONFLICT,
        },
        dependencies=[admin.scoped("reports:read")],
    )
    def maker_scorecard(
        maker: MakerName,
        event: Annotated[
            list[str] | None, Query(max_length=100, description="event ids (repeat); none: every event")
        ] = None,
        format: Annotated[Literal["json", "csv"], Query(description="csv: UTF-8, amounts in minor units")] = "json",
    ) -> Any:
        if event and any(len(event_id) > 64 for event_id in event):
            raise HTTPException(422, "An event id is at most 64 characters: GET /v1/admin/events lists them.")
        with store.engine.connect() as connection:
            if event:
                for event_id in event:
                    admin.known_event(connection, event_id)
            with refusals():
                card, currency, _names = read_scorecard(connection, maker, event or None)
        rows = scorecard_rows(card)
        if format == "csv":
            return Response("\ufeff" + csv_text(SCORECARD_HEADER, rows), media_type="text/csv")
        per_hour = rounded(card.revenue_per_stall_hour, 0)
        return MakerScorecardOut(
            maker=card.maker,
            currency=currency,
            events=[span.event_id for span in card.events],
            units=card.units,
            revenue=card.revenue,
            delivered=card.delivered,
            sell_through=_text(rounded(card.sell_through)),
            return_rate=_text(rounded(card.return_rate)),
            defect_rate=_text(rounded(card.defect_rate)),
            stall_seconds=card.stall_seconds,
            revenue_per_stall_hour=None if per_hour is None else int(per_hour),
            asked_after_sell_out=card.asked_after,
            summary=[[label, value] for label, value in summary_lines(card, currency)],
            columns=list(SCORECARD_HEADER),
            rows=[list(row) for row in rows],
        )
