"""Records named in words for people: the outbox's types ("stock.moved") are the wire's names, not the hall's."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.texts import _
from sync.records import RecordType


def record_name(record_type: str) -> str:
    """One record of ``record_type`` in words ("stock movement"); an unknown type as it is, never an error."""
    names: dict[str, str] = {
        RecordType.SALE_COMPLETED: QCoreApplication.translate("RecordNames", "sale"),
        RecordType.RETURN_RECORDED: QCoreApplication.translate("RecordNames", "return"),
        RecordType.PICKUP_HANDED_OFF: QCoreApplication.translate("RecordNames", "pickup handoff"),
        RecordType.STOCK_MOVED: QCoreApplication.translate("RecordNames", "stock movement"),
        RecordType.VOUCHER_ISSUED: QCoreApplication.translate("RecordNames", "voucher issued"),
        RecordType.CASH_SESSION: QCoreApplication.translate("RecordNames", "cash session"),
        RecordType.EVENT_SETTING_CHANGED: QCoreApplication.translate("RecordNames", "event setting"),
        RecordType.STAFF_CHANGED: QCoreApplication.translate("RecordNames", "staff change"),
        RecordType.COMMISSION_SET: QCoreApplication.translate("RecordNames", "commission"),
        RecordType.TILL_CLOSED: QCoreApplication.translate("RecordNames", "till closed"),
        RecordType.CONFLICT_REVIEWED: QCoreApplication.translate("RecordNames", "conflict review"),
        RecordType.DEMAND_RECORDED: QCoreApplication.translate("RecordNames", "customer demand"),
        # The Python catalog's (resources/i18n/python), as the consignment tab's texts.
        RecordType.MAKER_TERMS_SET: _("maker's fees or payout"),
        RecordType.DROP_SOLD: _("drop sale"),
        RecordType.DROP_SET: _("drop set by a manager"),
        RecordType.DROP_RETURNED: _("drop units returned"),
        RecordType.PRICE_RULE_CHANGED: _("price rule"),
        RecordType.GROUP_BUY_COMMITTED: _("group-buy commitment"),
        RecordType.GROUP_BUY_CHANGED: _("group buy set by a manager"),
    }
    return names.get(record_type, record_type)
