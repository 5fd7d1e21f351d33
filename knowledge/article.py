"""The units that leave `knowledge`: an article and the passages it is split into."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PassageKind(StrEnum):
    """Body paragraphs answer questions; captions are searchable but second-class."""

    BODY = "body"
    CAPTION = "caption"


@dataclass(frozen=True, slots=True)
class Passage:
    """One retrievable unit; article, number and kind let a reply say where it came from."""

    id: str  # stable: "<article>:<number>" for body text, "<article>:caption-<n>" for captions
    article: str  # the article's id (its file name without extension)
    number: int  # 1-based, within its article and kind
    kind: PassageKind
    text: str
    sentences: tuple[str, ...]
    title: str
    date: str | None
    source: str  # file name as the operator sees it, relative to the knowledge folder
    url: str | None = None
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A news article as read from one file: its metadata and its passages in reading order."""

    id: str
    title: str
    date: str | None
    source: str
    url: str | None
    publisher: str | None
    paragraphs: tuple[Passage, ...]
    captions: tuple[Passage, ...]

    @property
    def passages(self) -> tuple[Passage, ...]:
        """Everything searchable: body paragraphs first, then captions."""
        return self.paragraphs + self.captions
