"""Every screen text has its German, and the compiled .qm is the .ts of the repository.

lupdate reads the screens (app/ui/**/*.py, as `make translations` does) into a copy
of the committed popup_pos_de.ts: a text added to a screen without its German
shows up there as unfinished, whatever the committed file says.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "popup_pos_de.ts"
QM = TS.with_suffix(".qm")
# The Qt tools installed with PySide6 sit beside the interpreter (not resolved: a venv's python is a symlink).
QT_TOOLS = Path(sys.executable).parent
SCREENS = sorted((ROOT / "app" / "ui").glob("**/*.py"))

# {0} for str.format, %1 (or %L1) for QString.arg, %n for the count of a plural (numerus) text.
PLACE_MARKER = re.compile(r"\{\d+\}|%L?\d+|%n")


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    where: str
    finished: bool
    forms: tuple[str, ...]  # one text, or one per plural form
    numerus: bool

    def __str__(self) -> str:
        return f"{self.where} [{self.context}] {self.source!r}"


def _tool(name: str) -> str:
    tool = QT_TOOLS / name
    if not tool.exists():
        pytest.fail(f"{tool} is missing: install the project's dependencies (make test does)")
    return str(tool)


def _run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}"


def _where(message: ET.Element, ts_folder: Path) -> str:
    location = message.find("location")
    if location is None:
        return "?"
    path = (ts_folder / location.get("filename", "")).resolve()
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return f"{shown}:{location.get('line', '?')}"


def _entries(ts: Path) -> list[Entry]:
    entries = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"[{name}] {message.findtext('source')!r} has no <translation>"
            kind = translation.get("type")
            if kind in ("vanished", "obsolete"):
                continue  # no longer in any screen
            numerus = message.get("numerus") == "yes"
            if numerus:
                forms = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            entries.append(
                Entry(
                    context=name,
                    source=message.findtext("source", ""),
                    where=_where(message, ts.parent),
                    finished=kind is None and bool(forms) and all(form.strip() for form in forms),
                    forms=forms,
                    numerus=numerus,
                )
            )
    return entries


@pytest.fixture(scope="module")
def screen_texts(tmp_path_factory: pytest.TempPathFactory) -> list[Entry]:
    """The committed German, refreshed by lupdate from the screens as they are now (in a copy)."""
    copy = tmp_path_factory.mktemp("i18n") / TS.name
    shutil.copyfile(TS, copy)
    _run(_tool("pyside6-lupdate"), *(str(screen) for screen in SCREENS), "-ts", str(copy))
    return _entries(copy)


def test_every_screen_text_has_a_finished_german_translation(screen_texts: list[Entry]) -> None:
    assert len(screen_texts) > 100, "lupdate found almost no texts in app/ui: is the tool working?"
    missing = [entry for entry in screen_texts if not entry.finished]
    if missing:
        pytest.fail(
            f"{len(missing)} screen text(s) without a finished German translation "
            f"(run make translations, then translate the unfinished entries of {TS.relative_to(ROOT)}):\n"
            + "\n".join(f"  {entry}" for entry in missing),
            pytrace=False,
        )


def _has_accelerator(text: str) -> bool:
    """An & before a character marks the key of a menu or button; && is a literal ampersand."""
    return re.search(r"&\S", text.replace("&&", "")) is not None


def _marker_problems(entry: Entry) -> list[str]:
    problems = []
    wanted = set(PLACE_MARKER.findall(entry.source))
    for index, form in enumerate(entry.forms):
        found = set(PLACE_MARKER.findall(form))
        # German's singular may say "ein" instead of the count: only the plural must show %n.
        expected = wanted - {"%n"} if entry.numerus and index == 0 else wanted
        if not expected <= found or found - wanted:
            problems.append(f"place markers {sorted(found)} instead of {sorted(wanted)} in {form!r}")
        if _has_accelerator(entry.source) != _has_accelerator(form):
            problems.append(f"keyboard accelerator (&) kept or added wrongly in {form!r}")
        # A text glued to another (" · {0} need attention") keeps its spaces.
        for side, strip in (("leading", str.lstrip), ("trailing", str.rstrip)):
            if (strip(entry.source) == entry.source) != (strip(form) == form):
                problems.append(f"{side} whitespace differs in {form!r}")
    return problems


def test_german_keeps_the_place_markers_accelerators_and_spacing(screen_texts: list[Entry]) -> None:
    wrong = [f"  {entry}: {problem}" for entry in screen_texts if entry.finished for problem in _marker_problems(entry)]
    if wrong:
        pytest.fail(f"{len(wrong)} German text(s) do not fit their source:\n" + "\n".join(wrong), pytrace=False)


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    compiled = tmp_path / QM.name
    _run(_tool("pyside6-lrelease"), str(TS), "-qm", str(compiled))
    assert QM.exists(), f"{QM.relative_to(ROOT)} is missing: run make translations"
    assert compiled.read_bytes() == QM.read_bytes(), (
        f"{QM.relative_to(ROOT)} is not compiled from {TS.relative_to(ROOT)}: run make translations"
    )
