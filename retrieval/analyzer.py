"""Text -> terms, the same for paragraphs and for questions, so that they can meet in BM25.

Steps, each done by a well-kept part: Unicode compatibility normalisation and diacritic
folding (`unicodedata`: "Lạng Sơn" finds "Lang Son"), case folding, a tokenizer that keeps
numbers and codes whole ("2,762", "11.4", "72-NQ/TW"), English stop words, British spellings
read as American ones (breame's word list: "centre" finds "center", "tumour" finds "tumor"),
lone Greek letters spelled out ("TNF-α" finds "TNF-alpha"), and Snowball stemming (PyStemmer,
the C implementation, each distinct word stemmed once).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, TypeVar

import Stemmer
from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

from retrieval.stopwords import ENGLISH

# Bumped whenever terms() can give a different answer for the same text: saved indexes
# built by another version are then rebuilt rather than served.
ANALYZER_VERSION = 5

# Letters joined by an apostrophe, hyphen, slash or ampersand stay one token ("72-nq/tw",
# "people's"); digits joined by a comma or full stop stay one number ("2,762", "11.4").
_TOKEN = re.compile(r"\w+(?:(?:['\-/&]|(?<=\d)[.,](?=\d))\w+)*")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Letters that carry no combining mark to strip, and apostrophe look-alikes.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                          "’": "'", "‘": "'", "ʼ": "'", "`": "'", "_": " "})
_JOINERS = re.compile(r"[\-/&]")
# A code with a digit ("72-NQ/TW", "COVID-19") is also a term whole; words joined by a hyphen
# ("commune-level") are just their words, as they are when written apart.
_DIGIT = re.compile(r"\d")
_THOUSANDS = re.compile(r",(?=\d{3}(?:\D|$))")
# Stop words that, written in capitals as a word of their own, are acronyms: "WHO" is the
# World Health Organization, "IT" information technology, "US" the United States, "NO"
# nitric oxide, "ALL" a leukaemia, "ME" an illness. They are kept as terms (lower case,
# unstemmed); "Who", "IT-based" and the capitals of "MATERIALS AND METHODS" stay stop words.
ACRONYMS = frozenset({"who", "it", "us", "no", "all", "me"})
_ACRONYM = re.compile(r"(?<![\w'\-/&’])([A-Z]{2,5})(?:['’]s)?(?![\w'\-/&’])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A Greek letter on its own or inside a Latin word is a symbol ("TNF-α", "NF-κB", "β-cell"),
# written as often spelled out; Greek words are left as they are, and so is mu, which mostly
# means micro ("μg" must not become "mug").
_LONE_GREEK = re.compile(r"(?<![\u0370-\u03ff])[\u03b1-\u03bb\u03bd-\u03c9](?![\u0370-\u03ff])")
_GREEK_NAMES = {chr(c): unicodedata.name(chr(c)).rsplit(" ", 1)[-1].lower()
                for c in range(0x3B1, 0x3CA)}
# British -> American spellings, both sides of the index meeting on one form. The list's few
# entries that map a word in ordinary American use to another word are left out.
_NOT_BRITISH = frozenset({"buses", "gases", "gauge", "bevvy"})
AMERICAN_SPELLING = {british: american for british, american in BRITISH_ENGLISH_SPELLINGS.items()
                     if british not in _NOT_BRITISH}
T = TypeVar("T")
# "-isation" is British for "-ization" in every English word, and "-alise" for "-alize", so
# the words the list lacks ("digitalisation", "prioritisation", "digitalised") are read as
# American too: Snowball stems only the American form to its root ("digitalization" and
# "digitalized" -> "digit", as "digital"). Other "-ise" words may be no British spelling at
# all ("advise", "expertise").
_ISATION = re.compile(r"(?:isation(s?)|(al)is(e|ed|es|ing))$")


def american(word: str) -> str:
    """A folded word in American spelling: breame's list, then "-isation" and "-alise"."""
    spelled = AMERICAN_SPELLING.get(word)
    if spelled is not None:
        return spelled
    if not word.endswith(("isation", "isations", "alise", "alised", "alises", "alising")):
        return word
    return _ISATION.sub(lambda m: f"ization{m[1]}" if m[2] is None else f"aliz{m[3]}", word)


def _same(term: str) -> str:
    return term


def fold(text: str) -> str:
    """Compatibility forms unified, diacritics removed, case folded: what a user may type."""
    text = text.translate(_SPECIAL)
    if text.isascii():
        return text.casefold()
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()
    return _LONE_GREEK.sub(lambda letter: _GREEK_NAMES[letter.group()], text)


def normalise_number(token: str) -> str:
    """"2,762" and "2762" are the same number; "11.4" keeps its decimal point."""
    return _THOUSANDS.sub("", token)


@dataclass(frozen=True, slots=True)
class Span:
    """Where a term occurs in the original text, for highlighting."""

    start: int
    end: int
    term: str


