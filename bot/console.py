"""`python -m bot console`: ask questions at a prompt, read answers in the terminal.

Interactive on a terminal (prompt_toolkit: line editing, history kept across sessions,
Ctrl-C clears the line, Ctrl-D leaves); one question per line when standard input is a
pipe or a file, ending at end of input, so scripts and tests drive the same code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.text import Text

from bot.answer_text import answer_text, more_text, text_console
from bot.knowledge_base import KnowledgeBase
from retrieval.answer import Answer

HELP = """Type a question about the articles and press Enter, for example:
  how many commune stations does Lang Son have?
Commands:
  /more    the next best passages for the last question
  /about   what the knowledge base holds
  /help    this help
  /quit    leave (Ctrl-D works too; Ctrl-C clears the line)"""

MORE_PASSAGES = 5
ABOUT_ARTICLES = 20  # articles listed by /about; an archive's others are counted


def history_file() -> Path:
    """Where the prompt history lives: $XDG_STATE_HOME (or ~/.local/state)/article-bot."""
    state = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(state) / "article-bot" / "console-history"


def about_text(base: KnowledgeBase) -> Text:
    """What the bot knows: each article with its date and passage count."""
    knowledge = base.knowledge
    out = Text(f"{len(base.answerer.passages)} passages from {len(knowledge.articles)} "
               f"article(s) in {knowledge.folder}:\n", style="bold")
    for article in knowledge.articles[:ABOUT_ARTICLES]:
        date = f" ({article.date})" if article.date else ""
        out.append(f"  • {article.title}{date}: {len(article.passages)} passages\n")
    if len(knowledge.articles) > ABOUT_ARTICLES:
        out.append(f"  … and {len(knowledge.articles) - ABOUT_ARTICLES} more\n")
    for skipped in knowledge.skipped:
        out.append(f"  skipped {skipped}\n", style="yellow")
    out.rstrip()
    return out


@dataclass
class ConsoleSession:
    """Turns lines typed by a person into printed answers; remembers the last answer for /more."""

    base: KnowledgeBase
    out: Console
    last: Answer | None = field(default=None)

    def handle(self, line: str) -> bool:
        """Answer one line; False when the person asked to leave."""
        text = line.strip()
        if not text:
            return True
        command = text.split()[0].lower() if text.startswith("/") else None
        if command in ("/quit", "/exit", "/q"):
            return False
        if command == "/help":
            self.out.print(HELP)
        elif command == "/about":
            self.out.print(about_text(self.base))
        elif command == "/more":
            if self.last is None:
                self.out.print("Ask a question first; /more shows further passages for it.")
            else:
                self.out.print(more_text(self.last, self.base.answerer.analyzer))
        elif command is not None:
            self.out.print(f"Unknown command {command}. Type /help for the list.")
        else:
            answer = self.base.answerer.ask(text, k=MORE_PASSAGES)
            self.last = answer
            self.out.print(answer_text(answer, self.base.answerer.analyzer))
            if len(answer.passages) > 1:
                self.out.print(Text("(/more for other passages)", style="dim"))
        self.out.print()
        return True


def _typed_lines() -> Iterator[str]:
    """Lines from an interactive prompt with history; Ctrl-C clears, Ctrl-D ends."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    path = history_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        history: FileHistory | InMemoryHistory = FileHistory(str(path))
    except OSError:
        history = InMemoryHistory()
    session: PromptSession[str] = PromptSession(history=history)
    while True:
        try:
            yield session.prompt("? ")
        except KeyboardInterrupt:
            continue
        except EOFError:
            return


def run_console(base: KnowledgeBase, lines: Iterable[str] | None = None,
                out: Console | None = None) -> int:
    """Run the question loop until /quit or end of input; returns the exit code."""
    out = out or text_console()
    interactive = lines is None and sys.stdin.isatty()
    if interactive:
        out.print(Text(f"Ask about {len(base.knowledge.articles)} article(s). /help for help, "
                       "/quit to leave.", style="bold"))
        lines = _typed_lines()
    elif lines is None:
        lines = sys.stdin
    session = ConsoleSession(base, out)
    for line in lines:
        if not session.handle(line):
            break
    return 0
