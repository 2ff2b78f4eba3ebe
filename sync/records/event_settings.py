"""What a manager sets for the whole event: its settings, its staff and the makers' commissions.

A change is made on the hub (``popup-hub staff|settings|commission``) or by a
manager on any till (then it is an outbox record); the hub keeps the latest
per subject and feeds it to every till. Each record carries the whole new
state of its subject, when it was made and its own id: the latest by
``changed_at`` wins, ties by ``change_id``, on the hub and on every till, so
the order records arrive in never matters. The same models are the facts a
till sends and the entries of the feed.

A staff record carries the PIN only as its salted scrypt hash, in exactly the
shape sync/pin_hashes.py writes: a hash with other costs is refused, since
every till would spend its time and memory on it at each sign-in.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Strict, StringConstraints, field_validator, model_validator

from sync.pin_hashes import is_pin_hash
from sync.records.facts import Fact
from sync.records.fields import MAX_MONEY, Flag, Name, Timestamp, Uuid

MAX_STAFF_NAME = 60
MAX_FOOTER = 200
MAX_RETURN_WINDOW_DAYS = 36500
MAX_CASH_ROUNDING_STEP = 10_000
_PRINTABLE = re.compile(r"^[^\x00-\x1f\x7f]*$")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
_PERCENT = re.compile(r"^[0-9]{1,3}(\.[0-9]{1,2})?$")


class EventSettingKey(StrEnum):
    """The settings a manager sets for the whole event; the till keeps each where its rules read it."""

    RETURN_WINDOW_DAYS = "return_window_days"
    NO_RECEIPT_CAP_PER_RETURN = "no_receipt_cap_per_return"
    NO_RECEIPT_CAP_PER_EVENT = "no_receipt_cap_per_event"
    CASH_ROUNDING_STEP = "cash_rounding_step"
    RECEIPT_FOOTER = "receipt_footer"
    CARD_REFERENCE_REQUIRED = "card_reference_required"
    DISCOUNT_LIMIT_PERCENT = "discount_limit_percent"
    OVERSELL_POLICY = "oversell_policy"


OVERSELL_POLICIES = ("warn", "manager")
SettingValue = bool | int | str

# What each setting holds, for the reason of a refusal ("... must be ...") and for `popup-hub settings set`'s help.
SETTING_HELP: dict[EventSettingKey, str] = {
    EventSettingKey.RETURN_WINDOW_DAYS: f"the days after a sale that a return is taken, 0 to {MAX_RETURN_WINDOW_DAYS}",
    EventSettingKey.NO_RECEIPT_CAP_PER_RETURN: "the most one return without receipt refunds, in minor units, 0 or more",
    EventSettingKey.NO_RECEIPT_CAP_PER_EVENT: "the most refunded without receipt in the event, minor units, 0 or more",
    EventSettingKey.CASH_ROUNDING_STEP: f"the smallest cash step in minor units, 1 to {MAX_CASH_ROUNDING_STEP}",
    EventSettingKey.RECEIPT_FOOTER: f"a line printed at the foot of every receipt, at most {MAX_FOOTER} characters",
    EventSettingKey.CARD_REFERENCE_REQUIRED: "yes or no: whether a card payment must carry the terminal's reference",
    EventSettingKey.DISCOUNT_LIMIT_PERCENT: "the percentage above which a discount needs a manager, 0 to 100 (12.5)",
    EventSettingKey.OVERSELL_POLICY: "warn or manager: what selling beyond the known stock level asks for",
}
_INTEGERS = {
    EventSettingKey.RETURN_WINDOW_DAYS: (0, MAX_RETURN_WINDOW_DAYS),
    EventSettingKey.NO_RECEIPT_CAP_PER_RETURN: (0, MAX_MONEY),
    EventSettingKey.NO_RECEIPT_CAP_PER_EVENT: (0, MAX_MONEY),
    EventSettingKey.CASH_ROUNDING_STEP: (1, MAX_CASH_ROUNDING_STEP),
}


def setting_value_problem(key: EventSettingKey, value: SettingValue) -> str | None:
    """Why ``value`` cannot be ``key``'s, or None."""
    expected = f"{key.value} must be {SETTING_HELP[key]}"
    if key in _INTEGERS:
        low, high = _INTEGERS[key]
        return None if type(value) is int and low <= value <= high else expected
    if key is EventSettingKey.CARD_REFERENCE_REQUIRED:
        return None if type(value) is bool else expected
    if not isinstance(value, str):
        return expected
    if key is EventSettingKey.RECEIPT_FOOTER:
        return None if len(value) <= MAX_FOOTER and _PRINTABLE.match(value) else expected
    if key is EventSettingKey.DISCOUNT_LIMIT_PERCENT:
        return None if _PERCENT.match(value) and Decimal(value) <= 100 else expected
    return None if value in OVERSELL_POLICIES else expected


