"""Importing the catalog, finding products by code and by name."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.barcodes import normalize_code
from app.domain.catalog import CatalogImportError, Maker, RowError, decode_csv, parse_catalog_csv
from app.domain.clock import now_iso
from app.domain.errors import NotFound, RuleViolation
from app.domain.ids import new_id
from app.domain.progress import CancelToken, Progress, Throttled, no_progress
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.authorization import require
from app.store.catalog import ProductView, ProductWrite
from app.store.facts import PRICES_KEY, FactRepository
from app.store.unit_of_work import UnitOfWork
from sync.catalog_rows import formula_warnings


@dataclass(frozen=True, slots=True)
class CatalogImported:
    created: int
    updated: int
    makers_created: int
    # Cells a spreadsheet would run as a formula: imported as typed (names are data), shown to the person.
    warnings: tuple[RowError, ...] = ()


# Products written per statement batch between two progress reports and cancel checks.
IMPORT_BATCH = 5_000


def import_catalog(
    data: bytes,
    staff_id: str | None,
    uow: UnitOfWork,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> CatalogImported:
    """Import a catalog CSV, all or nothing.

    ``staff_id`` is the manager doing it; ``None`` is the till's own set-up
    (command line on the machine, demo data), which is audited as such.
    ``cancel`` is honoured up to the commit: the transaction is rolled back and nothing changes.
    """
    cancel = cancel or CancelToken()
    report = Throttled(progress)
    progress(0, None, _("Reading the catalog"))
    text = decode_csv(data)
    with uow:
        till = uow.tills.this_till()
        if staff_id is not None:
            require(uow, staff_id, Permission.MANAGE_CATALOG)
        if uow.hub.link() is not None:
            # The next pull would overwrite what it wrote, and the hub refuses sales of products it does not sell.
            raise RuleViolation(
                _(
                    "This till takes its catalog from the marketplace: import the file on the hub "
                    "(popup-hub catalog import FILE), then sync this till."
                )
            )
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
        # Products are current state (imports and the hub's feed overwrite them): the audit entry keeps
        # each price this import changed, and the instant that names the rows it wrote.
        at = now_iso()
        before = FactRepository(uow.connection).product_prices()
        prices = {w.sku: [before[w.sku][0], w.price] for w in writes if w.sku in before and before[w.sku][0] != w.price}
        for start in range(0, len(writes), IMPORT_BATCH):
            cancel.check(_("Import stopped: the catalog is as it was before."))
            report(start, len(writes), _("Importing catalog"))
            uow.catalog.upsert_products(writes[start : start + IMPORT_BATCH], at)
        report(len(writes), len(writes), _("Importing catalog"))
        updated = sum(1 for row in rows if row.sku in existing)
        result = CatalogImported(len(rows) - updated, updated, new_makers, tuple(formula_warnings(rows)))
        uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="catalog.imported",
            subject=till.event_id,
            details={
                "created": result.created,
                "updated": result.updated,
                "makers_created": new_makers,
                PRICES_KEY: prices,
                "at": at,
            },
        )
        cancel.check(_("Import stopped: the catalog is as it was before."))
        uow.commit()
    uow.checkpoint()
    return result


def find_product(code: str, uow: UnitOfWork) -> ProductView:
    normalized = normalize_code(code)
    with uow.for_reading():
        product = uow.catalog.by_code(normalized)
    if product is None:
        raise NotFound(
            _("No product has the code {normalized}: check the label, or search by name.").format(normalized=normalized)
        )
    return product


def search_products(query: str, uow: UnitOfWork, limit: int = 30) -> list[ProductView]:
    with uow.for_reading():
        return uow.catalog.search(query, limit)
