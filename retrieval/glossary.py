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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from retrieval.phrases import POSSESSIVE, PUNCTUATION, phrase_spans, word_key

SHIPPED = Path(__file__).with_name("data") / "glossary.txt"


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
            words = tuple(word_key(w) for w in source.split())
            if sep and words and english.strip():
                phrases[words] = english.strip()
        return cls(phrases)

    @classmethod
    def shipped(cls) -> Glossary:
        """The shipped list, read afresh so a reload of the bot picks up an edited one."""
        return cls.parse(SHIPPED.read_text(encoding="utf-8").splitlines())

    def translate(self, question: str, keep: Callable[[str], bool] | None = None) -> str:
        """The question with every phrase of the list replaced by its English; the
        punctuation around a phrase is kept ("xã?" -> "commune?"). A one-word phrase that
        `keep` holds is left as typed: where the passages write "MDS" for a syndrome, a
        reader's "MDS" is that, not "doctors"."""
        if not self.phrases:
            return question
        longest = max(len(words) for words in self.phrases)
        words = question.split()
        # a possessive is the phrase's ("the GS's remarks", "in the party chief's view",
        # "the Friendship Hospital's mission"), kept after its English
        keys = [POSSESSIVE.sub("", word_key(w)) for w in words]
        out: list[str] = []
        done = 0
        for i, end in phrase_spans(keys, self.phrases, longest):
            if keep is not None and end == i + 1 and keep(words[i].strip(PUNCTUATION)):
                continue
            first, last = words[i], words[end - 1]
            before = first[:len(first) - len(first.lstrip(PUNCTUATION))]
            core = last.rstrip(PUNCTUATION)
            possessive = match.group() if (match := POSSESSIVE.search(core)) else ""
            after = possessive + last[len(core):]
            out += words[done:i]
            out.append(f"{before}{self.phrases[tuple(keys[i:end])]}{after}")
            done = end
        if not out:
            return question  # as typed when nothing matched
        return " ".join(out + words[done:])
