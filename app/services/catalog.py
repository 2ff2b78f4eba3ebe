"""Importing the catalog, finding products by code and by name."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.barcodes import normalize_code
from app.domain.catalog import CatalogImportError, Maker, RowError, decode_csv, parse_catalog_csv
from app.domain.clock import now_iso
from app.domain.errors import NotFound
from app.domain.ids import new_id
from app.domain.staff import Permission
from app.services.authorization import require
from app.store.catalog import ProductView, ProductWrite
from app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class CatalogImported:
    created: int
    updated: int
    makers_created: int


def import_catalog(data: bytes, staff_id: str | None, uow: UnitOfWork) -> CatalogImported:
    """Import a catalog CSV, all or nothing.

    ``staff_id`` is the manager doing it; ``None`` is the till's own set-up
    (command line on the machine, demo data), which is audited as such.
    """
    text = decode_csv(data)
    with uow:
        till = uow.tills.this_till()
        if staff_id is not None:
            require(uow, staff_id, Permission.MANAGE_CATALOG)
        event = uow.tills.event(till.event_id)
        rows = parse_catalog_csv(text, event.currency, set(uow.catalog.tax_classes()))
        existing = uow.catalog.product_ids_by_sku()
        owners = uow.catalog.barcode_owners([code for row in rows for code in row.barcodes])
        clashes = [
            RowError(row.line, f"barcode {code} already belongs to product {owners[code]}")
            for row in rows
            for code in row.barcodes
            if code in owners and owners[code] != row.sku
        ]
        if clashes:
            raise CatalogImportError(clashes)
        maker_ids = {maker.name: maker.maker_id for maker in uow.catalog.makers()}
        new_makers = 0
        writes: list[ProductWrite] = []
        for row in rows:
            if row.maker not in maker_ids:
                maker = Maker(new_id(), row.maker)
                uow.catalog.add_maker(maker)
                maker_ids[row.maker] = maker.maker_id
                new_makers += 1
            writes.append(
                ProductWrite(
                    product_id=existing.get(row.sku) or new_id(),
                    sku=row.sku,
                    name=row.name,
                    variant=row.variant,
                    maker_id=maker_ids[row.maker],
                    tax_class=row.tax_class,
                    price=row.price,
                    category=row.category,
                    barcodes=row.barcodes,
                )
            )
        uow.catalog.upsert_products(writes, now_iso())
        updated = sum(1 for row in rows if row.sku in existing)
        result = CatalogImported(len(rows) - updated, updated, new_makers)
        uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="catalog.imported",
            subject=till.event_id,
            details={"created": result.created, "updated": result.updated, "makers_created": new_makers},
        )
        uow.commit()
    uow.checkpoint()
    return result


def find_product(code: str, uow: UnitOfWork) -> ProductView:
    normalized = normalize_code(code)
    with uow.for_reading():
        product = uow.catalog.by_code(normalized)
    if product is None:
        raise NotFound(f"No product has the code {normalized}: check the label, or search by name.")
    return product


def search_products(query: str, uow: UnitOfWork, limit: int = 30) -> list[ProductView]:
    with uow.for_reading():
        return uow.catalog.search(query, limit)
