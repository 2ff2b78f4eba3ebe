"""A maker's consignment at an event: where every delivered unit went, and what the maker is paid.

Plain Python shared by the till (app/domain/consignment.py, app/services/consignment.py) and the hub
(sync/hub/store/consignment.py), so both reconcile and settle by one set of rules
(docs/consignment.md):

- **Reconciliation**, per maker and product: delivered - sold + returned by customers - held -
  written off - handed back = missing. "Held" is what is on the quality hold now; "written off" and
  "handed back" count every unit that went there (by a return or a transfer). Until the hand-back at
  the close, "missing" is also what should still be on the shelf; after it, anything left is missing.
- **Money**, per maker: revenue less refunds is the net; the commission is per product
  (sync/maker_settlements.py); the fees are the maker's fixed fee, a percentage of the net, and the
  card fee: a percentage of the maker's share of card payments. That share is the maker's net times
  the event's card payments over all its payments, since a card payment pays for several makers'
  goods at once. Each fee is rounded half up once per maker. payout = net - commission - fees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sync.custom_lines import is_custom_sku
from sync.event_figures import EventFigures
from sync.maker_settlements import MakerSettlement
from sync.records.locations import MAKER, QUALITY_HOLD, WRITTEN_OFF, is_sellable

PAYOUT_DUE = "due"
PAYOUT_PAID = "paid"
CARD = "card"


@dataclass(frozen=True, slots=True)
class PlacedUnits:
    """Units of one product that went somewhere other than a sale: counted per maker and SKU."""

    delivered: int = 0
    held: int = 0  # on the quality hold now
    written_off: int = 0
    handed_back: int = 0
    # Quality decisions: units that left the hold, by outcome.
    released: int = 0
    held_to_maker: int = 0
    held_written_off: int = 0


@dataclass(frozen=True, slots=True)
class ConsignmentLine:
    maker: str
    sku: str
    name: str
    delivered: int
    sold: int
    returned: int
    held: int
    written_off: int
    handed_back: int
    released: int = 0
    defective: int = 0  # units a quality decision sent back to the maker or wrote off

    @property
    def missing(self) -> int:
        return self.delivered - self.sold + self.returned - self.held - self.written_off - self.handed_back


@dataclass(frozen=True, slots=True)
class MakerTerms:
    """What a maker pays beside the commission, and whether they were paid."""

    fixed_fee: int = 0
    fee_rate: Decimal = Decimal(0)
    card_fee_rate: Decimal = Decimal(0)
    payout_state: str = PAYOUT_DUE
    paid_on: str | None = None
    payout_reference: str | None = None


@dataclass(frozen=True, slots=True)
class Reconciliation:
    maker: str
    lines: tuple[ConsignmentLine, ...]

    def total(self, name: str) -> int:
        return sum(int(getattr(line, name)) for line in self.lines)

    @property
    def missing_lines(self) -> tuple[ConsignmentLine, ...]:
        return tuple(line for line in self.lines if line.missing > 0)

    @property
    def defect_rate(self) -> Decimal:
        """Units a quality decision found defective, per unit delivered (0 when nothing was delivered)."""
        delivered = self.total("delivered")
        return Decimal(self.total("defective")) / delivered if delivered else Decimal(0)


@dataclass(frozen=True, slots=True)
class Statement:
    maker: str
    reconciliation: Reconciliation
    revenue: int
    refunds: int
    commission: int
    fixed_fee: int
    percentage_fee: int
    card_fee: int
    terms: MakerTerms = field(default_factory=MakerTerms)

    @property
    def net(self) -> int:
        return self.revenue - self.refunds

    @property
    def fees(self) -> int:
        return self.fixed_fee + self.percentage_fee + self.card_fee

    @property
    def payout(self) -> int:
        return self.net - self.commission - self.fees


def half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def reconcile(
    figures: EventFigures, placed: Mapping[tuple[str, str], PlacedUnits], names: Mapping[str, str] | None = None
) -> list[Reconciliation]:
    """Per maker who delivered anything (``placed`` with a delivery), a line per product sold or placed."""
    consigned = {maker for (maker, _sku), units in placed.items() if units.delivered}
    sold = {(item.maker, item.sku): item for item in figures.items if item.maker in consigned}
    names = dict(names or {})
    names.update({item.sku: item.name for item in sold.values()})
    lines: dict[str, list[ConsignmentLine]] = {}
    for maker, sku in sorted(set(sold) | {key for key in placed if key[0] in consigned}):
        item = sold.get((maker, sku))
        units = placed.get((maker, sku), PlacedUnits())
        lines.setdefault(maker, []).append(
            ConsignmentLine(
                maker,
                sku,
                names.get(sku, sku),
                units.delivered,
                item.units if item else 0,
                item.returned_units if item else 0,
                units.held,
                units.written_off,
                units.handed_back,
                units.released,
                units.held_to_maker + units.held_written_off,
            )
        )
    return [Reconciliation(maker, tuple(rows)) for maker, rows in lines.items()]


def card_share(figures: EventFigures) -> tuple[int, int]:
    """(card payments, all payments) of the event, net of refunds: the card fee's allocation."""
    card = sum(tender.net for tender in figures.tenders if tender.kind == CARD)
    return card, sum(tender.net for tender in figures.tenders)


