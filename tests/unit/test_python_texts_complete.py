"""Every text the domain, the services, sync/ and the printed documents mark for translation has its German.

The messages are extracted from the code as ``make translations`` does (Babel, babel.cfg) into a
temporary .pot, then held against the committed catalog resources/i18n/python/de/LC_MESSAGES/popup_pos.po
and its compiled .mo. Run ``make translations`` after adding texts, then translate what it lists.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from app.domain import texts

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("de",)


def _extracted(tmp_path: Path) -> Catalog:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    catalog = Catalog(project="popup-pos")
    for file_name, line, message, comments, context in extract_from_dir(ROOT, method_map, options_map):
        catalog.add(message, None, [(file_name, line)], auto_comments=comments, context=context)
    pot = tmp_path / "popup_pos.pot"
    with pot.open("wb") as out:
        write_po(out, catalog)
    with pot.open("rb") as back:
        return read_po(back)


def _committed(language: str) -> Catalog:
    with (texts.CATALOGS / language / "LC_MESSAGES" / f"{texts.DOMAIN}.po").open("rb") as po:
        return read_po(po, locale=language)


def _forms(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, tuple) else (message.id,)


def _translations(message: Message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, tuple | list) else (message.string,)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _where(message: Message) -> str:
    return ", ".join(f"{file}:{line}" for file, line in message.locations[:2])


def _problems(extracted: Catalog, committed: Catalog) -> Iterator[str]:
    for message in extracted:
        if not message.id:
            continue
        translated = committed.get(message.id, message.context)
        if translated is None or translated.fuzzy or not all(_translations(translated)):
            yield f"no translation ({_where(message)}): {_forms(message)[0]!r}"
            continue
        wanted = set().union(*(_fields(form) for form in _forms(message)))
        for text in _translations(translated):
            if _fields(text) != wanted:
                yield f"placeholders {sorted(_fields(text))} instead of {sorted(wanted)}: {text!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_text_has_a_translation_with_the_same_placeholders(tmp_path: Path, language: str) -> None:
    extracted = _extracted(tmp_path)
    assert len(extracted) > 100, "the extraction found almost nothing: is babel.cfg still right?"
    problems = list(_problems(extracted, _committed(language)))
    assert not problems, f"{len(problems)} texts lack {language} (make translations, then translate):\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_the_committed_one(tmp_path: Path, language: str) -> None:
    """A .mo compiled before the .po's last change would ship the old translations."""
    folder = texts.CATALOGS / language / "LC_MESSAGES"
    fresh = tmp_path / "fresh.mo"
    with fresh.open("wb") as out:
        write_mo(out, _committed(language))
    assert (folder / f"{texts.DOMAIN}.mo").read_bytes() == fresh.read_bytes(), "run make translations"


def test_the_check_itself_reports_a_missing_text_and_a_changed_placeholder(tmp_path: Path) -> None:
    extracted = Catalog()
    extracted.add("Voucher {code} is not known.", locations=[("app/x.py", 1)])
    extracted.add("Till {code} is closed.", locations=[("app/x.py", 2)])
    committed = Catalog(locale="de")
    committed.add("Voucher {code} is not known.", "Gutschein {kode} ist unbekannt.")
    problems = list(_problems(extracted, committed))
    assert len(problems) == 2
    assert "placeholders ['kode'] instead of ['code']" in problems[0]
    assert problems[1].startswith("no translation (app/x.py:2)")
