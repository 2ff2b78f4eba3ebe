"""The desktop recipes: the bundle's spec, the Linux menu entry and the per-user installer."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"


def desktop_entry() -> configparser.SectionProxy:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(LINUX / "popup-pos.desktop", encoding="utf-8")
    return entry["Desktop Entry"]


def test_the_menu_entry_starts_popup_pos_with_its_icon() -> None:
    entry = desktop_entry()
    assert (entry["Type"], entry["Exec"], entry["Terminal"]) == ("Application", "popup-pos", "false")
    assert (ROOT / "resources" / "icons" / f"{entry['Icon']}.svg").is_file()
    assert (ROOT / "resources" / "icons" / f"{entry['Icon']}.png").is_file()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_desktop_file_validate_accepts_the_menu_entry() -> None:
    result = subprocess.run(["desktop-file-validate", str(LINUX / "popup-pos.desktop")], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout, result.stdout + result.stderr


def test_the_spec_ships_what_the_app_reads_at_run_time() -> None:
    spec = (ROOT / "packaging" / "popup-pos.spec").read_text()
    for folder in ("resources", "app/store/migrations", "sync/hub/migrations"):
        assert f'source_tree("{folder}")' in spec
    for data in ('collect_data_files("escpos")', 'collect_data_files("babel")'):
        assert data in spec
    # The PDF receipts' fonts travel with the bundle (Windows and macOS have no DejaVu).
    assert {path.name for path in (ROOT / "resources" / "fonts").glob("*.ttf")} == {
        "DejaVuSansMono.ttf",
        "DejaVuSansMono-Bold.ttf",
    }


def test_install_sh_installs_a_tarball_for_one_user(tmp_path: Path) -> None:
    unpacked = tmp_path / "popup-pos-0.1.0-linux-x86_64"
    (unpacked / "popup-pos").mkdir(parents=True)
    for program in ("popup-pos", "popup-hub"):
        (unpacked / "popup-pos" / program).write_text(f'#!/bin/sh\necho {program} "$@"\n')
        (unpacked / "popup-pos" / program).chmod(0o755)
    for name in ("install.sh", "popup-pos.desktop"):
        shutil.copy(LINUX / name, unpacked)
    for name in ("popup-pos.svg", "popup-pos.png"):
        shutil.copy(ROOT / "resources" / "icons" / name, unpacked)
    prefix = tmp_path / "home" / ".local"

    for _ in range(2):  # installing again (an update) works the same
        subprocess.run(
            ["sh", str(unpacked / "install.sh")], env={**os.environ, "PREFIX": str(prefix)}, check=True, timeout=30
        )

    ran = subprocess.run([str(prefix / "bin" / "popup-pos"), "--version"], capture_output=True, text=True, check=True)
    assert ran.stdout == "popup-pos --version\n"
    menu = (prefix / "share" / "applications" / "popup-pos.desktop").read_text()
    assert f"Exec={prefix}/opt/popup-pos/popup-pos\n" in menu
    assert (prefix / "share" / "icons" / "hicolor" / "scalable" / "apps" / "popup-pos.svg").is_file()
    assert (prefix / "bin" / "popup-hub").resolve() == prefix / "opt" / "popup-pos" / "popup-hub"
