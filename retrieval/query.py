"""A question as the index sees it: its terms, typos mended, and the names it mentions.

People type "hosptial", "departmnet" and "langson". A word the index has never seen can only
lower the score of every passage, so such a word (and only such a word) is matched against
the index's own vocabulary: rapidfuzz finds the nearest stems, and a stem is taken only if
one of its ordinary word forms is within one or two edits of what was typed. A word that is
two known words run together is split ("langson", "tolam"), two typed apart are joined
("Ha Noi"); a word the stemmer cut apart from its family ("satisfied" / "satisfaction") meets
the family by their shared beginning. Words the index knows are never touched. A short word
or a name (capitalised) is mended only when it is no English word at all ("leter", "Sonn",
"Secratary", `retrieval.english`): a real one is more likely what the articles lack ("long",
"cure", "Japan") than a slip, and so is any word English uses often ("insurance" is not
"inspiration"). The first letter is trusted, as spelling checkers do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from retrieval.analyzer import Analyzer, Span, fold
from retrieval.english import is_common_word, is_english_word, is_everyday_word, likelier_word
from retrieval.stopwords import QUESTION_WORDS

DocFreq = Callable[[str], int]

# Endings Snowball strips: a stem plus one of these is a word form the stem stands for.
_ENDINGS = ("", "s", "e", "es", "ed", "ing", "al", "ic", "ics", "ical", "ion", "ions", "ment",
            "ments", "er", "ers", "or", "ors", "y", "ies", "ity", "ly", "ness", "ation",
            "ations", "ive", "ist", "ists", "ism", "ance", "ence", "ant", "ent", "able", "ible",
            "ful", "ous", "ia", "is", "um", "us")
_NAME_ENDINGS = ("", "s")  # a name is mended only to a known name as written ("Sonn" -> "Son")
# ... unless it is as long as Vietnamese names never are: then it is a capitalised word
# ("Hosptial", "Departmnet") and mended to any of its forms.
_MIN_WORDLIKE_NAME = 7
_WORD = re.compile(r"[a-z]+")
# "10.000" as Vietnamese and much of Europe write ten thousand; "2.762" may be a decimal,
# so it is read as a thousands only when the index holds that number and not the decimal
_DOTTED_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_SPACED_THOUSANDS = re.compile(r"[1-9]\d{0,2} \d{3}")
_MIN_TYPO_LENGTH = 6  # shorter words are too often other real words ("long", "cure")
_MIN_NONWORD_LENGTH = 4  # ... unless they are no English word ("leter", "Sonn")
_MIN_STOP_SLIP = 5  # a stop word this long is too long to be another word one slip away
_CANDIDATES = 12  # nearest stems rapidfuzz proposes before the edit check
_PREFILTER = 60.0  # rapidfuzz ratio a stem needs to be considered at all
_MIN_FAMILY_PREFIX = 6  # letters a word shares with its relative ("satisf")
_FAMILY_SHARE = 0.8  # ... and that share of the typed word's stem
# Endings (of stems) that make a word the person who does a thing: "pharmacist" is no
# relative of "pharmacy", nor "director" of "direction", as "satisfied" is of "satisfaction".
# A rough test ("cancer" ends so too): it only keeps apart two words of which one ends so.
_AGENT_ENDING = re.compile(r"(?:ist|ian|er|or)s?$")
_MEMO_SIZE = 4096  # words whose mending a speller remembers
_MIN_SLIP_LENGTH = 4  # "app", "ppl", "usd" are no slips of "ape", "pal", "us" ...
# ... but a thumb's slip of a question word ("hiw", "whn") or two letters swapped ("teh",
# "adn") is one from three letters on
_MIN_SHORT_SLIP = 3
_LATIN_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]+(?![^\W\d_'’])")
# One Vietnamese syllable typed without its marks ("benh", "vien", "giang", "xuan"): such a
# word is Vietnamese the glossary does not know, or a place, and no slip of an English word
# ("benh" is not "bend", "Bac Giang" is not "giant").
_VIETNAMESE_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|tr|th|kh|ph|gh|gi|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")


def max_edits(word: str) -> int:
    """How many slips we forgive: one in a short word, two from eight letters on."""
    return 1 if len(word) < 8 else 2


@dataclass(frozen=True, slots=True)
class Query:
    """The analysed question: what to search for and what it names."""

    text: str
    terms: tuple[str, ...]  # in order, repeats kept, typos mended
    corrections: tuple[tuple[str, str], ...] = ()  # (typed word, term searched instead)
    unknown: tuple[str, ...] = ()  # terms the index does not hold, even after mending
    names: tuple[str, ...] = ()  # terms of words written with a capital inside the question
    typed: tuple[tuple[str, str], ...] = ()  # (term, the folded word typed for it)
    # (term, other terms that mean the same and the index holds), see `retrieval.synonyms`
    synonyms: tuple[tuple[str, frozenset[str]], ...] = ()

    @property
    def alternatives(self) -> dict[str, frozenset[str]]:
        """Question term -> the index's terms that mean the same."""
        return dict(self.synonyms)

    @property
    def synonym_terms(self) -> frozenset[str]:
        """Every synonym of every question term, the terms searched beside the question's."""
        return frozenset().union(*(others for _, others in self.synonyms))

    def word_of(self, term: str) -> str:
        """The word the question typed for a term (the term itself when not recorded)."""
        return next((word for t, word in self.typed if t == term), term)

    @property
    def unique_terms(self) -> tuple[str, ...]:
        """Each term once, in first-seen order."""
        return tuple(dict.fromkeys(self.terms))


