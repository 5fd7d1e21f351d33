"""Split a paragraph into sentences, so an answer can quote the one sentence that answers.

A small rule-based splitter rather than a library: news text in the shapes we read needs only
"full stop, then a capital", minus abbreviations and decimals, and the libraries that do more
(NLTK punkt, spaCy) need model downloads this bot cannot rely on.
"""

from __future__ import annotations

import re

# A sentence ends at . ! or ?, optionally followed by closing quotes or brackets, then space,
# then something that can start a sentence (a capital, a digit or an opening quote).
_BOUNDARY = re.compile(r"""(?<=[.!?])(["”’')\]]*)\s+(?=["“‘'(\[]?[A-Z0-9À-Ỹ])""")
# A photo's credit line ("Photo: VNA") says who took it; it belongs to the caption sentence
# before it, so that quoting the caption quotes the credit too.
_CREDIT = re.compile(r"^\(?(?:photos?|photograph|image|source|credit)s?\s*:", re.I)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st mt jr sr vs etc e.g i.e u.s u.k jan feb mar apr jun jul aug"
    " sep sept oct nov dec gov gen col capt lt sgt rev ph.d assoc dept univ approx est"
    .split()
)
# ... and those that stand before a number ("Resolution No. 72", "Fig. 3", "total no. of
# staff"), which are words of their own before anything else: "my uncle says no. in which
# city is it?"
_NUMBERING = frozenset("no nos fig figs art vol".split())
_NUMBERED = re.compile(r"\d|of\b", re.I)


def _ends_with_abbreviation(text: str, following: str = "") -> bool:
    """True when the text before a full stop is an abbreviation or an initial, not an end;
    `following` is the text after it."""
    words = text.rstrip(".!?").rsplit(None, 1)  # none in a message's lone ". ?"
    word = words[-1] if words else ""
    word = word.lstrip("(\"“‘'").lower()
    if not text.endswith("."):
        return False
    if word in _NUMBERING:
        return _NUMBERED.match(following) is not None
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


# In a chat message a sentence may open in lower case ("thanks. how many beds?").
_CHAT_BOUNDARY = re.compile(r"""(?<=[.!?])(["”’')\]]*)\s+(?=\S)""")


def split_sentences(paragraph: str, chat: bool = False) -> tuple[str, ...]:
    """Sentences of a paragraph in order; joined with single spaces they give the text back.
    `chat` reads a typed message, whose sentences need not open with a capital."""
    text = " ".join(paragraph.split())
    if not text:
        return ()
    sentences: list[str] = []
    start = 0
    for match in (_CHAT_BOUNDARY if chat else _BOUNDARY).finditer(text):
        if _ends_with_abbreviation(text[start : match.start()], text[match.end() :]):
            continue
        sentences.append(text[start : match.end(1)].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    sentences = [s for s in sentences if s]
    if len(sentences) > 1 and _CREDIT.match(sentences[-1]):
        sentences[-2:] = [f"{sentences[-2]} {sentences[-1]}"]
    return tuple(sentences)
