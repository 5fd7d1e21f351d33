"""Turn the text of one article file into an `Article`: headline, date, captions, paragraphs.

Pure functions over strings; the loader does the file I/O. Two shapes of plain text arrive
from newsrooms and both must be read as they are: a leading ``date YYYY-MM-DD`` with
blank-line paragraphs, and a headline line followed by one paragraph per line. Markdown with a
small front matter (see `knowledge.markdown`) is the shape we ask operators to write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from knowledge.article import Article, Passage, PassageKind
from knowledge.errors import UnreadableArticle
from knowledge.sentences import split_sentences

_DATE_LINE = re.compile(r"^\s*date\s*[:=]?\s*(\d{4}-\d{1,2}-\d{1,2})\b\s*", re.IGNORECASE)
# "... Photo: VNA", "(Photo: Reuters)", "Photo courtesy of the hospital", "Ảnh: TTXVN"
_CAPTION = re.compile(
    r"(?:\(|\b)(?:photo|image|picture|ảnh)(?:\s+courtesy(?:\s+of)?|\s*:)\s*[^.!?]{1,60}[.)]?\s*$",
    re.IGNORECASE,
)
_HEADLINE_MAX_CHARS = 200
_HEADLINE_MAX_WORDS = 30
_TERMINAL = ".!?,;"
_SENTENCE_END = ".!?:;\"”’)"
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%d/%m/%Y")
_TITLE_FALLBACK_CHARS = 90


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a file says about its article, before passages are numbered."""

    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None


def normalise_date(raw: str | None) -> str | None:
    """ISO ``YYYY-MM-DD`` when the date can be read, the text as written otherwise."""
    if raw is None or not str(raw).strip():
        return None
    text = str(raw).strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return text


def is_caption(paragraph: str) -> bool:
    """A photo caption ends with its credit ("... Photo: VNA") and is not a long paragraph."""
    return len(paragraph) <= 400 and _CAPTION.search(paragraph) is not None


def _looks_like_headline(paragraph: str) -> bool:
    text = paragraph.strip()
    return (
        0 < len(text) <= _HEADLINE_MAX_CHARS
        and len(text.split()) <= _HEADLINE_MAX_WORDS
        and text[-1] not in _TERMINAL
        and not is_caption(text)
    )


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(" ".join(line.split()))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _is_hard_wrapped(block: list[str]) -> bool:
    """Lines of similar, moderate length that mostly stop mid-sentence were wrapped by an
    editor: they form one paragraph. Short one-line paragraphs end their sentences, and a
    headline above them is a single line without a full stop, so they stay apart."""
    if len(block) < 2 or len(block[-1]) > 100:
        return False
    inner = block[:-1]
    mid_sentence = sum(1 for line in inner if line[-1] not in _SENTENCE_END)
    return all(40 <= len(line) <= 100 for line in inner) and mid_sentence * 2 > len(inner)


def plain_paragraphs(text: str) -> tuple[str | None, list[str]]:
    """The date line (if any) and the paragraphs of a plain-text article.

    Each non-empty line is a paragraph, except that a blank-line block of hard-wrapped lines
    is joined back into one; the shipped articles use both one-line and blank-line styles.
    """
    text = text.lstrip("\ufeff")
    date = None
    match = _DATE_LINE.match(text)
    if match:
        date = match.group(1)
        text = text[match.end() :]
    paragraphs: list[str] = []
    for block in _blocks(text.splitlines()):
        paragraphs.extend([" ".join(block)] if _is_hard_wrapped(block) else block)
    return date, paragraphs


def _fallback_title(paragraphs: Iterable[str]) -> str:
    """An article without a headline is named by its first sentence, shortened."""
    for paragraph in paragraphs:
        sentences = split_sentences(paragraph)
        if sentences:
            first = sentences[0]
            if len(first) <= _TITLE_FALLBACK_CHARS:
                return first.rstrip(".")
            cut = first[:_TITLE_FALLBACK_CHARS].rsplit(" ", 1)[0]
            return cut.rstrip(",;:") + "…"
    return ""


def build_article(
    article_id: str, source: str, metadata: Metadata, paragraphs: list[str], captions: list[str]
) -> Article:
    """Number the passages and attach the article's metadata to each; refuse an empty article."""
    if not paragraphs and not captions:
        raise UnreadableArticle(f"{source}: no text to answer from")
    title = metadata.title or _fallback_title(paragraphs or captions)
    date = normalise_date(metadata.date)

    def passage(kind: PassageKind, number: int, text: str) -> Passage:
        suffix = str(number) if kind is PassageKind.BODY else f"caption-{number}"
        return Passage(
            id=f"{article_id}:{suffix}",
            article=article_id,
            number=number,
            kind=kind,
            text=text,
            sentences=split_sentences(text),
            title=title,
            date=date,
            source=source,
            url=metadata.url,
            publisher=metadata.publisher,
        )

    return Article(
        id=article_id,
        title=title,
        date=date,
        source=source,
        url=metadata.url,
        publisher=metadata.publisher,
        paragraphs=tuple(passage(PassageKind.BODY, i, p) for i, p in enumerate(paragraphs, 1)),
        captions=tuple(passage(PassageKind.CAPTION, i, c) for i, c in enumerate(captions, 1)),
    )


def parse_plain_text(text: str, article_id: str, source: str) -> Article:
    """Read a .txt article: optional ``date`` line, optional headline, captions set apart."""
    date, paragraphs = plain_paragraphs(text)
    title = None
    if len(paragraphs) > 1 and _looks_like_headline(paragraphs[0]):
        title = paragraphs.pop(0)
    body = [p for p in paragraphs if not is_caption(p)]
    captions = [p for p in paragraphs if is_caption(p)]
    return build_article(article_id, source, Metadata(title=title, date=date), body, captions)
