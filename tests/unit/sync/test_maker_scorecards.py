"""The scorecard's figures from rows (sync/maker_scorecards.py): exact rates, sums across events, the CSV rows."""

from __future__ import annotations

from fractions import Fraction

from sync.consignment import PlacedUnits
from sync.demand_figures import ProductDemand
from sync.maker_scorecards import (
    EventSpan,
    ScorecardRows,
    duration_text,
    percent_text,
    scorecard_rows,
    scorecards,
)

DAY = "2026-12-05T"


def rows() -> ScorecardRows:
    return ScorecardRows(
        events=[
            EventSpan("e1", "Winter", f"{DAY}10:00:00+00:00", f"{DAY}14:00:00+00:00"),
            EventSpan("e2", "Spring", f"{DAY}11:00:00+01:00", f"{DAY}11:30:00+00:00"),  # 90 minutes
        ],
        sold=[
            ("e1", "Berg", "MUG", "Mug", 10, 32000),
            ("e1", "Berg", "CUP", "Cup", 3, 5400),
            ("e2", "Berg", "MUG", "Mug", 5, 16000),
            ("e1", "Lumen", "CANDLE", "Candle", 1, 1290),
        ],
        returned=[("e1", "Berg", "CUP", 1, 1800)],
        reasons=[("e1", "Berg", "chipped", 1, 1), ("e2", "Berg", "chipped", 2, 2), ("e2", "Berg", "colour", 1, 3)],
        placed={
            "e1": {
                ("Berg", "MUG"): PlacedUnits(delivered=10),
                ("Berg", "CUP"): PlacedUnits(delivered=6, held_to_maker=1),
            },
            "e2": {("Berg", "MUG"): PlacedUnits(delivered=5, held_written_off=2)},
        },
        delivered_at={("e1", "MUG"): f"{DAY}09:30:00+00:00"},
        sold_out_at={("e1", "MUG"): f"{DAY}12:30:00+00:00", ("e2", "MUG"): f"{DAY}11:20:00+00:00"},
        demand={"e1": [ProductDemand("MUG", "Mug", 3, 6, f"{DAY}12:30:00+00:00", 2, 4)]},
        maker_of={"MUG": "Berg", "CUP": "Berg", "CANDLE": "Lumen"},
    )


def test_a_makers_figures_are_exact_sums_and_fractions() -> None:
    cards = scorecards(rows())
    assert set(cards) == {"Berg", "Lumen"}
    berg = cards["Berg"]
    assert (berg.units, berg.revenue, berg.delivered, berg.total("defective")) == (18, 53400, 21, 3)
    assert berg.sell_through == Fraction(18, 21)
    assert berg.return_rate == Fraction(1, 18)
    assert berg.defect_rate == Fraction(3, 21)
    assert berg.stall_seconds == 4 * 3600 + 90 * 60
    assert berg.revenue_per_stall_hour == Fraction(53400 * 3600, 4 * 3600 + 5400)
    # The first event's mug from its delivery; the second's from the event's first sale, 10:00 UTC (no delivery time).
    assert [(item.event_id, item.seconds_to_sell_out) for item in berg.sold_out] == [("e1", 3 * 3600), ("e2", 4800)]
    assert berg.mean_seconds_to_sell_out == Fraction(3 * 3600 + 4800, 2)
    assert (berg.asked_after, berg.units_asked_after) == (2, 4)
    assert [(group.reason, group.returns, group.units) for group in berg.reasons] == [
        ("chipped", 3, 3),
        ("colour", 1, 3),
    ]
    lumen = cards["Lumen"]
    assert (lumen.sell_through, lumen.defect_rate, lumen.return_rate) == (None, None, Fraction(0))


def test_shown_rates_and_durations_round_half_up() -> None:
    assert percent_text(Fraction(13, 16)) == "81.3%"
    assert percent_text(None) == "-"
    assert duration_text(Fraction(10800 + 59, 1)) == "3h 00m"
    assert duration_text(720) == "12m"
    assert duration_text(None) == "-"


def test_the_csv_rows_end_with_the_makers_total() -> None:
    berg = scorecards(rows())["Berg"]
    table = scorecard_rows(berg)
    assert len(table) == len(berg.products) + 1
    total = table[-1]
    assert total[:10] == ("Berg", "e1 e2", "TOTAL", "", 21, 18, 53400, 1, 1800, 3)
    assert total[10:13] == ("0.8571", "0.0556", "0.1429")
