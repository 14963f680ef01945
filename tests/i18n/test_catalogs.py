"""French is complete and the compiled catalogs match their sources."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_french_catalog_has_every_string_translated():
    po = polib.pofile(str(LOCALE / "fr" / "LC_MESSAGES" / "django.po"))
    assert len(po) > 50
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def translation(entry) -> tuple:
    plurals = tuple(sorted((int(k), v) for k, v in entry.msgstr_plural.items()))
    return entry.msgid, entry.msgstr, plurals


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalog_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    source = {translation(e) for e in polib.pofile(str(folder / "django.po")) if e.translated()}
    compiled = {translation(e) for e in polib.mofile(str(folder / "django.mo")) if e.msgid}
    assert source == compiled, "run `make messages` to recompile the catalogs"
