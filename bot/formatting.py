"""An `Answer` as Telegram messages in HTML parse mode. Pure: values in, strings out.

A reply is built from `Block`s of plain-text `Run`s and only escaped and tagged at the very end,
so splitting a long reply (Telegram takes at most 4,096 characters a message) happens between
blocks, or inside one at a space, on plain text: a tag or an entity is never cut, and every
message is valid Telegram HTML on its own. Everything from the articles or the user goes
through `html.escape`; the only tags used are <b>, <i>, <a href> and <blockquote>.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import groupby

from babel.dates import format_date

from bot.decline_note import decline_note
from bot.i18n import Words
from knowledge import Article, Knowledge, Passage, PassageKind
from retrieval.analyzer import Analyzer, highlight_spans
from retrieval.answer import Answer, RankedPassage

TELEGRAM_LIMIT = 4096  # characters of a message's text, as Telegram counts them (UTF-16)
BLOCK_GAP = "\n\n"
MAX_HEADLINES = 10  # headlines listed in a "not found" reply; the rest are counted
ELLIPSIS = "…"

_TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of plain text in one style; escaped only when rendered."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None  # an http(s) URL the text links to


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of a reply: replies split between blocks, and inside one only at spaces."""

    runs: tuple[Run, ...]
    quote: bool = False


def text_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def _is_web_link(url: str | None) -> bool:
    return bool(url) and re.match(r"https?://\S+$", url or "") is not None


def render_run(run: Run) -> str:
    """One run as HTML: escaped text inside its tags."""
    out = html.escape(run.text, quote=False)
    if run.link and _is_web_link(run.link):
        out = f'<a href="{html.escape(run.link, quote=True)}">{out}</a>'
    if run.italic:
        out = f"<i>{out}</i>"
    if run.bold:
        out = f"<b>{out}</b>"
    return out


def _style(run: Run) -> tuple[bool, bool, str | None]:
    return run.bold, run.italic, run.link


def _coalesce(runs: Iterable[Run]) -> list[Run]:
    """Neighbouring runs of the same style joined, so each style is tagged once (in linear
    time: a huge paragraph arrives as thousands of one-word runs)."""
    return [Run("".join(run.text for run in group), *style)
            for style, group in groupby((run for run in runs if run.text), key=_style)]


def render_block(block: Block) -> str:
    """A block as HTML; a quote becomes a <blockquote>."""
    body = "".join(render_run(run) for run in _coalesce(block.runs))
    return f"<blockquote>{body}</blockquote>" if block.quote else body


def _run_cost(run: Run) -> int:
    """An upper bound of the run's rendered length, tags included."""
    return text_length(render_run(run))


def _block_overhead(block: Block) -> int:
    return len("<blockquote></blockquote>") if block.quote else 0


def _hard_split(run: Run, budget: int) -> Iterator[Run]:
    """A word too long for one message, in pieces that each fit (before escaping, so an
    entity such as &amp; is never cut)."""
    tags = _run_cost(replace(run, text=""))
    piece: list[str] = []
    used = tags
    for char in run.text:
        cost = text_length(html.escape(char, quote=False))
        if piece and used + cost > budget:
            yield replace(run, text="".join(piece))
            piece, used = [], tags
        piece.append(char)
        used += cost
    if piece:
        yield replace(run, text="".join(piece))


def _words(block: Block, budget: int) -> Iterator[tuple[Run, int]]:
    """The block's runs cut into words with their trailing spaces, each within `budget`,
    with their cost."""
    for run in block.runs:
        for match in _TOKEN.finditer(run.text):
            word = Run(match.group(), *_style(run))
            cost = _run_cost(word)
            if cost > budget:
                for piece in _hard_split(word, budget):
                    yield piece, _run_cost(piece)
            else:
                yield word, cost


