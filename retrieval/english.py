"""Whether a word is an English word at all, from pyspellchecker's English word list.

The speller (`retrieval.query`) mends only words the index does not know. Among those, a real
English word ("long", "cure", "nurses") is most likely the question's own topic, which the
articles lack, while a non-word ("leter", "Sonn", "Secratary") is a slip: only the second may
be mended when it is short or a name. pyspellchecker ships a frequency list of about 160,000
English words built from subtitles, so it also knows plurals and verb forms; it is loaded on
the first unknown question word (a fifth of a second), never at start.
"""

from __future__ import annotations

import math
from functools import cache

from spellchecker import SpellChecker


@cache
def _words() -> SpellChecker:
    return SpellChecker(language="en", distance=1)


def is_english_word(word: str) -> bool:
    """Whether a lower-case word is in the English word list."""
    return word.lower() in _words()


def rarity(word: str) -> float | None:
    """How rare a word is in everyday English: log10 of (all words / this word's count),
    about 2.5 for "going", 4 for "book", 5 for "nurses", 6 for "ambulances"; None for a word
    the list lacks (a name, a slip, a term of art)."""
    words = _words().word_frequency
    count = words[word.lower()]
    if not count:
        return None
    return math.log10(words.total_words / count)
