"""Find the article files in a folder, read each one, and name and skip the broken ones.

The only module in `knowledge` that touches the disk. A bad file never stops the others
from being served: it lands in `Knowledge.skipped` with a reason and a warning is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.article import Article, Passage
from knowledge.errors import KnowledgeError, NoArticlesFound, UnreadableArticle
from knowledge.markdown import parse_markdown
from knowledge.paragraphs import parse_plain_text

log = logging.getLogger(__name__)

Parser = Callable[[str, str, str], Article]
PARSERS: dict[str, Parser] = {
    ".txt": parse_plain_text,
    ".text": parse_plain_text,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
}
# Files an article folder naturally holds besides articles: read silently past, not warned.
IGNORED_NAMES = frozenset(
    {"readme.md", "readme.txt", "readme", "license", "license.md", "thumbs.db"})


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file that was not served, and why, in words for the operator."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Everything the bot can answer from, plus what it had to leave out.

    `articles` is a tuple when read from the folder, or a lazily decoded sequence when opened
    from a saved index (`retrieval.store`), so a million passages need not be decoded at start.
    """

    folder: Path
    articles: Sequence[Article]
    skipped: tuple[SkippedFile, ...]

    @property
    def passages(self) -> tuple[Passage, ...]:
        """All searchable passages, article by article in file-name order."""
        return tuple(p for article in self.articles for p in article.passages)


def default_knowledge_dir() -> Path:
    """The articles shipped inside the package, so an installed copy has them too."""
    return Path(__file__).resolve().parent / "articles"


def article_files(folder: Path) -> Iterator[Path]:
    """Every candidate file under the folder, sorted, without hidden files or folders."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        if path.is_file() and path.name.lower() not in IGNORED_NAMES:
            yield path


def decode_article(data: bytes) -> str:
    """The text of a file, or `UnreadableArticle` saying plainly what is wrong with it."""
    if not data.strip():
        raise UnreadableArticle("the file is empty")
    if b"\x00" in data[:8192]:
        raise UnreadableArticle("the file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableArticle(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None


def read_article(path: Path, folder: Path) -> Article:
    """One file as an `Article`; raises `UnreadableArticle` naming the problem."""
    relative = path.relative_to(folder).as_posix()
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        supported = ", ".join(sorted(PARSERS))
        raise UnreadableArticle(f"not an article file (supported: {supported})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableArticle(f"cannot be read ({exc.strerror or exc})") from None
    article_id = relative.rsplit(".", 1)[0]
    return parser(decode_article(data), article_id, relative)


def load_articles(folder: Path | str) -> Knowledge:
    """Read every article in the folder; raise `NoArticlesFound` when none is usable."""
    root = Path(folder).expanduser()
    if not root.is_dir():
        raise KnowledgeError(f"{root}: no such folder of articles")
    articles: list[Article] = []
    skipped: list[SkippedFile] = []
    seen_ids: set[str] = set()
    for path in article_files(root):
        relative = path.relative_to(root).as_posix()
        try:
            article = read_article(path, root)
        except UnreadableArticle as exc:
            reason = str(exc).removeprefix(f"{relative}: ")
            skipped.append(SkippedFile(relative, reason))
            log.warning("skipped %s: %s", relative, reason)
            continue
        if article.id in seen_ids:
            reason = f"another file already holds article {article.id!r}"
            skipped.append(SkippedFile(relative, reason))
            log.warning("skipped %s: %s", relative, reason)
            continue
        seen_ids.add(article.id)
        articles.append(article)
    if not articles:
        detail = f" ({len(skipped)} file(s) skipped)" if skipped else ""
        raise NoArticlesFound(f"{root}: no readable articles (.txt or .md){detail}")
    return Knowledge(folder=root, articles=tuple(articles), skipped=tuple(skipped))
