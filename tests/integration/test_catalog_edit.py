"""A manager adds and edits products at the till: the import's rules, the audit trail, the sale after."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from app.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.catalog import find_product, search_products
from app.services.catalog_edit import (
    MARKETPLACE_CATALOG,
    ProductForm,
    add_product,
    catalog_editable,
    edit_product,
    product_form,
)
from app.services.quick_keys import quick_key_pages, remove_quick_key, set_quick_key
from app.services.selling import CompleteSale, complete_sale
from app.store.audit import AuditRepository
from tests.conftest import DemoTill

GLOGG = ProductForm("GLO-001", "Mulled wine", "Hall bar", "reduced", "4.50", "hot", "Drinks", "4006381333931")


def audit_entries(demo: DemoTill, prefix: str) -> list[tuple[str, dict[str, object]]]:
    with demo.till.uow() as uow:
        entries = list(AuditRepository(uow.connection).entries())
    return [(e.fields.action, json.loads(e.fields.details)) for e in entries if e.fields.action.startswith(prefix)]


def test_a_product_added_at_the_till_is_found_sold_and_audited(demo: DemoTill) -> None:
    saved = add_product(GLOGG, demo.manager, demo.till.uow())

    found = find_product("4006381333931", demo.till.uow())
    assert (found.item.product_id, found.item.name, found.item.maker_name, found.item.unit_price) == (
        saved.product_id,
        "Mulled wine",
        "Hall bar",
        450,
    )
    assert [p.item.sku for p in search_products("mulled", demo.till.uow())] == ["GLO-001"]
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, "GLO-001", demo.cashier, demo.till.uow())
    sale = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 500),)), demo.till.uow())
    assert sale.total == 450
    ((action, details),) = audit_entries(demo, "catalog.product")
    assert action == "catalog.product_added"
    assert details["price"] == 450 and details["maker"] == "Hall bar" and details["barcodes"] == ["4006381333931"]


def test_editing_changes_only_what_changed_and_audits_the_price_apart(demo: DemoTill) -> None:
    saved = add_product(GLOGG, demo.manager, demo.till.uow())
    form = product_form(saved.product_id, demo.till.uow())
    assert form == replace(GLOGG, price="4.50")

    edit_product(
        saved.product_id, replace(form, price="5", barcodes="GLOGG-1 4006381333931"), demo.manager, demo.till.uow()
    )

    assert find_product("GLOGG-1", demo.till.uow()).item.unit_price == 500
    entries = audit_entries(demo, "catalog.")
    assert [action for action, _ in entries][-2:] == ["catalog.product_changed", "catalog.price_changed"]
    assert entries[-2][1] == {"barcodes": [["4006381333931"], ["4006381333931", "GLOGG-1"]]}
    assert entries[-1][1]["prices"] == {"GLO-001": [450, 500]}


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (replace(GLOGG, barcodes="4006381333932"), "wrong check digit"),
        (replace(GLOGG, price="4.505"), "more than 2 decimals"),
        (replace(GLOGG, price="-1"), "cannot be negative"),
        (replace(GLOGG, tax_class="luxury"), "unknown tax class"),
        (replace(GLOGG, name=" "), "name is empty"),
        (replace(GLOGG, sku="bad sku!"), "bad sku"),
        (replace(GLOGG, sku="CUSTOM-AMOUNT.standard"), "kept for custom amounts"),
        (replace(GLOGG, barcodes="2000000000015"), "already belongs to another product"),  # the demo's candle
        (replace(GLOGG, sku="ATE-001"), "exists already"),
    ],
)
def test_the_import_rules_refuse_a_bad_form_and_nothing_is_written(
    demo: DemoTill, form: ProductForm, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        add_product(form, demo.manager, demo.till.uow())
    assert search_products("mulled", demo.till.uow()) == []
    assert audit_entries(demo, "catalog.product") == []


def test_a_sku_never_changes_and_a_cashier_cannot_edit(demo: DemoTill) -> None:
    saved = add_product(GLOGG, demo.manager, demo.till.uow())
    with pytest.raises(InvalidInput, match="cannot change"):
        edit_product(saved.product_id, replace(GLOGG, sku="GLO-002"), demo.manager, demo.till.uow())
    with pytest.raises(PermissionDenied):
        add_product(replace(GLOGG, sku="GLO-003", barcodes=""), demo.cashier, demo.till.uow())
    with pytest.raises(PermissionDenied):
        set_quick_key(saved.product_id, "Drinks", 1, "red", demo.cashier, demo.till.uow())


def test_a_manager_places_orders_and_colours_quick_keys(demo: DemoTill) -> None:
    saved = add_product(replace(GLOGG, barcodes=""), demo.manager, demo.till.uow())
    set_quick_key(saved.product_id, "Drinks", 1, "orange", demo.manager, demo.till.uow())
    mug = find_product("BER-003", demo.till.uow()).item.product_id  # a barcoded product gets a key too
    set_quick_key(mug, "Drinks", 2, "blue", demo.manager, demo.till.uow())

    pages = {page.name: page for page in quick_key_pages(demo.till.uow())}
    placed = [(key.label, key.colour, key.position) for key in pages["Drinks"].keys if key.placed]
    assert placed == [("Mulled wine hot", "orange", 1), ("Mug speckled", "blue", 2)]

    set_quick_key(mug, "Drinks", 1, "green", demo.manager, demo.till.uow())
    set_quick_key(saved.product_id, "Drinks", 2, "orange", demo.manager, demo.till.uow())
    pages = {page.name: page for page in quick_key_pages(demo.till.uow())}
    assert [key.label for key in pages["Drinks"].keys][:2] == ["Mug speckled", "Mulled wine hot"]
    (_, last) = audit_entries(demo, "catalog.quick_key")[-1]
    assert last["before"] == ["Drinks", 1, "orange"] and last["position"] == 2

    with pytest.raises(InvalidInput, match="not a key colour"):
        set_quick_key(mug, "Drinks", 1, "chartreuse", demo.manager, demo.till.uow())
    remove_quick_key(mug, demo.manager, demo.till.uow())
    pages = {page.name: page for page in quick_key_pages(demo.till.uow())}
    assert "Mug speckled" not in [key.label for key in pages["Drinks"].keys]


def test_an_enrolled_till_refuses_catalog_edits_but_keeps_quick_keys(demo: DemoTill) -> None:
    with demo.till.uow() as uow:
        uow.hub.save_link("http://127.0.0.1:9", "token")
        uow.commit()
    assert not catalog_editable(demo.till.uow())
    with pytest.raises(RuleViolation, match=MARKETPLACE_CATALOG):
        add_product(GLOGG, demo.manager, demo.till.uow())
    mug = find_product("BER-003", demo.till.uow()).item.product_id
    with pytest.raises(RuleViolation, match=MARKETPLACE_CATALOG):
        edit_product(mug, product_form(mug, demo.till.uow()), demo.manager, demo.till.uow())
    set_quick_key(mug, "Mugs", 1, "blue", demo.manager, demo.till.uow())
    assert any(page.name == "Mugs" for page in quick_key_pages(demo.till.uow()))