@dataclass
class Speller:
    """Mends unknown question words against the vocabulary of one index."""

    vocabulary: Sequence[str]
    doc_freq: DocFreq
    analyzer: Analyzer
    _choices: list[str] | None = field(default=None, repr=False)
    # (word, name) -> what `correct` made of it: a question's slips are looked at twice, by
    # `mend_slips` and by `parse_query`, and each look searches the whole vocabulary
    _corrected: dict[tuple[str, bool], str | None] = field(default_factory=dict, repr=False)

    def _stems(self) -> list[str]:
        if self._choices is None:  # built on the first unknown word, then kept
            self._choices = [t for t in self.vocabulary if t.isalpha() and len(t) >= 3]
        return self._choices

    def _stem(self, word: str) -> str | None:
        terms = self.analyzer.terms(word)
        return terms[0] if len(terms) == 1 else None

    def _forms(self, stem: str, endings: Sequence[str] = _ENDINGS) -> list[str]:
        """Ordinary words this stem stands for (Snowball turns a final y into i)."""
        bases = [stem] + ([stem[:-1] + "y"] if stem.endswith("i") else [])
        return [base + ending for base in bases for ending in endings]

    def correct(self, word: str, name: bool = False) -> str | None:
        """The known term a mistyped word most likely meant, or None. A short word or a
        `name` is mended only when it is no English word."""
        key = (word, name)
        if key not in self._corrected:
            if len(self._corrected) >= _MEMO_SIZE:  # a long-running bot's questions vary
                self._corrected.clear()
            self._corrected[key] = self._correct(word, name)
        return self._corrected[key]

    def _correct(self, word: str, name: bool) -> str | None:
        if not word.isalpha() or len(word) < _MIN_NONWORD_LENGTH:
            return None
        if (name or len(word) < _MIN_TYPO_LENGTH) and is_english_word(word):
            return None
        if is_common_word(word):  # "insurance" is not a slip for "inspiration"
            return None
        typed = self._stem(word) or word
        limit = max_edits(word)
        endings = _NAME_ENDINGS if name and len(word) < _MIN_WORDLIKE_NAME else _ENDINGS
        best: tuple[int, int, str] | None = None
        for stem, _, _ in process.extract(typed, self._stems(), scorer=fuzz.ratio,
                                          limit=_CANDIDATES, score_cutoff=_PREFILTER):
            forms = [f for f in self._forms(stem, endings)
                     if f[0] == word[0] and self._stem(f) == stem]
            edits = min((DamerauLevenshtein.distance(word, f) for f in forms), default=limit + 1)
            if edits <= limit:
                key = (edits, -self.doc_freq(stem), stem)
                if best is None or key < best:
                    best = key
        if best is None:
            return None
        meant = likelier_word(word)
        if meant and best[0] > 1 and (stem := self._stem(meant)) and self.doc_freq(stem) == 0:
            # "insurence" is one slip from "insurance", which the articles lack, and two from
            # their "inspire": it meant the word they lack
            return None
        return best[2]

    def mend_slips(self, question: str) -> str:
        """The question with each slip of an everyday English word written as that word
        ("citty" -> "city", "currensy" -> "currency", "wich" -> "with"), when the index does
        not hold the slip as typed. Mending against the index alone reads "citty" as no word
        at all, so "what citty is ... in" asks about an unknown word rather than a place, and
        "currensy" is an unknown, informative word the articles lack, while "currency" is
        recognised as the topic they lack; a slip of a stop word ("wich", "teh") is dropped
        as that word would be, not mended to an index word ("wish"). A capitalised word is
        left alone unless it opens a sentence (a name may be no English word), and so is a
        Vietnamese syllable or a word whose first letter differs from the meant word's."""
        halves = _halves(question)

        def mend(match: re.Match[str]) -> str:
            typed = match.group()
            word = typed.lower()
            if typed[0].isupper() and not (typed[1:].islower() and starts_sentence(
                    question, match.start())):
                return typed
            if match.start() in halves:  # "princi ples": half of a word, joined later
                return typed
            if (len(word) < _MIN_SHORT_SLIP or _VIETNAMESE_SYLLABLE.fullmatch(word)
                    or is_english_word(word)):
                return typed
            meant = likelier_word(word)
            if not meant or meant[0] != word[0]:
                return typed
            if len(word) < _MIN_SLIP_LENGTH and not (meant in QUESTION_WORDS
                                                     or _swapped(word, meant)):
                return typed  # "app", "ppl", "usd" are no slips of "ape", "pal", "us"
            if self.analyzer.terms(meant):  # not a stop word: the index's reading first
                held = [t for t in self.analyzer.terms(word) if self.doc_freq(t) > 0]
                if held and held != self.analyzer.terms(meant):
                    return typed  # a word the index holds as typed is no slip ("Coong")
                if not held and self.correct(word):
                    return typed  # "compasion" is the articles' "compassion", not "companion"
            return meant.capitalize() if typed[0].isupper() else meant

        return _LATIN_WORD.sub(mend, question)

    def is_stop_word(self, word: str) -> bool:
        """Whether a word no English dictionary holds is a slip for one of the stop words
        ("acording", "becuase"): then, like the word meant, it is not searched."""
        if len(word) < _MIN_TYPO_LENGTH or not word.isalpha() or is_english_word(word):
            return False
        limit = max_edits(word)
        return any(stop[0] == word[0] and len(stop) >= _MIN_STOP_SLIP
                   and DamerauLevenshtein.distance(word, stop) <= limit
                   for stop in self.analyzer.stopwords)

    def likelier(self, word: str, term: str) -> str | None:
        """Another known term for a word the index knows only by its stem when the word is a
        rare slip for a common word ("directer" is read as "director", not "direct"), or a
        slip no dictionary holds that Snowball cut to another word's stem ("provincal" is
        "provincial", not "province"). A word the index holds as typed is no slip ("Coong")."""
        if len(word) < _MIN_TYPO_LENGTH or not word.isalpha() or word == term:
            return None
        meant = likelier_word(word)
        stem = self._stem(meant) if meant else None
        if not stem or stem == term or self.doc_freq(stem) == 0:
            return None
        # a word no dictionary holds may be a term of art the index holds ("murine" is not
        # "marine"); a slip that only dropped a letter Snowball then cut leaves the meant
        # word's stem longer than the typed one's ("provinc" of "provinci")
        return stem if is_english_word(word) or stem.startswith(term) else None

    def relative(self, word: str) -> str | None:
        """A known stem of the same family when Snowball cut the two apart ("satisfied" ->
        "satisfi", "satisfaction" -> "satisfact"): the longest shared beginning, at least
        `_MIN_FAMILY_PREFIX` letters and most of the typed stem; not the person who does
        the thing ("pharmacy" is not "pharmacist", see `_AGENT_ENDING`)."""
        typed = self._stem(word) or word
        if len(typed) < _MIN_FAMILY_PREFIX:
            return None
        best: tuple[int, int, str] | None = None
        for stem, _, _ in process.extract(typed, self._stems(), scorer=fuzz.ratio,
                                          limit=_CANDIDATES, score_cutoff=_PREFILTER):
            shared = next((i for i, (a, b) in enumerate(zip(typed, stem, strict=False))
                           if a != b), min(len(typed), len(stem)))
            if shared >= _MIN_FAMILY_PREFIX and shared >= _FAMILY_SHARE * len(typed) \
                    and bool(_AGENT_ENDING.search(typed)) == bool(_AGENT_ENDING.search(stem)):
                key = (-shared, -self.doc_freq(stem), stem)
                if best is None or key < best:
                    best = key
        return best[2] if best else None

    def split(self, word: str) -> tuple[str, ...] | None:
        """Two known words typed as one ("langson" -> "lang", "son"), or None. When the word
        is no English word, one of the two may be a stop word ("tolam" -> "lam")."""
        best: tuple[int, tuple[str, ...]] | None = None
        stop_allowed: bool | None = None
        for cut in range(2, len(word) - 1):
            head, tail = word[:cut], word[cut:]
            left, right = self._stem(head), self._stem(tail)
            if left and right and min(len(head), len(tail)) >= 3:
                weight, parts = min(self.doc_freq(left), self.doc_freq(right)), (left, right)
            elif (left or right) and (head in self.analyzer.stopwords
                                      or tail in self.analyzer.stopwords):
                if stop_allowed is None:
                    stop_allowed = not is_english_word(word)
                if not stop_allowed:
                    continue
                known = left or right or ""
                weight, parts = self.doc_freq(known), (known,)
            else:
                continue
            if weight > 0 and (best is None or weight > best[0]):
                best = (weight, parts)
        return best[1] if best else None

    def join(self, first: str, second: str) -> str | None:
        """The known term two typed words make together ("Ha Noi" -> "hanoi"; "10 000",
        ten thousand as Vietnamese and French type it, -> "10000"), or None."""
        if _SPACED_THOUSANDS.fullmatch(f"{first} {second}"):
            return first + second if self.doc_freq(first + second) > 0 else None
        if not (first.isalpha() and second.isalpha()):
            return None
        joined = self._stem(first + second)
        return joined if joined and self.doc_freq(joined) > 0 else None


