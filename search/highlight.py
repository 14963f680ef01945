"""Snippets with the visitor's words marked, matched the French way (stems, no accents)."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import french

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
SNIPPET_WORDS = 32


def _query_stems(query: str) -> set[str]:
    return set(french.stems(query))


def _matches(word: str, stems: set[str]) -> bool:
    folded = french.fold(word)
    return folded not in french.STOP_WORDS and french.stem(folded) in stems


def highlight(text: str, query: str) -> SafeString:
    """``text`` escaped, with each word that matches a query word in ``<mark>``."""
    stems = _query_stems(query)
    parts, last = [], 0
    for match in TOKEN.finditer(text):
        if _matches(match.group(0), stems):
            parts += [escape(text[last : match.start()]), f"<mark>{escape(match.group(0))}</mark>"]
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # every piece was escaped above


def snippet(text: str, query: str, size: int = SNIPPET_WORDS) -> SafeString:
    """About ``size`` words of ``text`` around the first match, highlighted."""
    text = " ".join(text.split())
    stems = _query_stems(query)
    words = list(TOKEN.finditer(text))
    if not words:
        return mark_safe("")
    first = next((n for n, m in enumerate(words) if _matches(m.group(0), stems)), 0)
    begin = max(0, first - size // 3)
    end = min(len(words), begin + size)
    start_char = words[begin].start() if begin else 0
    end_char = words[end - 1].end() if end < len(words) else len(text)
    piece = highlight(text[start_char:end_char], query)
    prefix = "… " if begin else ""
    suffix = " …" if end < len(words) else ""
    return mark_safe(f"{prefix}{piece}{suffix}")  # highlight() escaped it
