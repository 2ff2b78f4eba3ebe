"""Completing a 5-line, 2-tender sale beside its honest floor (aim: ratio <= 1.5x).

The two sides, and what the floor writes, are in tests/bench/sale_sides.py; the same comparison as the
store fills up with sales is tests/bench/test_selling_scale_bench.py.
"""

from __future__ import annotations

from pathlib import Path

from tests.bench.sale_sides import check_same_rows, run, set_up

ROUNDS = 7
SALES_PER_ROUND = 50


def test_complete_sale_against_its_floor(bench_dir: Path) -> None:
    sides = set_up(bench_dir)
    try:
        print(f"\n[setup] sale.completed payload of {len(sides.rows.payload):,} characters")
        run(
            sides, f"complete_sale, 5 lines, card + cash, per-sale median of {SALES_PER_ROUND}", ROUNDS, SALES_PER_ROUND
        )
        check_same_rows(sides)
    finally:
        sides.close()