def _merge(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Neighbouring runs of the same style joined, the piece's outer spaces trimmed."""
    merged = _coalesce(runs)
    if merged:
        merged[0] = replace(merged[0], text=merged[0].text.lstrip())
        merged[-1] = replace(merged[-1], text=merged[-1].text.rstrip())
    return tuple(run for run in merged if run.text)


def split_block(block: Block, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """The block as one or more HTML strings, each within `limit`, cut only at spaces (or, for
    a single word longer than a message, between characters)."""
    whole = render_block(block)
    if text_length(whole) <= limit:
        return [whole] if "".join(r.text for r in block.runs).strip() else []
    budget = limit - _block_overhead(block)
    pieces: list[list[Run]] = [[]]
    used = 0
    for word, cost in _words(block, budget):
        if pieces[-1] and used + cost > budget:
            pieces.append([])
            used = 0
        pieces[-1].append(word)
        used += cost
    out = []
    for piece in pieces:
        runs = _merge(piece)
        if "".join(r.text for r in runs).strip():
            out.append(render_block(Block(runs, block.quote)))
    return out


def to_messages(blocks: Sequence[Block], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """The reply as few messages as possible, each valid HTML within `limit` characters."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        for piece in split_block(block, limit):
            candidate = f"{current}{BLOCK_GAP}{piece}" if current else piece
            if text_length(candidate) <= limit:
                current = candidate
            else:
                messages.append(current)
                current = piece
    if current:
        messages.append(current)
    return messages


def to_message(blocks: Sequence[Block], limit: int = TELEGRAM_LIMIT) -> str:
    """The reply as one message (an edited message or an inline result has room for one):
    what does not fit is cut at a space and marked with an ellipsis."""
    messages = to_messages(blocks, limit - len(ELLIPSIS) - 1)
    if not messages:
        return ELLIPSIS
    return messages[0] + (f"\n{ELLIPSIS}" if len(messages) > 1 else "")


def plain(text: str, **style: bool) -> Block:
    """A block of one run."""
    return Block((Run(text, **style),))


def highlighted(text: str, terms: Sequence[str], analyzer: Analyzer) -> tuple[Run, ...]:
    """The text with each word matching one of the question's terms in bold."""
    runs: list[Run] = []
    position = 0
    for start, end in highlight_spans(text, terms, analyzer):
        if start > position:
            runs.append(Run(text[position:start]))
        runs.append(Run(text[start:end], bold=True))
        position = end
    if position < len(text):
        runs.append(Run(text[position:]))
    return tuple(runs)


def readable_date(value: str | None, language: str) -> str | None:
    """An ISO date in the user's language ("27 February 2026", "27 tháng 2, 2026");
    any other text as written."""
    if not value:
        return None
    try:
        return format_date(date.fromisoformat(value), format="long", locale=language)
    except ValueError:
        return value


def source_block(passage: Passage, words: Words) -> Block:
    """Where a passage comes from: headline (linked when the article has a URL), date, and
    the paragraph or caption number."""
    _ = words.gettext
    where = (_("caption {number}") if passage.kind is PassageKind.CAPTION
             else _("paragraph {number}")).format(number=passage.number)
    tail = [d for d in (readable_date(passage.date, words.language),) if d] + [where]
    link = passage.url if _is_web_link(passage.url) else None
    return Block((Run("— ", italic=True), Run(passage.title, italic=True, link=link),
                  Run(" · " + " · ".join(tail), italic=True)))


def passage_blocks(passage: Passage, terms: Sequence[str], analyzer: Analyzer,
                   words: Words) -> list[Block]:
    """A passage quoted with its matched words in bold, then its source."""
    return [Block(highlighted(passage.text, terms, analyzer), quote=True),
            source_block(passage, words)]


def results(answer: Answer) -> tuple[RankedPassage, ...]:
    """The passages shown on the pages after the first: those after the answer's own, or all
    of them when nothing answered."""
    return answer.passages[1:] if answer.answered else answer.passages


def page_count(answer: Answer) -> int:
    """The first page (the answer, or "not found") plus one page per further passage."""
    return 1 + len(results(answer))


def ranked_on_page(answer: Answer, page: int) -> RankedPassage | None:
    """The passage a page shows (None for a "not found" first page or a page out of range)."""
    if page == 0:
        return answer.best if answer.answered else None
    shown = results(answer)
    return shown[page - 1] if 0 < page <= len(shown) else None


def headline_lines(articles: Sequence[Article], words: Words,
                   passage_counts: bool = False) -> list[str]:
    """The first `MAX_HEADLINES` articles as "• headline (date)" lines, the rest counted: an
    archive of 100,000 articles is neither listed nor decoded."""
    lines = []
    for article in articles[:MAX_HEADLINES]:
        day = readable_date(article.date, words.language)
        line = f"• {article.title}" + (f" ({day})" if day else "")
        if passage_counts:
            count = len(article.passages)
            line += ": " + words.ngettext("{count} passage", "{count} passages",
                                          count).format(count=count)
        lines.append(line)
    if len(articles) > MAX_HEADLINES:
        more = len(articles) - MAX_HEADLINES
        lines.append(words.ngettext("… and {count} more article", "… and {count} more articles",
                                    more).format(count=more))
    return lines


def headline_blocks(knowledge: Knowledge, words: Words) -> list[Block]:
    """What the bot knows about: the articles' headlines with their dates."""
    _ = words.gettext
    lines = headline_lines(knowledge.articles, words)
    return [plain("\n".join([_("I know about these articles:"), *lines]))]


def not_found_blocks(answer: Answer, knowledge: Knowledge, words: Words) -> list[Block]:
    """An honest "not found", with what the bot does know about."""
    _ = words.gettext
    blocks = [plain(_("I could not find that in the articles."), bold=True)]
    note = decline_note(answer, _)
    if note:
        blocks.append(plain(note))
    if not answer.terms:
        blocks.append(plain(_("Ask with a few key words, for example a place, a number or a "
                              "name from the news.")))
    blocks += headline_blocks(knowledge, words)
    if answer.passages:
        blocks.append(plain(_("“Closest passages” shows what came nearest, though it may not "
                              "answer your question."), italic=True))
    return blocks


def answer_blocks(answer: Answer, analyzer: Analyzer, knowledge: Knowledge,
                  words: Words) -> list[Block]:
    """The first reply to a question: the answering sentence with matched words in bold, the
    passage it comes from, and its source; or an honest "not found"."""
    best = answer.best
    if not answer.answered or best is None or answer.sentence is None:
        return not_found_blocks(answer, knowledge, words)
    return [Block(highlighted(answer.sentence, answer.terms, analyzer)),
            *passage_blocks(best.passage, answer.terms, analyzer, words)]


def page_blocks(answer: Answer, page: int, analyzer: Analyzer, knowledge: Knowledge,
                words: Words) -> list[Block]:
    """Page 0 is the answer; page n is the n-th further passage, with a header saying so."""
    shown = ranked_on_page(answer, page)
    if page == 0 or shown is None:
        return answer_blocks(answer, analyzer, knowledge, words)
    _ = words.gettext
    header = [plain(_("Result {number} of {total}").format(
        number=page + 1 if answer.answered else page,
        total=len(answer.passages)), bold=True)]
    if not answer.answered:
        header.append(plain(_("The closest passage I have; it may not answer your question."),
                            italic=True))
    return header + passage_blocks(shown.passage, answer.terms, analyzer, words)


def context_blocks(passage: Passage, around: tuple[Passage | None, Passage | None],
                   terms: Sequence[str], analyzer: Analyzer, words: Words) -> list[Block]:
    """A passage between the paragraphs `around` it (`Answerer.neighbours`), so the reader
    can judge it in context."""
    _ = words.gettext
    before, after = around
    blocks = [plain(_("In context:"), bold=True)]
    if before:
        blocks.append(plain(before.text))
    blocks.append(Block(highlighted(passage.text, terms, analyzer), quote=True))
    if after:
        blocks.append(plain(after.text))
    blocks.append(source_block(passage, words))
    return blocks
