"""French text analysis for the embedded SQLite index: the same steps as the OpenSearch analyzer.

Elisions are cut (*l'évaluation* → *évaluation*), text is lowercased and folded to ASCII
(*pédagogique* → *pedagogique*), then stemmed with Snowball's French stemmer (*évaluations*,
*évaluer* → *evalu*). Folding comes before stemming so that a word typed with or without its
accents always gives the same stem.
"""

import re
import unicodedata
from collections.abc import Set
from functools import lru_cache

import snowballstemmer

# Letters and digits; apostrophes (straight or typographic) split words, as in OpenSearch.
WORD = re.compile(r"[^\W_]+", re.UNICODE)
ELIDED = frozenset({"l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu",
                    "puisqu"})  # fmt: skip
# Snowball's French stop words (the list PostgreSQL and Lucene use), folded.
STOP_WORDS = frozenset(
    """
    a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions
    aurons auront aux avaient avais avait avec avez aviez avions avons ayant ayante ayantes
    ayants ayez ayons c ce ces d dans de des du elle en es est et etaient etais etait etant
    etante etantes etants ete etee etees etes etiez etions eu eue eues eumes eurent eus eusse
    eussent eusses eussiez eussions eut eutes eux fumes furent fus fusse fussent fusses fussiez
    fussions fut futes il j je l la le leur lui m ma mais me meme mes moi mon n ne nos notre
    nous on ont ou par pas pour qu que qui s sa se sera serai seraient serais serait seras
    serez seriez serions serons seront ses soient sois soit sommes son sont soyez soyons suis
    sur t ta te tes toi ton tu un une vos votre vous y
    """.split()  # noqa: SIM905
)
_stemmer = snowballstemmer.stemmer("french")


def fold(text: str) -> str:
    """Lowercase ASCII-folded text: ``Élève`` → ``eleve``; ``œ`` → ``oe``."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """Folded words without elided articles, in order."""
    return [word for word in WORD.findall(fold(text)) if word not in ELIDED]


def content_words(text: str) -> list[str]:
    """Folded words without elided articles and stop words (*de*, *les*, *est*...)."""
    return [word for word in words(text) if word not in STOP_WORDS]


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Snowball French stem of one folded word."""
    return _stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    return [stem(word) for word in content_words(text)]


def stemmed_text(text: str) -> str:
    """What the SQLite index stores for full-text fields: stems separated by spaces."""
    return " ".join(stems(text))


def folded_text(text: str) -> str:
    """What the SQLite index stores for autocomplete fields: whole folded words."""
    return " ".join(words(text))


def light_stem(word: str) -> str:
    """A folded word with its plural mark removed (*collections* → *collection*), nothing more.

    Snowball cuts deeper (*collection* and *collectif* both give *collect*), which finds more
    but cannot tell them apart; this lighter form can.
    """
    if len(word) > 3 and word[-1] in "sx" and word[-2] not in "sx":
        return word[:-1]
    return word


def light_stems(text: str) -> set[str]:
    return {light_stem(word) for word in content_words(text)}


def closeness(query: str, text: str, known: Set[str] = frozenset()) -> float:
    """The share of the query's words that ``text`` has as typed, plurals aside (0 to 1).

    ``known``: words (``light_stems``) of more text, worked out once beforehand.
    """
    wanted = light_stems(query)
    if not wanted:
        return 0.0
    return len(wanted & (light_stems(text) | known)) / len(wanted)
