"""The admin API's price rules: the work of ``popup-hub pricing``, for the marketplace.

Each endpoint calls the store functions its command calls (sync/hub/store/price_rules.py):
a rule the tills would refuse is refused with a 422 saying why, and each change is logged
with the API key's name as who made it. Amounts are minor units, times ISO 8601 with
their offset, as the rule travels to the tills (sync/records/price_rules.py).
No postponed annotations here: FastAPI reads the endpoint signatures at run time.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from sync.hub.admin_common import CONFLICT, NOT_FOUND, AdminContext, EventId, change_author, refusals, unprocessable
from sync.hub.store import price_rules as kept
from sync.records.price_rules import BundleTerms, MarkdownTerms, PriceRuleChanged

RuleId = Annotated[str, Path(max_length=40, description="The rule's id: letters, digits, '.', '_' or '-'.")]
REFUSED_RULE = unprocessable("The tills would refuse this rule; the detail says what to change.")
_MARKDOWN_EXAMPLE: dict[str, Any] = {
    "kind": "markdown",
    "name": "Candles last hour",
    "starts_at": "2026-12-05T20:00:00+01:00",
    "ends_at": "2026-12-05T21:00:00+01:00",
    "markdown": {"target_kind": "category", "target": "Candles", "percent_off": "30"},
}


class PriceRuleBody(BaseModel):
    """A markdown (with ``markdown`` terms and a time window) or a bundle (with ``bundle`` terms, a window optional)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_MARKDOWN_EXAMPLE]})

    kind: str = Field(max_length=20, description="markdown or bundle")
    name: str = Field(max_length=80, description="As the receipt shows it.")
    starts_at: str | None = Field(default=None, max_length=40, description="ISO 8601 with its offset (included).")
    ends_at: str | None = Field(default=None, max_length=40, description="ISO 8601 with its offset (excluded).")
    markdown: dict[str, Any] | None = Field(
        default=None,
        description='target_kind (sku, maker or category), target, and percent_off (text, e.g. "12.5") '
        "or new_price (minor units).",
    )
    bundle: dict[str, Any] | None = Field(
        default=None, description="count (2 or more), price (minor units, more than 0), and skus or category."
    )


class PriceRuleRow(BaseModel):
    """A rule as the event has it now."""

    rule_id: str
    kind: str
    name: str
    starts_at: str | None
    ends_at: str | None
    markdown: MarkdownTerms | None
    bundle: BundleTerms | None
    active: bool
    changed_at: str
    changed_by: str


def rule_row(rule: PriceRuleChanged) -> PriceRuleRow:
    return PriceRuleRow(
        rule_id=rule.rule_id,
        kind=rule.kind,
        name=rule.name,
        starts_at=rule.starts_at,
        ends_at=rule.ends_at,
        markdown=rule.markdown,
        bundle=rule.bundle,
        active=rule.active,
        changed_at=rule.changed_at,
        changed_by=rule.changed_by,
    )


def add_pricing_routes(router: APIRouter, admin: AdminContext) -> None:
    @router.get(
        "/events/{event_id}/price-rules",
        response_model=list[PriceRuleRow],
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("pricing:read")],
    )
    def list_rules(
        event_id: EventId, withdrawn: Annotated[bool, Query(description="Withdrawn rules too.")] = False
    ) -> list[PriceRuleRow]:
        with admin.reading(event_id) as connection:
            return [rule_row(rule) for rule in kept.rules(connection, event_id, include_withdrawn=withdrawn)]

    @router.put(
        "/events/{event_id}/price-rules/{rule_id}",
        response_model=PriceRuleRow,
        responses={404: NOT_FOUND, 422: REFUSED_RULE},
        dependencies=[admin.scoped("pricing:write")],
    )
    def set_rule(event_id: EventId, rule_id: RuleId, body: PriceRuleBody, request: Request) -> PriceRuleRow:
        """Create the rule, or replace it (a withdrawn one comes back); every till takes it at its next sync."""
        with admin.changing(event_id) as connection, refusals(422):
            data = {**body.model_dump(), "rule_id": rule_id}
            rule = kept.set_rule(connection, event_id, data, changed_by=change_author(request), source="api")
        return rule_row(rule)

    @router.post(
        "/events/{event_id}/price-rules/{rule_id}/withdraw",
        response_model=PriceRuleRow,
        responses={404: NOT_FOUND, 409: CONFLICT},
        dependencies=[admin.scoped("pricing:write")],
    )
    def withdraw_rule(event_id: EventId, rule_id: RuleId, request: Request) -> PriceRuleRow:
        """End the rule on every till at its next sync."""
        with admin.changing(event_id) as connection:
            with refusals(404):
                kept.find_rule(connection, event_id, rule_id)
            with refusals():
                rule = kept.withdraw_rule(
                    connection, event_id, rule_id, changed_by=change_author(request), source="api"
                )
        return rule_row(rule)
