"""A manager adds and edits products at the till, by the catalog import's own rules, every change audited.

The form is one catalog row: it is read by ``sync.catalog_rows`` exactly as a
row of an imported CSV is (codes with check digits, prices digit by digit in
the currency's minor units, known tax classes), so the editor can accept
nothing the import would refuse, now or after the rules change.

A till enrolled with a hub takes its catalog from the marketplace's feed: a
product changed here would be overwritten by the next pull and would not be
known to the hub, so editing is refused there (quick keys and custom amounts
still work: they are this till's own).
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

from app.domain.catalog import Maker
from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, NotFound, RuleViolation
from app.domain.ids import new_id
from app.domain.staff import Permission
from app.domain.texts import N_, _
from app.services.authorization import require
from app.store.catalog import ProductView, ProductWrite
from app.store.facts import PRICES_KEY
from app.store.unit_of_work import UnitOfWork
from sync.catalog_rows import REQUIRED_COLUMNS, CatalogRejected, CatalogRow, currency_exponent, parse_catalog_csv
from sync.custom_lines import CUSTOM_SKU_PREFIX, is_custom_sku

MARKETPLACE_CATALOG = N_("This till takes its catalog from the marketplace: change it there.")
_COLUMNS = (*REQUIRED_COLUMNS, "variant", "category", "barcodes")


@dataclass(frozen=True, slots=True)
class ProductForm:
    """What the manager typed; ``price`` in major units ("4.50"), ``barcodes`` separated by spaces."""

    sku: str
    name: str
    maker: str
    tax_class: str
    price: str
    variant: str = ""
    category: str = ""
    barcodes: str = ""


@dataclass(frozen=True, slots=True)
class ProductSaved:
    product_id: str
    sku: str


def catalog_editable(uow: UnitOfWork) -> bool:
    """False on a till enrolled with a hub (its catalog is the marketplace's)."""
    with uow.for_reading():
        return uow.hub.link() is None


def editable_products(query: str, uow: UnitOfWork, limit: int) -> list[ProductView]:
    """Products matching ``query`` (all of them, by category and name, when it is empty) for the editor."""
    with uow.for_reading():
        found = uow.catalog.search(query, limit) if query.strip() else uow.catalog.all_products()
    return [product for product in found if not is_custom_sku(product.item.sku)][:limit]


def product_form(product_id: str, uow: UnitOfWork) -> ProductForm:
    """A product as the editor shows it, price in major units."""
    with uow.for_reading():
        return _form(uow, product_id)


def _form(uow: UnitOfWork, product_id: str) -> ProductForm:
    row = _stored_row(uow, product_id)
    return ProductForm(
        sku=row.sku,
        name=row.name,
        maker=row.maker,
        tax_class=row.tax_class,
        price=major_units(row.price, uow.tills.this_till_and_event()[1].currency),
        variant=row.variant,
        category=row.category,
        barcodes=" ".join(row.barcodes),
    )


def _stored_row(uow: UnitOfWork, product_id: str) -> CatalogRow:
    product = uow.catalog.by_id(product_id)
    if product is None or is_custom_sku(product.item.sku):
        raise NotFound(_("That product is no longer in the catalog: search for it again."))
    codes = uow.connection.exec_driver_sql(
        "SELECT code FROM barcodes WHERE product_id = ? ORDER BY code", (product_id,)
    ).scalars()
    item = product.item
    return CatalogRow(
        line=0,
        sku=item.sku,
        name=item.name,
        variant=item.variant,
        maker=item.maker_name,
        tax_class=item.tax_class,
        price=item.unit_price,
        category=product.category,
        barcodes=tuple(str(code) for code in codes),
    )


def major_units(minor: int, currency: str) -> str:
    """An amount as typed in the editor ("4.50"), without currency sign or grouping."""
    exponent = currency_exponent(currency)
    if exponent == 0:
        return str(minor)
    whole, fraction = divmod(abs(minor), 10**exponent)
    return f"{'-' if minor < 0 else ''}{whole}.{fraction:0{exponent}d}"


def add_product(form: ProductForm, staff_id: str, uow: UnitOfWork) -> ProductSaved:
    with uow:
        till = _editable_till(uow, staff_id)
        row = _row(uow, form)
        if uow.catalog.product_ids_by_sku([row.sku]):
            raise InvalidInput(
                _("A product with SKU {sku} exists already: edit it, or choose another SKU.").format(sku=row.sku)
            )
        product_id = new_id()
        at = now_iso()
        _write(uow, product_id, row, at)
        uow.audit.append(
            till_id=till,
            staff_id=staff_id,
            action="catalog.product_added",
            subject=product_id,
            details={**_values(row), **_price_written(row.sku, None, row.price, at)},
        )
        uow.commit()
    return ProductSaved(product_id, row.sku)


def edit_product(product_id: str, form: ProductForm, staff_id: str, uow: UnitOfWork) -> ProductSaved:
    """Change a product; its SKU stays (sales, returns and the hub know it by it)."""
    with uow:
        till = _editable_till(uow, staff_id)
        before = _stored_row(uow, product_id)
        if form.sku.strip() != before.sku:
            raise InvalidInput(
                _("A product's SKU cannot change (it stays {sku}): add it as a new product.").format(sku=before.sku)
            )
        row = _row(uow, form)
        at = now_iso()
        _write(uow, product_id, row, at)
        changed: dict[str, object] = {
            field: [old, new]
            for field, old in _values(before).items()
            if (new := _values(row)[field]) != old and field != "price"
        }
        if changed:
            if before.price == row.price:
                # The product's row was written again: its price entry says which price that write left.
                changed.update(_price_written(row.sku, before.price, row.price, at))
            uow.audit.append(
                till_id=till, staff_id=staff_id, action="catalog.product_changed", subject=product_id, details=changed
            )
        if before.price != row.price:
            uow.audit.append(
                till_id=till,
                staff_id=staff_id,
                action="catalog.price_changed",
                subject=product_id,
                details={"sku": row.sku, **_price_written(row.sku, before.price, row.price, at)},
            )
        uow.commit()
    return ProductSaved(product_id, row.sku)


def _price_written(sku: str, before: int | None, after: int, at: str) -> dict[str, object]:
    """The price a write left on a product and when, as a catalog import records it: ``audit verify``
    checks that a product still as that write left it has that price (app/services/audit.py)."""
    return {PRICES_KEY: {sku: [before, after]}, "at": at}


def _editable_till(uow: UnitOfWork, staff_id: str) -> str:
    require(uow, staff_id, Permission.MANAGE_CATALOG)
    if uow.hub.link() is not None:
        raise RuleViolation(_(MARKETPLACE_CATALOG))
    return uow.tills.this_till().till_id


def _row(uow: UnitOfWork, form: ProductForm) -> CatalogRow:
    """The form read as one row of a catalog CSV; raises :class:`InvalidInput` with every problem."""
    event = uow.tills.event(uow.tills.this_till().event_id)
    if form.sku.strip().upper().startswith(CUSTOM_SKU_PREFIX):
        raise InvalidInput(
            _("SKUs starting with {CUSTOM_SKU_PREFIX} are kept for custom amounts: choose another.").format(
                CUSTOM_SKU_PREFIX=CUSTOM_SKU_PREFIX
            )
        )
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(_COLUMNS)
    values = asdict(form)
    writer.writerow([values[column].replace("\n", " ") for column in _COLUMNS])
    try:
        (row,) = parse_catalog_csv(text.getvalue(), event.currency, set(uow.catalog.tax_classes()))
    except CatalogRejected as rejected:
        raise InvalidInput(
            _("The product was not saved: {problems}.").format(
                problems="; ".join(problem.message for problem in rejected.problems)
            )
        ) from None
    owners = uow.catalog.barcode_owners(list(row.barcodes))
    taken = [
        _("{code} (on {sku})").format(code=code, sku=owners[code])
        for code in row.barcodes
        if code in owners and owners[code] != row.sku
    ]
    if taken:
        raise InvalidInput(
            _("The product was not saved: barcode {taken} already belongs to another product.").format(
                taken=", ".join(taken)
            )
        )
    return row


def _write(uow: UnitOfWork, product_id: str, row: CatalogRow, at: str) -> None:
    maker_ids = uow.catalog.maker_ids([row.maker])
    if row.maker not in maker_ids:
        maker = Maker(new_id(), row.maker)
        uow.catalog.add_maker(maker)
        maker_ids[row.maker] = maker.maker_id
    write = ProductWrite(
        product_id=product_id,
        sku=row.sku,
        name=row.name,
        variant=row.variant,
        maker_id=maker_ids[row.maker],
        tax_class=row.tax_class,
        price=row.price,
        category=row.category,
        barcodes=row.barcodes,
    )
    uow.catalog.upsert_products([write], at)


def _values(row: CatalogRow) -> dict[str, object]:
    return {
        "sku": row.sku,
        "name": row.name,
        "variant": row.variant,
        "maker": row.maker,
        "tax_class": row.tax_class,
        "price": row.price,
        "category": row.category,
        "barcodes": sorted(row.barcodes),
    }
