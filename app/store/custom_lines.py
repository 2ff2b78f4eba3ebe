"""The well-known products custom-amount lines are sold as (one per tax class), and the shop's own maker.

They are made on first use, stay out of the search index and the quick keys
(sync/custom_lines.py says why a line needs a product at all).
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from app.domain.catalog import Maker
from app.domain.ids import new_id
from app.store.schema import makers, products

# A custom amount nobody made (a service, a deposit) is the shop's revenue: this maker's commission is all
# of it, so its settlement pays nothing out.
HOUSE_MAKER = "The shop (no maker)"
HOUSE_COMMISSION = "1"
CUSTOM_PRODUCT_NAME = "Custom amount"


class CustomLineRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def house_maker(self) -> Maker:
        row = self._connection.execute(select(makers.c.id).where(makers.c.name == HOUSE_MAKER)).first()
        if row is not None:
            return Maker(row.id, HOUSE_MAKER)
        maker = Maker(new_id(), HOUSE_MAKER)
        self._connection.execute(
            makers.insert().values(id=maker.maker_id, name=maker.name, commission_rate=HOUSE_COMMISSION)
        )
        return maker

    def product_id(self, sku: str, tax_class: str, updated_at: str) -> str:
        """The id of the custom-amount product ``sku``, made now if this till has none yet."""
        found = self._connection.scalar(select(products.c.id).where(products.c.sku == sku))
        if found is not None:
            return str(found)
        product_id = new_id()
        self._connection.execute(
            products.insert().values(
                id=product_id,
                sku=sku,
                name=CUSTOM_PRODUCT_NAME,
                variant="",
                maker_id=self.house_maker().maker_id,
                tax_class=tax_class,
                price=0,
                category="",
                updated_at=updated_at,
            )
        )
        return product_id
