"""An acronym the articles never write, read as the name whose initials it is.

Staff and regular readers shorten the names they use every day: "LS" for Lang Son, "HCM" for
Ho Chi Minh. The articles write those names out, so the acronym is a word no passage holds:
read as a name, it would even make the bot decline ("the articles never mention LS"). Such an
acronym is looked up among the names written in the passages the rest of the question finds
best: a run of capitalised words, or its tail ("President Ho Chi Minh" lends "Ho Chi Minh",
never "President Ho Chi", nor "In Sepsis" opening a sentence), whose initials spell it; the
name written most often wins. A name the passages do not hold leaves the acronym as it is, so
"HCMC" (a city the articles never name) is still a name they lack, and neither is an acronym
that is a stop word as typed ("IS") read as anything else.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from retrieval.phrases import POSSESSIVE
from retrieval.stopwords import ENGLISH

# An acronym as typed: two to five capitals, maybe possessive or plural ("LS's", "HCWs").
ACRONYM = re.compile(r"(?<![\w'’-])([A-Z]{2,5})(?=(?:['’]s|s)?(?![\w'’-]))")
# A name as written: capitalised words one space apart ("Lang Son", "Ho Chi Minh’s").
NAME = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:['’]s)?(?: [A-Z][a-z]+(?:['’]s)?)+")


def names_by_initials(texts: Iterable[str]) -> dict[str, Counter[str]]:
    """Initials ("ls") -> the names of two words or more spelled by them, with how often
    the texts write each ("Lang Son": 12), from every tail of every run of names."""
    found: dict[str, Counter[str]] = {}
    for text in texts:
        for match in NAME.finditer(text):
            words = [POSSESSIVE.sub("", word) for word in match.group().split(" ")]
            for start in range(len(words) - 1):
                tail = words[start:]
                if tail[0].lower() in ENGLISH:  # "In Sepsis" opens a sentence, names nothing
                    continue
                initials = "".join(word[0] for word in tail).lower()
                found.setdefault(initials, Counter())[" ".join(tail)] += 1
    return found


def spell_out(question: str, acronyms: Iterable[str], texts: Iterable[str]) -> str:
    """The question with each of `acronyms` (as typed) written as the name the texts spell
    with its initials, most written first; an acronym no name spells is left as it is."""
    wanted = set(acronyms)
    if not wanted:
        return question
    names = names_by_initials(texts)

    def name(match: re.Match[str]) -> str:
        acronym = match.group(1)
        counts = names.get(acronym.lower()) if acronym in wanted else None
        return counts.most_common(1)[0][0] if counts else acronym

    return ACRONYM.sub(name, question)
