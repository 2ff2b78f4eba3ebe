"""``popup-pos catalog``: import and look up products."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.bootstrap import Till
from app.cli.terminal import ProgressLine
from app.domain.errors import InvalidInput
from app.services.catalog import find_product, import_catalog, search_products
from app.services.setup import till_status


def cmd_import(args: argparse.Namespace, till: Till) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"Cannot read {path}: {error.strerror}. Check the file name.") from None
    with ProgressLine("rows") as progress:
        result = import_catalog(data, None, till.uow(), progress)
    print(f"Catalog imported: {result.created} new, {result.updated} updated, {result.makers_created} new maker(s).")
    if result.warnings:
        print(
            f"Warning: {len(result.warnings)} cell(s) start like a spreadsheet formula. They were imported as "
            "typed, and the CSV exports write them as text; rename them in the catalog if that was not meant:"
        )
        for warning in result.warnings:
            print(f"  {warning}")
    return 0


def cmd_lookup(args: argparse.Namespace, till: Till) -> int:
    product = find_product(args.code, till.uow())
    status = till_status(till.uow())
    item = product.item
    print(f"{item.sku}  {item.name} {item.variant}  {status.event.format(item.unit_price)}  ({item.maker_name})")
    return 0


def cmd_search(args: argparse.Namespace, till: Till) -> int:
    status = till_status(till.uow())
    for product in search_products(args.text, till.uow()):
        item = product.item
        print(f"{item.sku:12} {item.name} {item.variant}".ljust(60) + status.event.format(item.unit_price))
    return 0
