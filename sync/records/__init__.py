"""The one definition of every record that crosses the till-hub border.

``RecordType`` names the facts a till sends (its outbox), ``ChangeKind`` the
entries of the hub's feed. Each has one strict, versioned model; both sides
build and parse through ``parse_fact`` and ``parse_change``, so changing a
record's shape means changing this package. docs/architecture.md tells how a
record travels.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from sync.records.closing import TillClosed, TillStatusChanged
from sync.records.consignment import MakerTermsSet
from sync.records.demand import DemandErased, DemandRecorded
from sync.records.drops import DropChanged, DropReturned, DropSet, DropSold
from sync.records.event_settings import (
    CommissionSet,
    EventChange,
    EventSettingChanged,
    StaffChanged,
    change_key_problem,
)
from sync.records.facts import (
    CashSessionClosed,
    Fact,
    HandoffLine,
    PickupHandedOff,
    ReturnLine,
    ReturnRecorded,
    ReturnRefund,
    SaleCompleted,
    SaleLine,
    SaleTender,
    StockMoved,
    StockMoveKind,
    TillIdentity,
    VoucherIssued,
)
from sync.records.feed import (
    PickupHandoffChanged,
    PickupKeyChanged,
    PickupOrderChanged,
    ProductChanged,
    StockLevelChanged,
)
from sync.records.fields import Contract
from sync.records.group_buys import (
    CommitmentOutcome,
    GroupBuyChanged,
    GroupBuyCommitted,
    GroupBuySet,
    outcome_key_problem,
)
from sync.records.price_rules import PriceRuleChanged
from sync.records.priced_sales import PricedSaleCompleted, PricedSaleLine
from sync.records.reviews import ConflictReviewed
from sync.records.vouchers import VoucherChanged

__all__ = [
    "CashSessionClosed",
    "ChangeKind",
    "CommitmentOutcome",
    "ConflictReviewed",
    "ContractError",
    "DemandErased",
    "DemandRecorded",
    "DropChanged",
    "DropReturned",
    "DropSet",
    "DropSold",
    "Fact",
    "GroupBuyChanged",
    "GroupBuyCommitted",
    "GroupBuySet",
    "HandoffLine",
    "MakerTermsSet",
    "PickupHandedOff",
    "PickupHandoffChanged",
    "PickupKeyChanged",
    "PickupOrderChanged",
    "PriceRuleChanged",
    "PricedSaleCompleted",
    "PricedSaleLine",
    "ProductChanged",
    "RecordType",
    "ReturnLine",
    "ReturnRecorded",
    "ReturnRefund",
    "SaleCompleted",
    "SaleLine",
    "SaleTender",
    "StockLevelChanged",
    "StockMoveKind",
    "StockMoved",
    "TillClosed",
    "TillIdentity",
    "TillStatusChanged",
    "VoucherChanged",
    "VoucherIssued",
    "parse_change",
    "parse_fact",
    "record_type_of",
]


class RecordType(StrEnum):
    SALE_COMPLETED = "sale.completed"
    RETURN_RECORDED = "return.recorded"
    PICKUP_HANDED_OFF = "pickup.handed_off"
    STOCK_MOVED = "stock.moved"
    VOUCHER_ISSUED = "voucher.issued"
    CASH_SESSION = "cash.session"
    EVENT_SETTING_CHANGED = "event_setting.changed"
    STAFF_CHANGED = "staff.changed"
    COMMISSION_SET = "commission.set"
    TILL_CLOSED = "till.closed"
    CONFLICT_REVIEWED = "conflict.reviewed"
    DROP_SOLD = "drop.sold"
    DROP_SET = "drop.set"
    DROP_RETURNED = "drop.returned"
    PRICE_RULE_CHANGED = "price_rule.changed"
    GROUP_BUY_COMMITTED = "group_buy.committed"
    GROUP_BUY_CHANGED = "group_buy.changed"
    DEMAND_RECORDED = "demand.recorded"
    MAKER_TERMS_SET = "maker_terms.set"


class ChangeKind(StrEnum):
    PRODUCT = "product"
    STOCK_LEVEL = "stock_level"
    PICKUP_KEY = "pickup_key"
    PICKUP_ORDER = "pickup_order"
    PICKUP_HANDOFF = "pickup_handoff"
    SALE = "sale"
    RETURN = "return"
    EVENT_SETTING = "event_setting"
    STAFF = "staff"
    COMMISSION = "commission"
    VOUCHER = "voucher"
    TILL_STATUS = "till_status"
    DROP = "drop"
    PRICE_RULE = "price_rule"
    GROUP_BUY = "group_buy"
    GROUP_BUY_COMMITMENT = "group_buy_commitment"
    DEMAND_ERASURE = "demand_erasure"
    MAKER_TERMS = "maker_terms"
    STOCK_MOVE = "stock_move"


# (type, schema version) -> model. A new schema version is a new entry; the old one stays
# for as long as tills that write it may still push.
FACTS: dict[tuple[RecordType, int], type[Fact]] = {
    (RecordType.SALE_COMPLETED, 1): SaleCompleted,
    (RecordType.SALE_COMPLETED, 2): PricedSaleCompleted,
    (RecordType.RETURN_RECORDED, 1): ReturnRecorded,
    (RecordType.PICKUP_HANDED_OFF, 1): PickupHandedOff,
    (RecordType.STOCK_MOVED, 1): StockMoved,
    (RecordType.VOUCHER_ISSUED, 1): VoucherIssued,
    (RecordType.CASH_SESSION, 1): CashSessionClosed,
    (RecordType.EVENT_SETTING_CHANGED, 1): EventSettingChanged,
    (RecordType.STAFF_CHANGED, 1): StaffChanged,
    (RecordType.COMMISSION_SET, 1): CommissionSet,
    (RecordType.TILL_CLOSED, 1): TillClosed,
    (RecordType.CONFLICT_REVIEWED, 1): ConflictReviewed,
    (RecordType.DROP_SOLD, 1): DropSold,
    (RecordType.DROP_SET, 1): DropSet,
    (RecordType.DROP_RETURNED, 1): DropReturned,
    (RecordType.PRICE_RULE_CHANGED, 1): PriceRuleChanged,
    (RecordType.GROUP_BUY_COMMITTED, 1): GroupBuyCommitted,
    (RecordType.GROUP_BUY_CHANGED, 1): GroupBuySet,
    (RecordType.DEMAND_RECORDED, 1): DemandRecorded,
    (RecordType.MAKER_TERMS_SET, 1): MakerTermsSet,
}
_TYPE_OF: dict[type[Fact], tuple[RecordType, int]] = {model: key for key, model in FACTS.items()}

CHANGES: dict[ChangeKind, type[Contract]] = {
    ChangeKind.PRODUCT: ProductChanged,
    ChangeKind.STOCK_LEVEL: StockLevelChanged,
    ChangeKind.PICKUP_KEY: PickupKeyChanged,
    ChangeKind.PICKUP_ORDER: PickupOrderChanged,
    ChangeKind.PICKUP_HANDOFF: PickupHandoffChanged,
    # Reads schema 1 and 2 alike: another till's sale comes back with its automatic discounts, if any.
    ChangeKind.SALE: PricedSaleCompleted,
    ChangeKind.RETURN: ReturnRecorded,
    ChangeKind.EVENT_SETTING: EventSettingChanged,
    ChangeKind.STAFF: StaffChanged,
    ChangeKind.COMMISSION: CommissionSet,
    ChangeKind.VOUCHER: VoucherChanged,
    ChangeKind.TILL_STATUS: TillStatusChanged,
    ChangeKind.DROP: DropChanged,
    ChangeKind.PRICE_RULE: PriceRuleChanged,
    ChangeKind.GROUP_BUY: GroupBuyChanged,
    ChangeKind.GROUP_BUY_COMMITMENT: CommitmentOutcome,
    ChangeKind.DEMAND_ERASURE: DemandErased,
    ChangeKind.MAKER_TERMS: MakerTermsSet,
    # Another till's stock.moved record, keyed by the record's id: deliveries, transfers, hand-backs.
    ChangeKind.STOCK_MOVE: StockMoved,
}

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
_TILL_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,3}$")


class ContractError(ValueError):
    """A record that breaks its contract; the message says which field and why, for a manager to read."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _shown(text: str, limit: int = 40) -> str:
    """A sender's text quoted in a reason: cut short, control characters as '?'.

    Reasons are stored and answered: a NUL byte in a hostile key or type would
    make PostgreSQL refuse the whole push instead of that one record.
    """
    return _CONTROL.sub("?", text[:limit])


