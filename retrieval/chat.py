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

from retrieval.english import is_english_word, is_everyday_word

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


def as_plain(question: str) -> str:
    """The question without mentions and "y/n", hashtags as their words ("#LangSon" ->
    "Lang Son"), stretched words as the word ("sooo" -> "so"); as typed when it has none."""
    text = _MENTION.sub(" ", question)
    text = _YES_NO.sub(" ", text)
    text = _HASHTAG.sub(lambda m: _words_of_tag(m.group(1)), text)
    text = _STRETCHED.sub(lambda m: _unstretched(m.group()), text)
    if text == question:
        return question
    return re.sub(r"\s+", " ", text).strip()


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