@dataclass(frozen=True)
class Analyzer:
    """The one place that decides what counts as the same word."""

    language: str = "english"
    stopwords: frozenset[str] = ENGLISH
    stem: bool = True
    _stemmer: Stemmer.Stemmer = field(init=False, repr=False, compare=False)
    _cache: dict[str, str] = field(init=False, repr=False, compare=False, default_factory=dict)
    # folded token -> its terms; most text is made of tokens seen before, so this is the
    # hot path when indexing a large knowledge base
    _token_cache: dict[str, tuple[str, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_stemmer", Stemmer.Stemmer(self.language))

    @property
    def version(self) -> str:
        """Identifies the analysis for saved indexes: same version, same terms."""
        return f"{ANALYZER_VERSION}:{self.language}:{int(self.stem)}:{len(self.stopwords)}"

    def _word(self, word: str) -> str | None:
        """A single folded word as a term, or None for a stop word."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached or None
        if word in self.stopwords:
            term = ""
        elif word[0].isdigit() and _NUMBER.fullmatch(word):
            term = normalise_number(word)
        elif self.stem:
            term = self._stemmer.stemWord(american(word))
        else:
            term = american(word)
        self._cache[word] = term
        return term or None

    def token_terms(self, token: str) -> Iterator[str]:
        """Terms of one folded token: a compound gives itself and its parts."""
        if "'" in token:
            token = token.removesuffix("'s").replace("'", " ")
            for part in token.split():
                yield from self.token_terms(part)
            return
        if _JOINERS.search(token):
            parts = [p for p in _JOINERS.split(token) if p]
            if len(parts) > 1 and _DIGIT.search(token):
                yield "-".join(normalise_number(p) for p in parts)
            for part in parts:
                term = self._word(part)
                if term:
                    yield term
            return
        term = self._word(token)
        if term:
            yield term

    def terms(self, text: str) -> list[str]:
        """The terms of a text in order, repeats kept (BM25 counts them)."""
        if text.isascii() and not any(map(str.isupper, text)):
            return self._folded_terms(text)
        out: list[str] = []
        done = 0
        for match in _ACRONYM.finditer(text):
            acronym = match.group(1).lower()
            if acronym in ACRONYMS:
                out += self._folded_terms(text[done:match.start()])
                out.append(acronym)
                done = match.end()
        return out + self._folded_terms(text[done:]) if done else self._folded_terms(text)

    def _folded_terms(self, text: str) -> list[str]:
        """`terms` of a text that holds no acronym."""
        out: list[str] = []
        cache = self._token_cache
        for token in _TOKEN.findall(fold(text)):
            terms = cache.get(token)
            if terms is None:
                terms = cache[token] = tuple(self.token_terms(token))
            out.extend(terms)
        return out

    def spans(self, text: str) -> list[Span]:
        """Each term with its place in the original text, so a front end can bold it."""
        out: list[Span] = []
        for match in _TOKEN.finditer(text):
            acronym = _ACRONYM.fullmatch(match.group())
            if acronym and acronym.group(1).lower() in ACRONYMS:
                out.append(Span(match.start(), match.end(), acronym.group(1).lower()))
                continue
            for term in self.token_terms(fold(match.group())):
                out.append(Span(match.start(), match.end(), term))
        return out

    def batch_terms(self, texts: Iterable[str], encode: Callable[[str], T] | None = None,
                    cache_limit: int = 2_000_000) -> Iterator[list[T]]:
        """`terms(text)` of many texts, each term passed through `encode` (e.g. term -> id).

        Exactly the same terms as `terms`, about twice as fast on a large knowledge base:
        each distinct whitespace-separated word is analysed (and encoded) once, as no token
        spans whitespace. `tests/test_index.py` proves the outputs equal. The word cache
        lives only for this call and is emptied past `cache_limit` words (bounded memory).
        """
        code: Callable[[str], Any] = encode if encode is not None else _same
        cache: dict[str, tuple[Any, ...]] = {}
        lookup = cache.__getitem__
        for text in texts:
            words = text.split()
            try:
                yield list(chain.from_iterable(map(lookup, words)))
            except KeyError:
                if len(cache) > cache_limit:
                    cache.clear()
                for word in words:
                    if word not in cache:
                        cache[word] = tuple(map(code, self.terms(word)))
                yield list(chain.from_iterable(map(lookup, words)))


def highlight_spans(text: str, terms: Iterable[str], analyzer: Analyzer) -> list[tuple[int, int]]:
    """Character ranges of `text` whose terms are among `terms`, in order; neighbours
    separated only by spaces are merged, so "2,762 hospital beds" is bolded as one phrase."""
    wanted = set(terms)
    ranges: list[tuple[int, int]] = []
    for span in analyzer.spans(text):
        if span.term in wanted:
            gap = text[ranges[-1][1] : span.start] if ranges else "x"
            if ranges and (span.start <= ranges[-1][1] or gap.isspace()):
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], span.end))
            else:
                ranges.append((span.start, span.end))
    return ranges
