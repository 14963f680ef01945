import re

# Words as a visitor types them; everything else (quotes, brackets, operators such as AND or
# NEAR, stray punctuation) is dropped, because SQLite FTS5 reads those as query syntax and
# fails on an unbalanced quote or bracket.
WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 32


def plain_terms(text: str) -> str:
    """The visitor's words, lowercased and separated by single spaces."""
    words = [match.group(0).lower() for match in WORD.finditer(text)]
    return " ".join(words[:MAX_TERMS])