def _halves(question: str) -> set[int]:
    """Where the words start that are halves of one English word split by a stray space
    ("princi ples", "hos pital"), neither half a word itself."""
    words = list(_LATIN_WORD.finditer(question))
    starts: set[int] = set()
    for first, second in pairwise(words):
        if (question[first.end():second.start()] == " "
                and is_english_word(first.group() + second.group())
                and not (is_english_word(first.group()) and is_english_word(second.group()))):
            starts.update((first.start(), second.start()))
    return starts


def _swapped(typed: str, meant: str) -> bool:
    """Whether a word is another with two neighbouring letters swapped ("teh", "the")."""
    return any(typed == meant[:i] + meant[i + 1] + meant[i] + meant[i + 2:]
               for i in range(len(meant) - 1))


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, where a capital says nothing."""
    before = text[:start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:"


# An acronym that names a body even where it opens a sentence ("WHO", "UNICEF"); two capitals
# there may be shorthand ("DX?" for digital transformation)
_BODY_ACRONYM = re.compile(r"[A-Z]{3,}")


def _capitalised_terms(question: str, analyzer: Analyzer) -> tuple[str, ...]:
    """Terms of words that start with a capital letter, other than words that open one of
    its sentences ("How many beds? Thanks!" names nothing; "What is the WHO's ..." names the
    WHO), unless written in capitals ("WHO rep. in Vietnam?" names it too)."""
    names: list[str] = []
    for span in analyzer.spans(question):
        word = question[span.start:span.end]
        if question[span.start].isupper() and not (
                starts_sentence(question, span.start) and not _BODY_ACRONYM.fullmatch(word)) \
                and not _everyday_alone(question, span):
            names.append(span.term)
    return tuple(dict.fromkeys(names))


def _everyday_alone(question: str, span: Span) -> bool:
    """Whether the capitalised word at `span` is one of the commonest English words standing
    alone: "a convergence of which two Things?", as German writes nouns, names nothing;
    "Long An" and "Dr Long" keep their capitals beside another."""
    word = question[span.start:span.end]
    if not word[1:].islower() or not is_everyday_word(word):  # not "WHO"
        return False
    before = re.findall(r"[\w'’]+", question[:span.start])[-1:]
    after = re.findall(r"[\w'’]+", question[span.end:])[:1]
    return not any(w[:1].isupper() for w in before + after)


def parse_query(question: str, analyzer: Analyzer, doc_freq: DocFreq,
                speller: Speller | None = None) -> Query:
    """Analyse a question; with a speller, mend the words the index does not know."""
    terms: list[str] = []
    typed: list[tuple[str, str]] = []
    corrections: list[tuple[str, str]] = []
    unknown: list[str] = []
    names = _capitalised_terms(question, analyzer)
    renamed: dict[str, str] = {}  # a name's typed term -> the term it was mended to

    def take(found: Sequence[str], word: str, mended: bool = True) -> None:
        terms.extend(found)
        typed.extend((term, word) for term in found)
        if mended:
            corrections.append((word, " ".join(found)))

    words = _words(question, analyzer)
    skip = False
    for position, (word, word_terms) in enumerate(words):
        if skip:
            skip = False
            continue
        if speller is not None and position + 1 < len(words):
            following, following_terms = words[position + 1]
            if any(doc_freq(t) == 0 for t in word_terms + following_terms):
                joined = speller.join(word, following)
                if joined:
                    take([joined], f"{word} {following}")
                    renamed.update(dict.fromkeys(word_terms + following_terms, joined))
                    skip = True
                    continue
        for term in word_terms:
            if doc_freq(term) == 0 and _DOTTED_THOUSANDS.fullmatch(term) and doc_freq(
                    term.replace(".", "")) > 0:
                take([term.replace(".", "")], word)
                continue
            likelier = (speller.likelier(word, term) if speller is not None
                        and doc_freq(term) > 0 and _WORD.fullmatch(word) else None)
            if likelier:
                take([likelier], word)
                continue
            if doc_freq(term) > 0 or speller is None or not _WORD.fullmatch(word):
                take([term], word, mended=False)
                if doc_freq(term) == 0:
                    unknown.append(term)
                continue
            name = term in names
            mended = speller.correct(word, name=name)
            if mended:
                take([mended], word)
                renamed[term] = mended
                continue
            if not name and speller.is_stop_word(word):
                continue
            parts = None if name else speller.split(word)
            relative = None if name or parts else speller.relative(word)
            if parts or relative:
                take(parts or [relative], word)
                continue
            take([term], word, mended=False)
            unknown.append(term)
    names = tuple(dict.fromkeys(renamed.get(t, t) for t in names))
    return Query(text=question, terms=tuple(terms), corrections=tuple(corrections),
                 unknown=tuple(dict.fromkeys(unknown)), names=names, typed=tuple(typed))


def _words(question: str, analyzer: Analyzer) -> list[tuple[str, list[str]]]:
    """Each folded word of the question with its terms (a compound keeps its terms together)."""
    out: list[tuple[str, list[str]]] = []
    for raw in question.split():  # unfolded: "WHO" is an acronym, "who" a stop word
        terms = analyzer.terms(raw)
        if terms:
            out.append((fold(raw).strip(".,;:!?\"'()[]{}"), terms))
    return out