def _describe(error: ValidationError, what: str) -> ContractError:
    problems = []
    for item in error.errors(include_url=False)[:3]:
        where = ".".join(_shown(str(part)) for part in item["loc"])
        message = str(item["msg"]).removeprefix("Value error, ")
        problems.append(f"{where}: {message}" if where else message)
    more = error.error_count() - len(problems)
    suffix = f" (and {more} more)" if more > 0 else ""
    return ContractError(f"{what} breaks its contract: {'; '.join(problems)}{suffix}")


def parse_fact(record_type: str, schema_version: int, payload: Any) -> Fact:
    """The fact a till sent, checked against its contract; raises ContractError with a readable reason."""
    try:
        model = FACTS[(RecordType(record_type), schema_version)]
    except (ValueError, KeyError):
        raise ContractError(
            f"unknown record type '{_shown(record_type)}' (schema {schema_version}): this hub does not know it"
        ) from None
    try:
        return model.model_validate(payload)
    except ValidationError as error:
        raise _describe(error, f"the {record_type} record") from None


def record_type_of(fact: Fact) -> tuple[RecordType, int]:
    """The type and schema version a fact travels under."""
    return _TYPE_OF[type(fact)]


def parse_change(kind: str, key: str, data: Any) -> Contract:
    """A feed entry checked against its contract before a till applies it."""
    try:
        change_kind = ChangeKind(kind)
    except ValueError:
        raise ContractError(f"unknown change kind '{_shown(kind)}': update this till to read it") from None
    try:
        parsed = CHANGES[change_kind].model_validate(data)
    except ValidationError as error:
        raise _describe(error, f"the {kind} change {key[:40]}") from None
    problem = _key_problem(change_kind, key, parsed)
    if problem:
        raise ContractError(f"the {kind} change {key[:40]} breaks its contract: {problem}")
    return parsed


