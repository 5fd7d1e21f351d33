"""Dates and numbers as readers type them, read as news English writes them.

The articles write "February 27, 1955", "71st anniversary", "44 Distinguished Doctors".
Readers type "the 27th of Feb", "Feb 27th", "27/2/1955", "back in '55", "the seventy-first
anniversary", "forty-four doctors". BM25 meets none of those: "27th" is not "27", "feb" is
not "february", "seventy" is no "70". So the question is rewritten into the articles' forms
before it is analysed, as the glossary rewrites "bệnh viện" into "hospital".

Only forms that cannot mean anything else are rewritten. A day and month in figures needs
a year or "on" before it ("27/2/1955", "on 27/2"): "24/7" and "2/3 of" are no dates. Number
words from one to twenty are left as typed ("no one", "the first hospital", "type 2"), as
digits and words are kin there, not one (`retrieval.synonyms`); past twenty a number word
is a number ("forty-four doctors", "the seventy-first anniversary"), but for a round ten
alone: "seventy years" is as much the "seven decades" of one article as the "70 years" of
the other, and read as "70" it finds only the second. A small table does it: the
parsers made for this (number-parser, word2number) read every "one" as 1 and drop the
ordinal's ending, which is the part that matters here.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
# the short forms, "sept" too; "may" and "june" are whole already
_SHORT = {month[:3]: month for month in MONTHS} | {"sept": "september"}
_MONTH = r"(?:" + "|".join(MONTHS) + "|" + "|".join(sorted(_SHORT, key=len, reverse=True)) + r")"
_DAY = r"([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# "27th of Feb", "27 February 1955", "the 27th of February"
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?({_MONTH})\b\.?(?:,?\s+(\d{{4}})\b)?", re.I)
# "Feb 27th", "February 27th, 1955", "Feb. 27"
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+{_DAY}\b(?:,?\s+(\d{{4}})\b)?", re.I)
# "27/2/1955", "27.02.1955", "27-2-55", or "on 27/2"
_FIGURES = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d\d)\b"
                      r"|(?<=\bon )(\d{1,2})/(\d{1,2})\b(?![/.,]?\d)", re.I)
# "back in '55": a year's last two figures after an apostrophe
_SHORT_YEAR = re.compile(r"(?<![\w'’])['’](\d\d)\b(?!['’])")

_UNITS = ("one two three four five six seven eight nine").split()
_UNIT_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth").split()
_TENS = ("twenty thirty forty fifty sixty seventy eighty ninety").split()
_TEN_ORDINALS = [ten[:-1] + "ieth" for ten in _TENS]  # "twentieth", "seventieth"
_UNIT = r"(?:" + "|".join(_UNITS + _UNIT_ORDINALS) + r")"
_TEN = r"(?:" + "|".join(_TENS + _TEN_ORDINALS) + r")"
# "seventy", "seventy-first", "forty four", "one hundred and ninety-four", "two thousand"
_NUMBER_WORDS = re.compile(
    rf"\b(?:(?:{_UNIT}|{_TEN}(?:[\s-]+{_UNIT})?)\s+(?:hundred|thousand)(?:\s+and)?\s+)*"
    rf"{_TEN}(?:[\s-]+{_UNIT})?\b"
    rf"|\b(?:{_UNIT}|{_TEN}(?:[\s-]+{_UNIT})?)\s+(?:hundred|thousand)"
    rf"(?:(?:\s+and)?\s+(?:{_TEN}(?:[\s-]+{_UNIT})?|{_UNIT}))?\b", re.I)
_ENDINGS = {1: "st", 2: "nd", 3: "rd"}


def _month(word: str) -> str:
    word = word.lower().rstrip(".")
    return (_SHORT.get(word) or word).capitalize()


def _date(day: str, month: str, year: str | None) -> str:
    return f"{month} {int(day)}" + (f", {year}" if year else "")


def _full_year(figures: str, today: date | None = None) -> str:
    """"55" -> "1955" and "25" -> "2025": the century that puts the year in the past."""
    if len(figures) == 4:
        return figures
    this_year = (today or date.today()).year
    year = this_year // 100 * 100 + int(figures)
    return str(year - 100 if year > this_year else year)


def _numeric_date(match: re.Match[str]) -> str:
    if match.group(1):
        first, second, year = int(match.group(1)), int(match.group(3)), match.group(4)
    else:
        first, second, year = int(match.group(5)), int(match.group(6)), None
    # the day first, as Vietnam and Britain write it, unless it cannot be ("2/27/1955")
    day, month = (second, first) if first <= 12 < second else (first, second)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return match.group()
    return _date(str(day), MONTHS[month - 1].capitalize(),
                 _full_year(year) if year else None)


def _number(words: str) -> str:
    """"one hundred and ninety-four" -> "194", "seventy-first" -> "71st"."""
    total = current = 0
    ordinal = False
    for word in re.split(r"[\s-]+", words.lower()):
        if word in _UNITS:
            current += _UNITS.index(word) + 1
        elif word in _UNIT_ORDINALS:
            current += _UNIT_ORDINALS.index(word) + 1
            ordinal = True
        elif word in _TENS:
            current += 10 * (_TENS.index(word) + 2)
        elif word in _TEN_ORDINALS:
            current += 10 * (_TEN_ORDINALS.index(word) + 2)
            ordinal = True
        elif word == "hundred":
            current *= 100
        elif word == "thousand":
            total += current * 1000
            current = 0
    value = total + current
    if not ordinal:
        return str(value)
    ending = "th" if value % 100 in (11, 12, 13) else _ENDINGS.get(value % 10, "th")
    return f"{value}{ending}"


def as_written(question: str) -> str:
    """The question with its dates and its number words past twenty in the articles' forms:
    "on the 27th of Feb" -> "on the February 27", "'55" -> "1955", "seventy-first" ->
    "71st"; anything else as typed."""
    text = _FIGURES.sub(_numeric_date, question)
    text = _DAY_MONTH.sub(lambda m: _date(m.group(1), _month(m.group(2)), m.group(3)), text)
    text = _MONTH_DAY.sub(lambda m: _date(m.group(2), _month(m.group(1)), m.group(3)), text)
    text = _SHORT_YEAR.sub(lambda m: _full_year(m.group(1)), text)
    return _NUMBER_WORDS.sub(
        lambda m: m.group() if m.group().lower() in _TENS else _number(m.group()), text)
