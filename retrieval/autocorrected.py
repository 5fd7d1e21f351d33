"""A name's word that a phone's autocorrect turned into an English word, read back as the name.

Typed on a phone, "To Lam" comes out as "to lamb", "Huu Nghi" as "huh nghi", "Lang Son" as
"lang song": the keyboard replaces a word it does not know with the nearest one it does. The
result is a real English word, so the speller leaves it alone (a real word the articles lack
is most often the question's own topic: "cure", "long"), and the question reads as one about
a lamb. What gives the slip away is its neighbour: the other word of the name is still there.
So a word the index lacks, one letter from a word of a name that the passages the rest of
the question finds write, and standing beside that name's other word as the name has it, is
read as the name's word. A word that stands beside none ("Long An", "Son La", "Hue") is left
as typed: a place the articles lack stays one they lack.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import pairwise

from rapidfuzz.distance import DamerauLevenshtein

from retrieval.analyzer import fold
from retrieval.initials import NAME
from retrieval.phrases import POSSESSIVE, PUNCTUATION

_MIN_LENGTH = 3  # "to" is no slip of "Lo"
_WORD = re.compile(r"\S+")


def name_pairs(texts: Iterable[str]) -> Counter[tuple[str, str]]:
    """Neighbouring words of the names the texts write ("To Lam" -> ("to", "lam")), folded,
    with how often each pair is written."""
    pairs: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for match in NAME.finditer(text):
            words = [fold(POSSESSIVE.sub("", word)) for word in match.group().split(" ")]
            pairs.update(pairwise(words))
    return pairs


def restore_names(question: str, lacking: Callable[[str], bool], texts: Iterable[str]) -> str:
    """The question with each word the index lacks (`lacking`, given a folded word) that is
    one slip from a name's word, beside that name's other word, written as the name's word;
    as typed when it has none."""
    spans = [(m.start(), m.end(), fold(m.group().strip(PUNCTUATION)))
             for m in _WORD.finditer(question)]
    pairs: Counter[tuple[str, str]] | None = None
    replaced: list[tuple[int, int, str]] = []
    for i, (start, end, word) in enumerate(spans):
        if len(word) < _MIN_LENGTH or not word.isalpha() or not lacking(word):
            continue
        if pairs is None:  # read the passages' names only for a question that has a slip
            pairs = name_pairs(texts)
        before = spans[i - 1][2] if i else None
        after = spans[i + 1][2] if i + 1 < len(spans) else None
        found = Counter({name: count for (first, second), count in pairs.items()
                         for name, beside in ((second, first == before),
                                              (first, second == after))
                         if beside and _one_slip(word, name)})
        if found:
            replaced.append((start, end, found.most_common(1)[0][0]))
    for start, end, name in reversed(replaced):
        typed = question[start:end]
        core = typed.strip(PUNCTUATION)
        at = typed.index(core)
        question = (question[:start] + typed[:at] + name.capitalize()
                    + typed[at + len(core):] + question[end:])
    return question


def _one_slip(typed: str, name: str) -> bool:
    """Whether a typed word is one key from a name's word, beginning alike."""
    return (typed != name and typed[0] == name[0]
            and DamerauLevenshtein.distance(typed, name) == 1)
