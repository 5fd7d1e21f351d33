"""Read the Markdown shape we ask operators to write: a small front matter, then paragraphs.

    ---
    title: The health sector of Lang Son province
    date: 2025-02-27
    source: Vietnam News Agency
    url: https://example.org/article
    ---
    First paragraph ...

The front matter is read as ``key: value`` lines rather than full YAML, because headlines
carry colons ("Lang Son: 70 years") that YAML would reject unless quoted. The body is parsed
with markdown-it-py (CommonMark), so links, emphasis and wrapped lines come out as plain text;
an image's alt text becomes a caption, the first ``#`` heading the title if none is given.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from knowledge.article import Article
from knowledge.errors import UnreadableArticle
from knowledge.paragraphs import Metadata, build_article, is_caption

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_KEYS = {"title", "date", "source", "url", "publisher", "headline", "published"}
_PARSER = MarkdownIt("commonmark")


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The front matter's known keys and the body after it; unknown keys are ignored."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text.lstrip("\ufeff")
    fields: dict[str, str] = {}
    for number, line in enumerate(match.group(1).splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise UnreadableArticle(f"front matter line {number} is not 'key: value': {line!r}")
        key = key.strip().lower()
        if key in _KEYS:
            fields[key] = value.strip().strip("\"'")
    return fields, text[match.end() :]


def _inline_text(token: Token, images: list[str]) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            alt = "".join(c.content for c in child.children or [])
            if alt.strip():
                images.append(" ".join(alt.split()))
    return " ".join("".join(parts).split())


def parse_markdown(text: str, article_id: str, source: str) -> Article:
    """Read a .md article: front matter metadata, paragraphs, captions from images and credits."""
    fields, body = parse_front_matter(text)
    title = fields.get("title") or fields.get("headline")
    paragraphs: list[str] = []
    captions: list[str] = []
    tokens = _PARSER.parse(body)
    heading_level = 0
    for token in tokens:
        if token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "inline":
            images: list[str] = []
            content = _inline_text(token, images)
            captions.extend(images)
            if not content:
                continue
            if heading_level:
                if heading_level == 1 and title is None:
                    title = content
                continue  # sub-headings organise the text; they do not answer questions
            (captions if is_caption(content) else paragraphs).append(content)
    metadata = Metadata(
        title=title,
        date=fields.get("date") or fields.get("published"),
        url=fields.get("url"),
        publisher=fields.get("source") or fields.get("publisher"),
    )
    return build_article(article_id, source, metadata, paragraphs, captions)
