"""The fold of an event's vouchers: what each was issued for, what each sale took from it, and when it is over-spent.

Plain Python, so that the rule is tested on its own: sync/hub/store/vouchers.py
loads the vouchers a batch touches, folds the batch's issues and redemptions
through a ``LedgerFold`` in till order, and writes what is new.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sync.catalog_rows import currency_exponent


@dataclass(frozen=True, slots=True)
class Redemption:
    sale_id: str
    amount: int
    till_code: str
    at: str
    # The sale's record on the hub.
    record_id: str


@dataclass(frozen=True, slots=True)
class Issue:
    voucher_id: str
    currency: str
    amount: int
    issued_by: str
    note: str
    issued_at: str
    # The till's voucher.issued record; None when the marketplace issued it.
    record_id: str | None


@dataclass(slots=True)
class Ledger:
    """One voucher as the hub knows it: its issue (None while only redemptions have arrived) and its redemptions."""

    issue: Issue | None = None
    redemptions: dict[str, Redemption] = field(default_factory=dict)
    # The sum of the redemptions, kept as they are added: a busy voucher is checked on every sale.
    spent: int = 0

    def add(self, redemption: Redemption) -> None:
        self.redemptions[redemption.sale_id] = redemption
        self.spent += redemption.amount


@dataclass(frozen=True, slots=True)
class Overspent:
    """A voucher spent beyond what it was issued for."""

    code: str
    currency: str
    issued: int
    spent: int
    tills: tuple[str, ...]

    @property
    def over(self) -> int:
        return self.spent - self.issued

    def details(self) -> dict[str, object]:
        return {"issued": self.issued, "spent": self.spent, "over": self.over, "tills": list(self.tills)}

    def reason(self) -> str:
        return (
            f"voucher {self.code} is over-spent: {money(self.spent, self.currency)} spent of "
            f"{money(self.issued, self.currency)} issued, {money(self.over, self.currency)} over "
            f"(tills {', '.join(self.tills)})"
        )


def money(amount: int, currency: str) -> str:
    """Minor units in major ones, as an operator reads them: CHF 12.50, JPY 1200, CHF -3.50."""
    exponent = currency_exponent(currency)
    sign = "-" if amount < 0 else ""
    whole, fraction = divmod(abs(amount), 10**exponent)
    return f"{currency} {sign}{whole}.{fraction:0{exponent}d}" if exponent else f"{currency} {sign}{whole}"


class LedgerFold:
    """Issues and redemptions applied one at a time; each answers whether the voucher is now over-spent."""

    def __init__(self, ledgers: dict[str, Ledger]) -> None:
        self.ledgers = ledgers
        # What the fold added, for the caller to write: new issues, and new (code, redemption) pairs.
        self.new_issues: dict[str, Issue] = {}
        self.new_redemptions: list[tuple[str, Redemption]] = []
        self.touched: set[str] = set()

    def is_issued(self, code: str) -> bool:
        ledger = self.ledgers.get(code)
        return ledger is not None and ledger.issue is not None

    def issue(self, code: str, issue: Issue) -> Overspent | None:
        """The voucher's issue; redemptions that arrived before it are checked against it now."""
        if self.is_issued(code):
            raise ValueError(f"voucher {code} is issued already")
        ledger = self.ledgers.setdefault(code, Ledger())
        ledger.issue = issue
        self.new_issues[code] = issue
        self.touched.add(code)
        return self._overspent(code)

    def redeem(self, code: str, redemption: Redemption) -> Overspent | None:
        """A sale's use of the voucher, once per sale: a sale seen before changes nothing."""
        ledger = self.ledgers.setdefault(code, Ledger())
        if redemption.sale_id in ledger.redemptions:
            return None
        ledger.add(redemption)
        self.new_redemptions.append((code, redemption))
        self.touched.add(code)
        return self._overspent(code)

    def _overspent(self, code: str) -> Overspent | None:
        ledger = self.ledgers[code]
        if ledger.issue is None or ledger.spent <= ledger.issue.amount:
            return None
        tills = tuple(sorted({redemption.till_code for redemption in ledger.redemptions.values()}))
        return Overspent(code, ledger.issue.currency, ledger.issue.amount, ledger.spent, tills)
