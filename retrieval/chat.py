"""What social-media writing adds to a question, read as plain writing before it is searched.

People ask a Telegram bot the way they post: "@QAbot whats the ULTIMATE goal??", "#LangSon
health sector: how many years?", "plsss", "do ALL commune stations have doctors?? y/n". None
of that is asked about, yet each piece reads as a word the articles lack: the mention as a
name ("the articles never mention QAbot"), the hashtag as an unknown word "langson" written
with a capital, the stretched word as a slip, the capitals of emphasis as an acronym ("ALL" is
a leukaemia in a medical paper). So a mention is dropped, a hashtag becomes its words, a
stretched word its word, and a common word in capitals for emphasis is written in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.english import is_english_word, is_everyday_word, rarity

# "@QAbot", "@health_bot" (not the middle of an e-mail address)
_MENTION = re.compile(r"(?<![\w.@])@\w+")
# "#LangSon", "#DoctorsDay2026", "#huu_nghi"
_HASHTAG = re.compile(r"(?<![\w&#])#([^\W\d_][\w]*)")
# a letter written three times or more: "sooo", "plsss", "pleeease"
_STRETCHED = re.compile(r"(?<![^\W\d_])[^\W\d_]*([^\W\d_])\1\1[^\W\d_]*")
_RUN = re.compile(r"([^\W\d_])\1{2,}")
# "y/n", "(y/n)": asks for a yes or a no, which the question's own form already does
_YES_NO = re.compile(r"\(?\b[yY]\s*/\s*[nN]\b\)?")
# A word in capitals for emphasis is one of the commonest English words ("ALL", "NOT",
# "EVERY", `english.is_everyday_word`); rarer ones in capitals are acronyms or names ("AIDS",
# "ICU", "VNA"), and so are the common words that also name bodies health news reports on:
# the World Health Organization, the United States, information technology.
_NAMES_OF_BODIES = frozenset({"who", "us", "it"})
_CAPITALS = re.compile(r"(?<![\w'’])[A-Z]{2,}(?![\w'’])")


# "2" for "to" and "4" for "for", as texts and notes write them: "visit 2 Huu Nghi", "care 4
# patients", "how 2 apply", "asking 4 a friend". A lone 2 or 4 between a word and a word; a
# count where the word before is one that comes before counts ("what 2 things", "level 2
# specialists", "has 4 hospitals", "3 or 4") or is a name's ("Bach Mai 2 facility").
_SOUNDED = re.compile(r"\b([a-z]{2,}) ([24])(?= [^\W\d_])")
_BEFORE_COUNTS = frozenset(
    "what which the these those their its his her our my your only all about around some "
    "over under nearly almost roughly approx approximately first last top next past just "
    "exactly another other every each per than at least most have has had are were is was be "
    "been being of in on at by with and or between from to for into level levels type grade "
    "phase stage class no number photo picture image step part page room ward floor chapter "
    "section question resolution article paragraph option answer day days".split())
_SOUNDS = {"2": "to", "4": "for"}
# the rarest word a sounded number follows: "contributed 2" (5.7) is "contributed to",
# "helper 2" (6.0) a kind of cell
_RAREST_BEFORE_SOUNDED = 5.8


def as_plain(question: str) -> str:
    """The question without mentions and "y/n", hashtags as their words ("#LangSon" ->
    "Lang Son"), stretched words as the word ("sooo" -> "so"), "2" and "4" sounded as words
    ("care 4 patients"); as typed when it has none."""
    text = _MENTION.sub(" ", question)
    text = _YES_NO.sub(" ", text)
    text = _HASHTAG.sub(lambda m: _words_of_tag(m.group(1)), text)
    text = _STRETCHED.sub(lambda m: _unstretched(m.group()), text)
    text = _SOUNDED.sub(_sounded, text)
    if text == question:
        return question
    return re.sub(r"\s+", " ", text).strip()


def _sounded(match: re.Match[str]) -> str:
    """ "care 4" as "care for"; a number after a word that comes before counts, or after a
    rare word, is a count or part of a name ("transglutaminase 2", "T helper 2 cells")."""
    word, digit = match.groups()
    value = rarity(word)
    if word in _BEFORE_COUNTS or value is None or value > _RAREST_BEFORE_SOUNDED:
        return match.group()
    return f"{word} {_SOUNDS[digit]}"


def _words_of_tag(tag: str) -> str:
    """A hashtag's words: split where a capital follows a small letter, and at "_"."""
    out: list[str] = []
    for i, char in enumerate(tag):
        if i and char.isupper() and tag[i - 1].islower():
            out.append(" ")
        out.append(" " if char == "_" else char)
    return "".join(out)


def _unstretched(word: str) -> str:
    """A stretched word as the English word written with each run doubled ("goood" ->
    "good") or, failing that, single ("sooo" -> "so", "plsss" -> "pls"). A word without a
    small letter is a numeral or a code, not stretched: "Level-III" is no "Level-I"."""
    if not any(map(str.islower, word)):
        return word
    doubled = _RUN.sub(r"\1\1", word)
    return doubled if is_english_word(doubled) else _RUN.sub(r"\1", word)


def without_emphasis(question: str, held: Callable[[str], bool]) -> str:
    """The question with the commonest English words written in capitals for emphasis in
    lower case ("do ALL stations have doctors"), when the index does not `held` the word as
    an acronym; a question in capitals throughout is left to the caller."""
    if not any(map(str.islower, question)):
        return question

    def lower(match: re.Match[str]) -> str:
        word = match.group()
        folded = word.lower()
        if folded in _NAMES_OF_BODIES or held(folded):
            return word
        return folded if is_everyday_word(folded) else word

    return _CAPITALS.sub(lower, question)