def statements(
    figures: EventFigures,
    reconciliations: Sequence[Reconciliation],
    settlements: Iterable[MakerSettlement],
    terms: Mapping[str, MakerTerms],
) -> list[Statement]:
    """One statement per reconciled maker: the settlement's money, the fees, the payout."""
    settled = {settlement.maker_name: settlement for settlement in settlements}
    card, paid = card_share(figures)
    result = []
    for reconciliation in reconciliations:
        maker = reconciliation.maker
        settlement = settled.get(maker, MakerSettlement(maker, ()))
        own = terms.get(maker, MakerTerms())
        net = settlement.revenue - settlement.refunds
        card_fee = half_up(Decimal(net) * card * own.card_fee_rate / paid) if paid > 0 else 0
        result.append(
            Statement(
                maker,
                reconciliation,
                settlement.revenue,
                settlement.refunds,
                settlement.commission,
                own.fixed_fee,
                half_up(Decimal(net) * own.fee_rate),
                card_fee,
                own,
            )
        )
    return result


def add_placed(into: dict[tuple[str, str], PlacedUnits], key: tuple[str, str], **units: int) -> None:
    """Add ``units`` (field name -> count) to the units placed of (maker, sku)."""
    before = into.get(key, PlacedUnits())
    into[key] = PlacedUnits(**{name: getattr(before, name) + units.get(name, 0) for name in PlacedUnits.__slots__})


Placed = dict[tuple[str, str], PlacedUnits]


def fold_stock_moved(into: Placed, payload: Mapping[str, Any], maker_of: Callable[[str], str | None]) -> None:
    """A ``stock.moved`` payload (through its contract) into the units placed per (maker, SKU).

    A delivery (a receive naming its maker) is delivered; a transfer into the quality hold is held, out
    of it a quality decision (released when it went to a sellable place); into ``written_off`` or
    ``maker`` written off or handed back. Other movements (counts, receives without a maker) do not
    concern the consignment.
    """
    kind, source, target = payload["kind"], payload["location"], payload.get("to_location")
    for sku, quantity in payload["deltas"]:
        if kind == "receive" and payload.get("maker"):
            add_placed(into, (str(payload["maker"]), sku), delivered=quantity)
            continue
        maker = maker_of(sku)
        if kind != "transfer" or target is None or maker is None:
            continue
        units: dict[str, int] = {}
        if source == QUALITY_HOLD:
            units["held"] = -quantity
            outcome = {MAKER: "held_to_maker", WRITTEN_OFF: "held_written_off"}.get(target)
            if outcome is None and is_sellable(target):
                outcome = "released"
            if outcome is not None:
                units[outcome] = quantity
        going = {QUALITY_HOLD: "held", WRITTEN_OFF: "written_off", MAKER: "handed_back"}.get(target)
        if going is not None:
            units[going] = units.get(going, 0) + quantity
        add_placed(into, (maker, sku), **units)


def fold_return(into: Placed, payload: Mapping[str, Any]) -> None:
    """A ``return.recorded`` payload: its lines put on the quality hold or written off."""
    for line in payload["lines"]:
        going = {"quality_hold": "held", "write_off": "written_off"}.get(str(line["disposition"]))
        if going is not None and not is_custom_sku(str(line["sku"])):
            add_placed(into, (str(line["maker"]), str(line["sku"])), **{going: int(line["quantity"])})


STATEMENT_HEADER = (
    "maker",
    "sku",
    "name",
    "received",
    "sold",
    "returned_by_customers",
    "held",
    "written_off",
    "handed_back",
    "missing",
    "revenue",
    "refunds",
    "commission",
    "fixed_fee",
    "percentage_fee",
    "card_fee",
    "payout",
    "payout_state",
    "paid_on",
    "payout_reference",
)


def statement_rows(statements: Iterable[Statement]) -> list[tuple[str | int, ...]]:
    """One row per product, then the maker's total row (sku "TOTAL") with the money: the CSV both sides write."""
    rows: list[tuple[str | int, ...]] = []
    for statement in statements:
        units = statement.reconciliation
        for line in units.lines:
            counts = (line.delivered, line.sold, line.returned, line.held, line.written_off, line.handed_back)
            rows.append((statement.maker, line.sku, line.name, *counts, line.missing, *("",) * 10))
        terms = statement.terms
        rows.append(
            (
                statement.maker,
                "TOTAL",
                "",
                *(units.total(name) for name in ("delivered", "sold", "returned", "held", "written_off")),
                units.total("handed_back"),
                units.total("missing"),
                statement.revenue,
                statement.refunds,
                statement.commission,
                statement.fixed_fee,
                statement.percentage_fee,
                statement.card_fee,
                statement.payout,
                terms.payout_state,
                terms.paid_on or "",
                terms.payout_reference or "",
            )
        )
    return rows
