"""An `Answer` for people at a terminal: the sentence with matched words bold, the passage,
and the source. Pure: returns rich `Text`, the caller prints it."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.text import Text

from bot.decline_note import decline_note
from retrieval.analyzer import Analyzer, highlight_spans
from retrieval.answer import Answer, RankedPassage

NOT_FOUND = "I could not find that in the articles."


def highlighted(text: str, terms: tuple[str, ...], analyzer: Analyzer,
                style: str = "bold yellow") -> Text:
    """The text with every word matching one of the terms styled."""
    out = Text(text)
    for start, end in highlight_spans(text, terms, analyzer):
        out.stylize(style, start, end)
    return out


def source_line(ranked: RankedPassage) -> Text:
    """Headline, date, and the file and paragraph it came from."""
    p = ranked.passage
    where = f"{p.source}, {'caption' if p.kind.value == 'caption' else 'paragraph'} {p.number}"
    parts = [p.title] + ([p.date] if p.date else []) + [where]
    return Text("— " + " · ".join(parts), style="dim")


def passage_block(ranked: RankedPassage, terms: tuple[str, ...], analyzer: Analyzer) -> Text:
    """A passage with its matched words highlighted, followed by its source."""
    return Text.assemble(highlighted(ranked.passage.text, terms, analyzer, "bold"), "\n",
                         source_line(ranked))


def answer_text(answer: Answer, analyzer: Analyzer) -> Text:
    """The whole reply to one question."""
    best = answer.best
    if not answer.answered or best is None or answer.sentence is None:
        out = Text(NOT_FOUND, style="bold red")
        note = decline_note(answer, str)
        if note:
            out.append(f"\n{note}", style="")
        if best is not None:
            out.append("\nThe nearest passage I have:\n", style="")
            out.append_text(passage_block(best, answer.terms, analyzer))
        return out
    return Text.assemble(
        highlighted(answer.sentence, answer.terms, analyzer), "\n\n",
        passage_block(best, answer.terms, analyzer),
    )


def more_text(answer: Answer, analyzer: Analyzer) -> Text:
    """The passages after the best one, numbered, for "more results"."""
    rest = answer.passages[1:]
    if not rest:
        return Text("No other passages match.", style="dim")
    out = Text()
    for number, ranked in enumerate(rest, start=2):
        out.append(f"{number}. ", style="bold")
        out.append_text(passage_block(ranked, answer.terms, analyzer))
        out.append("\n\n")
    out.rstrip()
    return out


def text_console() -> Console:
    """Where answers are printed: wrapped at word boundaries on a terminal, one line per
    paragraph in a pipe (so scripts and `grep` see whole lines)."""
    return Console(highlight=False, soft_wrap=not sys.stdout.isatty())
