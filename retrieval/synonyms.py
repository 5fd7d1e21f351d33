"""Words people use for one another in questions about health news ("staff" for
"personnel", "clinic" for "station"), from the word list `retrieval/data/synonyms.txt`;
and looser kin, from `retrieval/data/related.txt`.

BM25 only meets the words a question shares with a passage, and the people who ask are not
the people who wrote the articles. A question word of a synonym group also searches for the
group's other words (when the index holds them) and counts as found in a passage holding any
of them. A related group ("workers", "professionals", "staff": the people who work in
health, which news writers vary for style) is too loose to search by, since it would bring
up passages about other people, but close enough that a passage holding one of them has not
left the question's word out when deciding whether it answers. The lists are data: an
operator whose readers ask in other words adds a line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from retrieval.analyzer import Analyzer

SHIPPED = Path(__file__).with_name("data") / "synonyms.txt"
RELATED = Path(__file__).with_name("data") / "related.txt"
Alternatives = Mapping[str, frozenset[str]]  # question term -> terms that mean the same


def parse_groups(lines: Iterable[str]) -> list[list[str]]:
    """The groups of a word list: comma-separated words, one group a line, # comments
    (a "kind: instances" line is no group, see `parse_kinds`)."""
    groups = []
    for line in lines:
        if ":" in line.split("#", 1)[0]:
            continue
        words = [w.strip() for w in line.split("#", 1)[0].split(",")]
        words = [w for w in words if w]
        if len(words) > 1:
            groups.append(words)
    return groups


def parse_kinds(lines: Iterable[str]) -> list[tuple[str, list[str]]]:
    """The "kind: instance, instance" lines of a word list: a broader word and the narrower
    words that stand in for it, but not it for them ("facility: hospital, clinic")."""
    kinds = []
    for line in lines:
        kind, sep, rest = line.split("#", 1)[0].partition(":")
        instances = [w.strip() for w in rest.split(",") if w.strip()]
        if sep and kind.strip() and instances:
            kinds.append((kind.strip(), instances))
    return kinds


def _shipped_groups(path: Path = SHIPPED) -> tuple[tuple[str, ...], ...]:
    """Read afresh by each new ranker, so a reload of the bot picks up an edited list."""
    text = path.read_text(encoding="utf-8")
    return tuple(tuple(group) for group in parse_groups(text.splitlines()))


def synonym_terms(analyzer: Analyzer,
                  groups: Iterable[Iterable[str]] | None = None) -> dict[str, frozenset[str]]:
    """Each analysed term of a group -> the group's other terms (words that analyse to
    nothing or to several terms are left out)."""
    table: dict[str, set[str]] = {}
    for group in (_shipped_groups() if groups is None else groups):
        terms = {t[0] for t in (analyzer.terms(w) for w in group) if len(t) == 1}
        for term in terms:
            table.setdefault(term, set()).update(terms - {term})
    return {term: frozenset(others) for term, others in table.items() if others}


# A number written in digits or in words is one number: "3 or 4 provincial hospitals?" is
# answered by "four provincial hospitals". Kin, not synonyms: "2" is not searched as "two"
# ("type 2 diabetes"). Words past twenty are rare in news ("seventy") and come with a unit
# ("seven decades") that no table of words mends.
_NUMBERS = ("one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()
NUMBER_GROUPS = tuple((str(value), word) for value, word in enumerate(_NUMBERS, start=1))


def related_terms(analyzer: Analyzer) -> dict[str, frozenset[str]]:
    """Each analysed term of a shipped related group -> the group's other terms; each number
    from one to twenty in digits -> in words, and back; and each kind -> its instances."""
    lines = RELATED.read_text(encoding="utf-8").splitlines()  # afresh, as `_shipped_groups`
    table = synonym_terms(analyzer, (*parse_groups(lines), *NUMBER_GROUPS))
    for kind, instances in parse_kinds(lines):
        terms = analyzer.terms(kind)
        narrower = {t[0] for t in (analyzer.terms(w) for w in instances) if len(t) == 1}
        if len(terms) == 1 and narrower:
            table[terms[0]] = table.get(terms[0], frozenset()) | frozenset(narrower)
    return table


def matched(wanted: Iterable[str], terms: Iterable[str] | set[str] | frozenset[str],
            alternatives: Alternatives) -> set[str]:
    """The wanted terms that `terms` hold, themselves or through one of their alternatives.
    A held word stands in for one wanted word only: "Party chief" is no answer to both the
    "head" and the "director" of "who runs the hospital, who is the director there"."""
    held = terms if isinstance(terms, (set, frozenset)) else set(terms)
    # in the order given (the question's), a set sorted: a set's own order changes from run
    # to run (hash seeds), and with it which of two wanted words a shared stand-in is given to
    order = sorted(wanted) if isinstance(wanted, (set, frozenset)) else list(dict.fromkeys(wanted))
    found = {t for t in order if t in held}
    used = set(found)
    for t in order:
        if t not in found:
            stand_in = next((a for a in sorted(alternatives.get(t, ())) if a in held
                             and a not in used), None)
            if stand_in is not None:
                found.add(t)
                used.add(stand_in)
    return found
