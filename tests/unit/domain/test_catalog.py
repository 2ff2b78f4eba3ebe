from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


def test_a_bad_row_with_a_multi_line_cell_is_reported_where_it_starts() -> None:
    text = (
        HEADER
        + 'A-1,"Mug\nwith a\nlong name",,M,standard,x,\n'  # lines 2-4
        + "\n"  # line 5, blank
        + 'A-2,"Bowl\r\nlarge",,M,standard,y,\n'  # lines 6-7
        + "A-3,Plate,,M,standard,z,\n"  # line 8
    )
    assert [line for line, _ in errors_of(text)] == [2, 6, 8]


def test_a_quote_left_open_is_reported_on_its_own_line() -> None:
    text = HEADER + "A-1,Mug,,M,standard,1.00,\n" + 'A-2,"Bowl,,M,standard,1.00,\n' + "A-3,Plate,,M,standard,1.00,\n"
    assert {line for line, _ in errors_of(text)} == {3}


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_any_line_end_convention_reads_the_same(newline: str) -> None:
    text = (HEADER + "A-1,Mug,,M,standard,1.00,\nA-2,Bowl,,M,standard,x,\n").replace("\n", newline)
    assert errors_of(text) == [(3, "bad price: 'x' is not an amount: type digits such as 12.50.")]
    good = (HEADER + "A-1,Mug,,M,standard,1.00,\nA-2,Bowl,,M,standard,2.00,\n").replace("\n", newline)
    assert [(row.line, row.sku) for row in parse_catalog_csv(good, "EUR", TAX)] == [(2, "A-1"), (3, "A-2")]


def test_a_cell_too_long_to_be_csv_is_a_message_not_a_crash() -> None:
    text = HEADER + "A-1,Mug,,M,standard,1.00,\n" + "A-2," + "x" * 200_000 + ",,M,standard,1.00,\n"
    [(line, message)] = errors_of(text)
    assert line == 3
    assert "cannot be read from here on" in message


def test_a_file_with_nothing_in_it_says_so() -> None:
    assert errors_of("") == [
        (1, "the file is empty: it needs a header (sku, name, maker, tax_class, price) and product rows")
    ]
    assert errors_of("\n\n") == errors_of("")


def test_negative_and_absurd_prices_are_refused() -> None:
    found = dict(errors_of(HEADER + "A-1,Mug,,M,standard,-1.00,\nA-2,Bowl,,M,standard,1e30,\n"))
    assert "a price cannot be negative" in found[2]
    assert "is not an amount" in found[3]


def test_the_same_barcode_twice_on_one_row_is_reported() -> None:
    assert errors_of(HEADER + "A-1,Mug,,M,standard,1.00,96385074 96385074\n") == [
        (2, "duplicate barcode 96385074 (also on line 2)")
    ]


def test_header_names_are_read_loosely_and_columns_in_any_order() -> None:
    text = " Price ,SKU,Tax_Class,Name,Maker,Barcodes\n4.50,A-1,reduced,Jam,Gärtnerei,036000291452|96385074\n"
    [row] = parse_catalog_csv(text, "EUR", TAX)
    assert (row.sku, row.price, row.tax_class, row.barcodes) == ("A-1", 450, "reduced", ("0036000291452", "96385074"))


def test_blank_rows_are_skipped_and_short_rows_read_as_empty_cells() -> None:
    rows = parse_catalog_csv(HEADER + "\n,,,,,,\nA-1,Mug,,M,standard,1.00\n", "EUR", TAX)
    assert [(row.line, row.variant, row.barcodes) for row in rows] == [(4, "", ())]


CSV_PIECES = ["a", "M", ",", '"', "\n", "\r", "\r\n", " ", "x", "1.00", "-2", "standard", "A-1", "96385074", "\ufeff"]


@given(st.lists(st.sampled_from(CSV_PIECES), max_size=40).map("".join))
def test_any_text_imports_or_explains_itself_with_real_line_numbers(body: str) -> None:
    text = HEADER + body
    try:
        rows = parse_catalog_csv(text, "EUR", TAX)
    except CatalogImportError as error:
        assert error.errors
        lines = len(io.StringIO(text, newline="").readlines())
        assert all(1 <= problem.line <= lines for problem in error.errors)
    else:
        assert all(row.sku and row.name and row.maker for row in rows)


def test_semicolons_between_cells_are_read_as_european_excel_writes_them() -> None:
    text = "sku;name;maker;tax_class;price\nA-1;Jam, apricot;Gärtnerei;reduced;4,50\nA-2;Tea;Gärtnerei;reduced;x\n"
    assert errors_of(text) == [(3, "bad price: 'x' is not an amount: type digits such as 12.50.")]
    rows = parse_catalog_csv(text.replace(";x", ";5"), "EUR", TAX)
    assert [(row.name, row.price) for row in rows] == [("Jam, apricot", 450), ("Tea", 500)]