def _key_problem(kind: ChangeKind, key: str, parsed: Contract) -> str | None:
    if isinstance(parsed, EventChange):
        return change_key_problem(key, parsed)
    if kind is ChangeKind.PRODUCT:
        return None if isinstance(parsed, ProductChanged) and key == parsed.sku else "its key is not its SKU"
    if kind is ChangeKind.STOCK_LEVEL:
        return None if _CODE.match(key) else "its key is not a product code"
    if kind is ChangeKind.TILL_STATUS:
        return None if _TILL_CODE.match(key) else "its key is not a till code"
    if kind is ChangeKind.PICKUP_KEY:
        return None if key.isascii() and key.isdigit() and 1 <= int(key) <= 0xFFFF else "its key is not a key id"
    if kind is ChangeKind.VOUCHER:
        return None if isinstance(parsed, VoucherChanged) and key == parsed.code else "its key is not its code"
    if kind is ChangeKind.SALE:
        return None if isinstance(parsed, SaleCompleted) and key == parsed.sale_id else "its key is not the sale's id"
    if kind in (ChangeKind.GROUP_BUY, ChangeKind.GROUP_BUY_COMMITMENT):
        return outcome_key_problem(key, parsed)
    if kind is ChangeKind.DROP:
        return None if isinstance(parsed, DropChanged) and key == parsed.drop_id else "its key is not the drop's id"
    if kind is ChangeKind.DEMAND_ERASURE:
        ok = isinstance(parsed, DemandErased) and key == parsed.demand_id
        return None if ok else "its key is not the demand's id"
    if kind is ChangeKind.RETURN:
        ok = isinstance(parsed, ReturnRecorded) and key == parsed.return_id
        return None if ok else "its key is not the return's id"
    return None if _UUID.match(key) else "its key is not an id"
