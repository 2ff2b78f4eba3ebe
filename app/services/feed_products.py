"""The feed's products, made ready to write on the thread that fetches the pages, written in bulk on the writer's.

A first pull is a whole catalog, and the writer's transaction is the pull's
slowest step: everything about a product that needs no store (its barcodes
normalised, its fields as the store keeps them) is done as the page arrives,
while the pages before it are written, so the writer only looks up makers and
tax classes and writes (docs/pull.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.domain.barcodes import normalize_code
from app.domain.catalog import Maker
from app.domain.clock import now_iso
from app.domain.errors import PosError
from app.domain.ids import new_id
from app.store.catalog import ProductWrite
from app.store.unit_of_work import UnitOfWork
from sync.catalog_rows import CatalogRow
from sync.protocol import Change


@dataclass(frozen=True, slots=True)
class ProductDraft:
    """A feed product as the till stores it, but for its maker's id (the store gives it).

    Its fields are a catalog row's (sync/catalog_rows.py ``CatalogRow``, line 0: it comes from no file), the
    shape a CSV import and the product editor write too; the id is the hub's.
    """

    product_id: str
    row: CatalogRow


def product_drafts(changes: Iterable[Change]) -> dict[str, ProductDraft]:
    """The products of ``changes`` by SKU, the latest of each; they passed their contract (check_changes).

    Raises what a malformed entry raises (KeyError, ValueError ...): the caller
    then writes the entries the careful way, one by one, to set the bad one aside.
    """
    drafts: dict[str, ProductDraft] = {}
    for change in changes:
        data = change.data
        codes: list[str] = []
        for raw in str(data["barcodes"]).split():
            try:
                codes.append(normalize_code(raw))
            except PosError:
                continue  # a code the till cannot scan: the product is still sold by its SKU or a search
        row = CatalogRow(
            line=0,
            sku=change.key,
            name=str(data["name"]),
            variant=str(data["variant"]),
            maker=str(data["maker"]),
            tax_class=str(data["tax_class"]),
            price=int(data["price"]),
            category=str(data["category"]),
            barcodes=tuple(codes),
        )
        # A product the till knows keeps its own id (upsert_products).
        drafts[change.key] = ProductDraft(product_id=str(data["id"]), row=row)
    return drafts


def write_products(uow: UnitOfWork, drafts: Sequence[ProductDraft], unindexed: set[int] | None = None) -> None:
    """Insert or update ``drafts`` (one each SKU), with their barcodes; ``unindexed``: see ``upsert_products``."""
    if not drafts:
        return
    tax_classes = uow.catalog.tax_classes()
    makers = uow.catalog.maker_ids({draft.row.maker for draft in drafts})
    writes: list[ProductWrite] = []
    for draft in drafts:
        row = draft.row
        if row.tax_class not in tax_classes:
            continue  # a product of another event's tax regime: not sellable here
        if row.maker not in makers:
            maker = Maker(new_id(), row.maker)
            uow.catalog.add_maker(maker)
            makers[maker.name] = maker.maker_id
        writes.append(
            ProductWrite(
                draft.product_id,
                row.sku,
                row.name,
                row.variant,
                makers[row.maker],
                row.tax_class,
                row.price,
                row.category,
                row.barcodes,
            )
        )
    uow.catalog.release_barcodes([code for write in writes for code in write.barcodes])
    uow.catalog.upsert_products(writes, now_iso(), unindexed)
