"""The answers a question offers to choose from: "10 or 12?", "a) cardiology b) oncology".

Quiz makers and people checking what they heard ask with the candidates written out: "how
many Medical Ethics Principles do they follow: 10 or 12?", "what year was it founded: 1945,
1948 or 1954?", "photo credit, VNA or VNS?", "which department: a) cardiology b) intensive
care and toxicology c) oncology". Only one of the candidates is what the articles say, so the
others are words the right passage lacks: the coverage check would call it a weak match,
and a candidate no article holds ("1954", "VNS") would read as something the articles never
mention. `retrieval.answer` leaves out the candidates the passage does not hold once it holds
one of them.

Candidates are read only from the end of a question, where a choice is offered, or from a
lettered list; "or" inside a phrase ("geographical, economic or social barriers") offers
nothing to choose from unless the question ends on it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from retrieval.analyzer import Analyzer

# "a) ...  b) ...", "(a) ... (b) ...", "A. ... B. ...", "1) ... 2) ..."
_LETTER = re.compile(r"(?:^|(?<=\s)|(?<=[:;,]))\(?([a-eA-E1-5])[).]\s+")
_LAST_OR = re.compile(r"^(.*)\s+or\s+(.+?)[\s?!.]*$", re.I | re.S)
# where the part of a question offering the choice starts: "...: 10 or 12", "... - VNA or VNS"
_STRONG = re.compile(r"[:;?!(]|\s[-–—]\s|[–—]")
_FIGURE = re.compile(r"\d[\d,.]*%?")
# a candidate is a short phrase, not a clause: up to this many words where a colon or dash
# sets the choice apart ("which department: intensive care and toxicology or ..."), fewer
# where only "or" does ("is it public or private")
_MAX_WORDS = 5
_MAX_WORDS_UNMARKED = 3


def as_listed(question: str) -> str:
    """A lettered choice written as a list: "which ward: a) surgery b) oncology" -> "which
    ward: surgery or oncology", so that the letters are not searched as words ("b", "c")."""
    marks = list(_LETTER.finditer(question))
    letters = [m.group(1).lower() for m in marks]
    if len(marks) < 2 or letters[:2] not in (["a", "b"], ["1", "2"]):
        return question
    ends = [m.start() for m in marks[1:]] + [len(question)]
    options = [re.sub(r"\s+or$", "", question[m.end():end].strip(" ,;?.!"), flags=re.I)
               for m, end in zip(marks, ends, strict=True)]
    options = [option for option in options if option]
    if len(options) < 2:
        return question
    listed = ", ".join(options[:-1]) + " or " + options[-1]
    head = question[:marks[0].start()].rstrip()
    mark = "" if not head or head[-1] in ":;,?!." else ":"
    return f"{head}{mark} {listed}?".lstrip()


def offered_choices(question: str) -> tuple[str, ...]:
    """The candidates a question offers (at least two), or none.

    Figures offered ("was it 120, 194 or 200 stations?") are the figures of the list; other
    candidates are the phrases of a comma list ending "... or ...", or the words before "or"
    as many as after it ("is it public or private"). A lettered list is read as a list."""
    question = as_listed(question)
    match = _LAST_OR.match(question.strip())
    if match is None or match.group(2).lower().startswith(("not", "no ")):
        return ()
    head, last = match.group(1), match.group(2).strip(" ,;")
    tail = _STRONG.split(head)[-1]
    items = [item.strip() for item in tail.split(",")]
    if last_figure := _FIGURE.search(last):  # "was it 120, 194 or 200 stations": the figures
        figures = [m.group() for item in items for m in _FIGURE.finditer(item)]
        options = [*figures[-len(items):], last_figure.group()]
        return tuple(options) if len(options) >= 2 else ()
    width = len(last.split())
    limit = _MAX_WORDS if tail != head else _MAX_WORDS_UNMARKED
    if width > limit:
        return ()
    first, *rest = items
    if rest or tail != head:  # "pics, VNA or VNS", "...: cardiology or oncology"
        chosen = [item for item in (rest if tail == head else items)
                  if item and len(item.split()) <= limit]
    else:  # "is it public or private": as many words before "or" as after
        chosen = [" ".join(first.split()[-width:])]
    return (*chosen, last) if chosen else ()


def candidate_terms(question: str, analyzer: Analyzer) -> tuple[frozenset[str], ...]:
    """The terms of each candidate a question offers (none that analyse to nothing); any of
    them may be the answer, a figure too, though the question writes it ("10 or 12?" is
    answered by "12 Medical Ethics Principles")."""
    return tuple(terms for terms in (frozenset(analyzer.terms(c))
                                     for c in offered_choices(question)) if terms)


def passed_over(candidates: Sequence[frozenset[str]], held: Set[str]) -> frozenset[str]:
    """The terms of the candidates a passage does not hold, once it holds one of them: "12"
    settles "10 or 12?", so "10" is no word it lacks. None when it holds no candidate."""
    if not any(terms <= held for terms in candidates):
        return frozenset()
    return frozenset(t for terms in candidates for t in terms if t not in held)
