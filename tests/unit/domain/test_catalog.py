from __future__ import annotations

import pytest

from app.domain.catalog import CatalogImportError, decode_csv, parse_catalog_csv

TAX = {"standard", "reduced"}
HEADER = "sku,name,variant,maker,tax_class,price,barcodes\n"


def errors_of(text: str) -> list[tuple[int, str]]:
    with pytest.raises(CatalogImportError) as caught:
        parse_catalog_csv(text, "EUR", TAX)
    return [(error.line, error.message) for error in caught.value.errors]


def test_good_rows_are_read() -> None:
    rows = parse_catalog_csv(
        HEADER + "MUG-1,Mug,blue,Bergkeramik,standard,32.00,4006381333931 036000291452\n", "EUR", TAX
    )
    assert len(rows) == 1
    assert rows[0].price == 3200
    assert rows[0].barcodes == ("4006381333931", "0036000291452")


def test_every_bad_row_is_reported_with_its_line_and_reason() -> None:
    text = (
        HEADER
        + "A-1,Good,,M,standard,1.00,\n"  # line 2
        + "A-2,Bad price,,M,standard,1.234,\n"  # line 3
        + "A-3,Bad tax,,M,luxury,1.00,\n"  # line 4
        + "A-4,Bad digit,,M,standard,1.00,4006381333932\n"  # line 5
        + "A-5,Dup code,,M,standard,1.00,96385074\n"  # line 6
        + "A-6,Dup code again,,M,standard,1.00,96385074\n"  # line 7
        + "A-1,Dup sku,,M,standard,1.00,\n"  # line 8
        + ",No sku,,M,standard,abc,\n"  # line 9
    )
    found = errors_of(text)
    lines = {line for line, _ in found}
    assert lines == {3, 4, 5, 7, 8, 9}
    messages = dict(found)
    assert "bad price" in messages[3]
    assert "unknown tax class 'luxury'" in messages[4]
    assert "check digit" in messages[5]
    assert "duplicate barcode 96385074 (also on line 6)" in messages[7]
    assert "already on line 2" in messages[8]
    assert [message for line, message in found if line == 9] == [
        "sku is empty",
        "bad price: 'abc' is not an amount: type digits such as 12.50.",
    ]


def test_a_missing_column_is_reported_on_the_header_line() -> None:
    assert errors_of("sku,name,maker,price\nA,B,C,1\n") == [
        (1, "missing column(s): tax_class (the header needs sku, name, maker, tax_class, price)")
    ]


def test_multi_line_cells_keep_the_right_line_numbers() -> None:
    text = HEADER + 'A-1,"Mug\nwith a long name",,M,standard,1.00,\n' + "A-2,Bad,,M,standard,x,\n"
    assert [line for line, _ in errors_of(text)] == [4]


def test_a_utf8_bom_is_accepted_and_other_encodings_are_explained() -> None:
    text = decode_csv(("\ufeff" + HEADER + "A-1,Crème,,Atelier Lumière,standard,1.00,\n").encode())
    assert parse_catalog_csv(text, "EUR", TAX)[0].maker == "Atelier Lumière"
    with pytest.raises(CatalogImportError, match="not UTF-8"):
        decode_csv("Crème".encode("latin-1"))


def test_an_empty_file_imports_nothing_and_says_so() -> None:
    assert errors_of(HEADER) == [(1, "the file has no product rows")]


def test_a_stray_comma_is_reported() -> None:
    assert "more cells than columns" in errors_of(HEADER + "A-1,Mug,,M,standard,1.00,,extra\n")[0][1]
