"""``popup-pos --version`` and ``popup-pos --self-test``, as an installed till runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import app.self_test
from app import __version__
from app.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_version_prints_the_program_and_its_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"popup-pos {__version__}\n"


def test_the_self_test_passes_every_check_headless(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        # A home of its own: the self-test must leave the user's data folder alone.
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [
        ["ok", "store"],
        ["ok", "demo"],
        ["ok", "sale"],
        ["ok", "escpos"],
        ["ok", "pdf"],
        ["ok", "screens"],
    ]
    assert "A-000001" in lines[2]
    assert "xcb" in lines[5] and "offscreen" in lines[5]
    assert list(tmp_path.iterdir()) == []


def test_a_failing_check_names_the_problem_and_stops(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As if the bundle had lost the demo catalog's barcodes: the sale cannot be rung up.
    monkeypatch.setattr(app.self_test, "SELF_TEST_ITEM", "9999999999994")

    assert main(["--self-test"]) == 1

    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in lines] == [["ok", "store"], ["ok", "demo"], ["FAIL", "sale"]]
    assert "9999999999994" in lines[-1]
