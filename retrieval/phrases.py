"""Whole-word phrase matching in a question, the longest phrase first: the glossary's
Vietnamese names and the place names are both found this way, diacritics, case and the
punctuation around a word aside ("Lạng Sơn?" is the phrase "lang son")."""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Sequence

from retrieval.analyzer import fold

PUNCTUATION = ".,;:!?\"'()[]{}“”‘’"
POSSESSIVE = re.compile(r"['’]s$")  # "GS's", "Son’s": the word's own ending, not the word


def word_key(word: str) -> str:
    """A whitespace-separated word as a phrase list writes it: folded, punctuation stripped."""
    return fold(word).strip(PUNCTUATION)


def phrase_spans(keys: Sequence[str], phrases: Container[tuple[str, ...]],
                 longest: int) -> Iterator[tuple[int, int]]:
    """(start, end) word positions of the phrases among `keys`, left to right, each the
    longest phrase (at most `longest` words) that starts there; matches do not overlap."""
    i = 0
    while i < len(keys):
        for n in range(min(longest, len(keys) - i), 0, -1):
            if tuple(keys[i:i + n]) in phrases:
                yield i, i + n
                i += n
                break
        else:
            i += 1
