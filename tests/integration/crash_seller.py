"""A till that sells as fast as it can until it is killed (driven by test_crash.py).

Prints each receipt number once its sale is committed, so the test knows
which sales must survive the kill.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.bootstrap import open_till
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, complete_sale
from app.services.staff import list_staff

CODES = ("BER-003", "2000000000015", "KAF-003")


def main(data_dir: Path) -> None:
    till = open_till(data_dir)
    cashier = next(member.staff_id for member in list_staff(till.uow()) if member.name == "Sam")
    while True:
        state = carts.current_cart(cashier, till.uow())
        for code in CODES:
            state = carts.scan(state.cart.cart_id, code, cashier, till.uow())
        cash = Tender(TenderKind.CASH, state.priced.total + 1000)
        done = complete_sale(CompleteSale(state.cart.cart_id, cashier, (cash,)), till.uow())
        print(done.receipt_no, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
