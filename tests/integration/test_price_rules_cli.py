"""`popup-pos pricing`: a manager lists, adds and withdraws the event's price rules from the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.cli import main
from app.domain.price_rules import Bundle, Markdown
from app.store.price_rules import load_price_rules
from tests.conftest import DemoTill


def test_a_manager_adds_lists_and_withdraws_rules(
    demo: DemoTill, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = ["--data-dir", str(demo.till.data_dir)]
    window = ["--from", "2026-12-05 19:00", "--until", "2026-12-05 20:00"]

    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    markdown = ["pricing", "markdown", "Candles", "--category", "Candles", "--percent", "30", *window]
    assert main([*folder, *markdown, "--id", "md-candles", "--staff", "Alex"]) == 0
    assert "md-candles" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    bundle = ["pricing", "bundle", "Tapers", "--sku", "ATE-001", "--sku", "ATE-004", "--count", "2"]
    assert main([*folder, *bundle, "--price", "20.00", "--id", "b-tapers", "--staff", "Alex"]) == 0
    with demo.till.uow() as uow:
        rules = load_price_rules(uow.connection)
    assert [type(rule) for rule in rules] == [Bundle, Markdown]
    # The time typed without a zone is the event's local time.
    assert isinstance(rules[1], Markdown) and rules[1].starts_at.utcoffset() is not None

    capsys.readouterr()
    assert main([*folder, "pricing", "list"]) == 0
    listed = capsys.readouterr().out
    assert "b-tapers\tbundle\tTapers" in listed and "md-candles\tmarkdown\tCandles" in listed

    monkeypatch.setattr("sys.stdin", io.StringIO("1111\n"))
    assert main([*folder, *markdown, "--staff", "Sam"]) == 2  # a cashier may not
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    bad = ["pricing", "markdown", "X", "--category", "Candles", "--percent", "12.345", *window, "--staff", "Alex"]
    assert main([*folder, *bad]) == 2
    assert "12.5" in capsys.readouterr().err  # the reason says what a percentage looks like

    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    assert main([*folder, "pricing", "withdraw", "b-tapers", "--staff", "Alex"]) == 0
    with demo.till.uow() as uow:
        assert [rule.rule_id for rule in load_price_rules(uow.connection)] == ["md-candles"]
