"""Whether a word is an English word at all, from pyspellchecker's English word list.

The speller (`retrieval.query`) mends only words the index does not know. Among those, a real
English word ("long", "cure", "nurses") is most likely the question's own topic, which the
articles lack, while a non-word ("leter", "Sonn", "Secratary") is a slip: only the second may
be mended when it is short or a name. pyspellchecker ships a frequency list of about 160,000
English words built from subtitles, so it also knows plurals and verb forms, and how often
each is used (`rarity`); it is loaded by the first question (a quarter of a second), never at
start.
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


def is_common_word(word: str) -> bool:
    """Whether a lower-case word is an English word used more often than a slip would be
    ("insurance", not "directer"): such a word is what was meant, never a typo to mend."""
    return _words().word_frequency[word.lower()] > _RARE_COUNT


# Below this rarity a word is one of the few thousand commonest in English ("things", "all",
# "money"): written with a capital, it is the writer's habit or emphasis, not a name.
EVERYDAY_RARITY = 3.3


def is_everyday_word(word: str) -> bool:
    """Whether a word is one of the commonest English words (`EVERYDAY_RARITY`)."""
    value = rarity(word)
    return value is not None and value < EVERYDAY_RARITY


def rarity(word: str) -> float | None:
    """How rare a word is in everyday English: log10 of (all words / this word's count),
    about 2.5 for "going", 4 for "book", 5 for "nurses", 6 for "ambulances"; None for a word
    the list lacks (a name, a slip, a term of art)."""
    words = _words().word_frequency
    count = words[word.lower()]
    if not count:
        return None
    return math.log10(words.total_words / count)


# A word the list has seen at most this often is as likely a common slip that made it into
# the subtitles ("directer", 50 times) as a word ...
_RARE_COUNT = 100
# ... and is read as a word one edit away that is this many times more common ("director",
# 43,554 times).
_LIKELIER = 100


def likelier_word(word: str) -> str | None:
    """The common English word a very rare one, or one the list lacks, is most likely a slip
    for, or None: "directer" -> "director", "provincal" -> "provincial". Only for the rare:
    "staffs" or "beds" are left alone."""
    checker = _words()
    counts = checker.word_frequency
    word = word.lower()
    count = counts[word]
    if count > _RARE_COUNT:
        return None
    nearby = [(counts[w], w) for w in checker.known(checker.edit_distance_1(word)) if w != word]
    if not nearby:
        return None
    best_count, best = max(nearby)
    return best if best_count >= _LIKELIER * max(count, 1) else None
