"""The catalog rules the till and the hub share, checked against the shared bad files and on their own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.catalog_rows import (
    BadValue,
    CatalogRejected,
    CatalogRow,
    LineMessage,
    decode_csv,
    formula_warnings,
    normalize_code,
    parse_catalog_csv,
    parse_minor,
    read_catalog_csv,
)

BAD_FILES = Path(__file__).resolve().parents[2] / "data" / "catalog_bad"
EXPECTED: dict[str, list[list[int | str]]] = json.loads((BAD_FILES / "expected.json").read_text(encoding="utf-8"))
CURRENCY = "CHF"
TAX = {"standard", "reduced"}
HEADER = "sku,name,variant,maker,tax_class,price,barcodes\n"


def problems_of(data: bytes) -> list[list[int | str]]:
    with pytest.raises(CatalogRejected) as caught:
        read_catalog_csv(data, CURRENCY, TAX)
    return [list(problem) for problem in caught.value.problems]


def test_every_bad_file_has_its_expected_problems_and_no_other() -> None:
    assert sorted(path.name for path in BAD_FILES.glob("*.csv")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_is_refused_with_exactly_the_expected_lines_and_messages(name: str) -> None:
    assert problems_of((BAD_FILES / name).read_bytes()) == EXPECTED[name]


def test_the_far_bad_byte_is_the_only_problem_of_its_long_file() -> None:
    data = (BAD_FILES / "not_utf8_far_in.csv").read_bytes()
    assert data.count(b"\n") > 1000
    fixed = data.replace(b"\xe9", "é".encode())
    rows = read_catalog_csv(fixed, CURRENCY, TAX)
    assert len(rows) == data.count(b"\n") - 1
    assert next(row for row in rows if row.line == 1234).name == "Crème Café au lait"


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"\xff\xfes\x00k\x00u\x00", 1, 1),  # saved as UTF-16 ("Unicode text")
        (b"\xef\xbb\xbfsku,name\nA,Caf\xe9\n", 2, 6),  # a BOM is no column
        ("sku,name\r\nA,Crème ".encode() + b"\xe9\r\n", 2, 9),  # è is one column, though two bytes
        (b"a\rb\r\nc\nd\re,\xe9", 5, 3),  # CR, CRLF and LF each end one line
        ('sku,name\nA,"one\ntwo \xe9"\n'.encode("latin-1"), 3, 5),  # inside a quoted cell: the file's line
    ],
)
def test_a_byte_that_is_not_utf8_is_placed_by_line_and_column_in_characters(
    data: bytes, line: int, column: int
) -> None:
    with pytest.raises(CatalogRejected) as caught:
        decode_csv(data)
    [problem] = caught.value.problems
    assert problem.line == line
    assert f" in column {column} is not UTF-8" in problem.message
    assert problem.message.endswith("save it as 'CSV UTF-8' and import again")


def test_the_text_around_a_bad_byte_is_shown_on_its_own_line_only() -> None:
    data = b"sku,name,maker\nMUG-01,Tasse Caf\xe9 cr\xc3\xa8me et lait,Atelier Lumi\xe8re\nnext line\n"
    with pytest.raises(CatalogRejected) as caught:
        decode_csv(data)
    assert caught.value.problems == [
        LineMessage(
            2,
            'the byte 0xE9 in column 17 is not UTF-8 (near "...01,Tasse Caf? crème et la..."): '
            "save it as 'CSV UTF-8' and import again",
        )
    ]
    with pytest.raises(CatalogRejected, match=r'near "A,B\?"'):
        decode_csv(b"A,B\xe9\nC\n")


LINE_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\r\n\ufeff"), max_size=30)


@given(
    st.lists(LINE_TEXT, min_size=1, max_size=8),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.data(),
)
def test_the_line_and_column_named_are_where_the_bad_byte_is(
    lines: list[str], newline: str, data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(lines) - 1))
    column = data.draw(st.integers(0, len(lines[index])))
    text = newline.join(lines)
    at = len(newline.join([*lines[:index], ""])) + column
    with pytest.raises(CatalogRejected) as caught:
        decode_csv(text[:at].encode() + b"\xff" + text[at:].encode())
    [problem] = caught.value.problems
    assert problem.line == index + 1
    assert f"the byte 0xFF in column {column + 1} is not UTF-8" in problem.message


def test_the_shared_rules_raise_their_own_errors_with_the_messages_people_read() -> None:
    with pytest.raises(BadValue, match="wrong check digit"):
        normalize_code("4006381333932")
    with pytest.raises(BadValue, match="is not an amount"):
        parse_minor("1e3", CURRENCY)
    assert (normalize_code("036000291452"), parse_minor("12,50", CURRENCY), parse_minor("1500", "JPY")) == (
        "0036000291452",
        1250,
        1500,
    )


def test_a_refusal_reads_as_a_list_of_lines() -> None:
    error = CatalogRejected([LineMessage(3, "name is empty"), LineMessage(5, "sku is empty")])
    assert str(error) == (
        "The catalog was not imported: 2 problem(s). Fix them and import again.\n"
        "  line 3: name is empty\n"
        "  line 5: sku is empty"
    )


def test_the_tax_classes_may_be_any_collection() -> None:
    text = HEADER + "A-1,Mug,,M,standard,1.00,\n"
    assert parse_catalog_csv(text, CURRENCY, ["standard"]) == parse_catalog_csv(text, CURRENCY, frozenset(TAX))


def row(line: int, name: str = "Mug", variant: str = "", maker: str = "Atelier", category: str = "") -> CatalogRow:
    return CatalogRow(line, f"A-{line}", name, variant, maker, "standard", 100, category, ())


def test_cells_a_spreadsheet_would_run_as_formulas_are_warned_about() -> None:
    rows = [
        row(2),
        row(3, name='=HYPERLINK("http://x")'),
        row(4, variant="+41 blue", maker="@maker"),
        row(5, category="-sale"),
        row(6, name="\tTab"),
        row(7, maker="\rCR"),
        row(8, name="Mug = Cup", variant="1+1"),
    ]
    assert formula_warnings(rows) == [
        (3, "the name starts with '=' — a spreadsheet would run it as a formula"),
        (4, "the variant starts with '+' — a spreadsheet would run it as a formula"),
        (4, "the maker starts with '@' — a spreadsheet would run it as a formula"),
        (5, "the category starts with '-' — a spreadsheet would run it as a formula"),
        (6, "the name starts with a tab — a spreadsheet would run it as a formula"),
        (7, "the maker starts with a carriage return — a spreadsheet would run it as a formula"),
    ]


def test_a_formula_in_a_file_is_a_warning_on_its_line_never_a_refusal() -> None:
    text = HEADER + "A-1,Mug,,M,standard,1.00,\n" + 'A-2,"=1+2",,M,standard,1.00,\n'
    rows = parse_catalog_csv(text, CURRENCY, TAX)
    assert len(rows) == 2
    assert [str(warning) for warning in formula_warnings(rows)] == [
        "line 3: the name starts with '=' — a spreadsheet would run it as a formula"
    ]
