"""Words readers type that the articles write otherwise, read as the articles' English:
Vietnamese names ("trạm y tế xã" -> "commune health station", "Tổng Bí thư" -> "General
Secretary"), chat shorthand for question words ("wat" -> "what", "hw many" -> "how
many") and English phrases the articles write in one word ("look after" -> "care for"),
from the list `retrieval/data/glossary.txt`.

Readers of Vietnamese health news ask in English but often name an office, a title or a
body the way they know it, with diacritics or without. BM25 cannot meet "bệnh viện" in a
passage that says "hospital", and the typo mending would take it for a slip. Shorthand
for a question word is no word to search, and the question would lose its kind ("wat
year" asks for a year). So the question is translated before it is analysed: each phrase
of the list is matched on whole words, diacritics and case aside, the longest first. The
list is data, like the synonyms: an operator adds a line for the words their readers use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from retrieval.analyzer import fold

SHIPPED = Path(__file__).with_name("data") / "glossary.txt"
_PUNCTUATION = ".,;:!?\"'()[]{}“”‘’"


def _key(word: str) -> str:
    return fold(word).strip(_PUNCTUATION)


@dataclass(frozen=True, slots=True)
class Glossary:
    """Phrases (as folded words) -> the English that replaces them."""

    phrases: Mapping[tuple[str, ...], str]

    @classmethod
    def parse(cls, lines: Iterable[str]) -> Glossary:
        """A list of "vietnamese = english" lines; # starts a comment."""
        phrases: dict[tuple[str, ...], str] = {}
        for line in lines:
            source, sep, english = line.split("#", 1)[0].partition("=")
            words = tuple(_key(w) for w in source.split())
            if sep and words and english.strip():
                phrases[words] = english.strip()
        return cls(phrases)

    @classmethod
    def shipped(cls) -> Glossary:
        """The shipped list, read afresh so a reload of the bot picks up an edited one."""
        return cls.parse(SHIPPED.read_text(encoding="utf-8").splitlines())

    def translate(self, question: str) -> str:
        """The question with every phrase of the list replaced by its English; the
        punctuation around a phrase is kept ("xã?" -> "commune?")."""
        if not self.phrases:
            return question
        longest = max(len(words) for words in self.phrases)
        words = question.split()
        keys = [_key(w) for w in words]
        out: list[str] = []
        changed = False
        i = 0
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                english = self.phrases.get(tuple(keys[i:i + n]))
                if english is not None:
                    first, last = words[i], words[i + n - 1]
                    before = first[:len(first) - len(first.lstrip(_PUNCTUATION))]
                    after = last[len(last.rstrip(_PUNCTUATION)):]
                    out.append(f"{before}{english}{after}")
                    changed = True
                    i += n
                    break
            else:
                out.append(words[i])
                i += 1
        return " ".join(out) if changed else question  # as typed when nothing matched
