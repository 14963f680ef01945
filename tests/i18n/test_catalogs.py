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


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalog_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    source = {(e.msgid, e.msgstr) for e in polib.pofile(str(folder / "django.po")) if e.msgstr}
    compiled = {(e.msgid, e.msgstr) for e in polib.mofile(str(folder / "django.mo")) if e.msgid}
    assert source == compiled, "run `make messages` to recompile the catalogs"