def parse_setting(key_text: str, value_text: str) -> tuple[EventSettingKey, SettingValue]:
    """A setting typed as text (``popup-hub settings set KEY VALUE``); raises ValueError saying what to type."""
    try:
        key = EventSettingKey(key_text)
    except ValueError:
        raise ValueError(
            f"'{key_text[:40]}' is not an event setting: choose one of {', '.join(EventSettingKey)}"
        ) from None
    value: SettingValue = value_text
    if key in _INTEGERS:
        value = int(value_text) if re.fullmatch(r"-?[0-9]{1,13}", value_text.strip()) else value_text
    elif key is EventSettingKey.CARD_REFERENCE_REQUIRED:
        answers = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
        value = answers.get(value_text.strip().lower(), value_text)
    elif key is EventSettingKey.DISCOUNT_LIMIT_PERCENT:
        value = value_text.strip().rstrip("%").strip()
    problem = setting_value_problem(key, value)
    if problem:
        raise ValueError(f"'{value_text[:40]}' cannot be set: {problem}")
    return key, value


class EventChange(Fact):
    """When a change was made, its own id (the tie-break), and who made it (a staff name, or "hub")."""

    changed_at: Timestamp
    change_id: Uuid
    changed_by: Name

    def order(self) -> tuple[datetime, str]:
        """Later changes sort higher: the one to keep of two for the same subject."""
        return datetime.fromisoformat(self.changed_at), self.change_id

    @abstractmethod
    def change_key(self) -> str:
        """The subject the change sets, as the feed keys it."""


# event_setting.changed


class EventSettingChanged(EventChange):
    key: Annotated[str, Strict()]
    value: Annotated[bool, Strict()] | Annotated[int, Strict()] | Annotated[str, Strict()]

    @field_validator("key")
    @classmethod
    def _known(cls, key: str) -> str:
        if key not in set(EventSettingKey):
            raise ValueError(f"'{key[:40]}' is not an event setting: choose one of {', '.join(EventSettingKey)}")
        return key

    @model_validator(mode="after")
    def _fits(self) -> EventSettingChanged:
        problem = setting_value_problem(EventSettingKey(self.key), self.value)
        if problem:
            raise ValueError(problem)
        return self

    def change_key(self) -> str:
        return self.key


# staff.changed


StaffName = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=MAX_STAFF_NAME, pattern=r"^\S(.*\S)?$")]
StaffRole = Annotated[str, Strict(), StringConstraints(pattern=r"^(cashier|pickup_clerk|manager)$")]


def _pin_hash(text: str) -> str:
    if not is_pin_hash(text):
        raise ValueError("is not a PIN hash as the tills make it (scrypt, 2^14, 8, 1, a 16-byte salt)")
    return text


PinHash = Annotated[str, Strict(), StringConstraints(max_length=120), AfterValidator(_pin_hash)]


class StaffChanged(EventChange):
    """A member's whole state after the change: added, PIN changed, role changed, deactivated or reactivated."""

    staff_id: Uuid
    name: StaffName
    role: StaffRole
    pin_hash: PinHash
    active: Flag

    @field_validator("name")
    @classmethod
    def _printable(cls, name: str) -> str:
        if not _PRINTABLE.match(name) or "  " in name:
            raise ValueError("a staff name is printable text with single spaces")
        return name

    def change_key(self) -> str:
        return self.staff_id


# commission.set


class CommissionScope(StrEnum):
    DEFAULT = "default"
    MAKER = "maker"
    PRODUCT = "product"


def commission_key(scope: str, subject: str) -> str:
    """The feed key of a commission: ``maker:Bergkeramik``, ``product:MUG-1``, ``default:``."""
    return f"{scope}:{subject}"


class CommissionSet(EventChange):
    """A commission rate as a fraction ("0.25"): of the event (default), of a maker (by name) or of a product (SKU)."""

    scope: Annotated[str, Strict(), StringConstraints(pattern=r"^(default|maker|product)$")]
    subject: Name
    rate: Annotated[str, Strict(), StringConstraints(min_length=1, max_length=40)]

    @field_validator("rate")
    @classmethod
    def _fraction(cls, rate: str) -> str:
        try:
            value = Decimal(rate)
        except InvalidOperation:
            raise ValueError("is not a number") from None
        if not value.is_finite() or not 0 <= value <= 1:
            raise ValueError("a commission is a fraction between 0 and 1 (0.25 for 25%)")
        return rate

    @model_validator(mode="after")
    def _names_its_subject(self) -> CommissionSet:
        if self.scope == CommissionScope.DEFAULT and self.subject:
            raise ValueError("the event's default commission names no subject")
        if self.scope == CommissionScope.MAKER and not self.subject.strip():
            raise ValueError("a maker's commission names the maker")
        if self.scope == CommissionScope.PRODUCT and not _CODE.match(self.subject):
            raise ValueError("a product's commission names its SKU")
        return self

    def change_key(self) -> str:
        return commission_key(self.scope, self.subject)


def change_key_problem(key: str, change: EventChange) -> str | None:
    """Why ``key`` is not the feed key of ``change``, or None."""
    return None if key == change.change_key() else "its key is not the subject it changes"
