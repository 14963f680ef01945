"""Refresh the catalogs and fill French from ``locale/pending/*.json``, then compile.

Usage: .venv/bin/python tools/i18n_merge.py

Each pending file maps an msgid to its French text (or, for plural strings, to
``[singular, plural]``). Existing translations are kept; an empty or fuzzy French entry takes
its pending text. What is still missing is printed and the exit status is 1.
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
PYTHON = sys.executable


def pending_translations() -> dict:
    merged = {}
    for path in sorted((LOCALE / "pending").glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def main() -> int:
    ignore = []
    for pattern in (".venv/*", "node_modules/*", "tools/*", "var/*"):
        ignore += ["--ignore", pattern]
    subprocess.run(
        [PYTHON, "manage.py", "makemessages", "--locale", "fr", "--locale", "en", "--no-obsolete"]
        + ignore,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    pending = pending_translations()
    po_path = LOCALE / "fr" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        needs = entry.fuzzy or not entry.translated()
        if not needs:
            continue
        text = pending.get(entry.msgid)
        if text is None:
            missing.append(entry.msgid)
            continue
        if entry.msgid_plural:
            singular, plural = text if isinstance(text, list) else (text, text)
            entry.msgstr_plural = {0: singular, 1: plural}
        else:
            entry.msgstr = text[0] if isinstance(text, list) else text
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
    po.save(str(po_path))
    subprocess.run(
        [PYTHON, "manage.py", "compilemessages", "--ignore", ".venv/*", "--ignore", "node_modules/*"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    for msgid in missing:
        print(f"no French yet: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
