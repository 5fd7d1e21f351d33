"""`python -m bot report`: the questions operators should look at to improve the articles.

It reads the question log the Telegram bot writes (`BOT_DATA_DIR/questions.sqlite3`); it
needs no token and does not load the articles, so it runs beside a live bot (SQLite's WAL
mode lets it read while the bot writes).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bot.answer_text import text_console
from bot.question_log import QuestionLog, Report
from bot.settings import QUESTION_LOG_FILE, add_data_dir_argument, environment, resolve_data_dir

DEFAULT_LIMIT = 20


def report_tables(report: Report) -> list[Table | str]:
    """The report as printable parts: a summary line and two tables."""
    stats = report.stats
    summary = (f"{stats.questions} questions, {stats.answered_share:.0%} answered, "
               f"{stats.upvotes} 👍 / {stats.downvotes} 👎")
    unanswered = Table(title="Most frequent unanswered questions", title_justify="left")
    unanswered.add_column("times", justify="right")
    unanswered.add_column("question")
    for row in report.unanswered:
        unanswered.add_row(str(row.count), row.question)
    downvoted = Table(title="Down-voted answers", title_justify="left")
    downvoted.add_column("👎", justify="right")
    downvoted.add_column("question")
    downvoted.add_column("passage")
    for row in report.downvoted:
        downvoted.add_row(str(row.count), row.question, row.passage_id or "")
    return [summary, unanswered, downvoted]


def run_report(log_path: Path, limit: int = DEFAULT_LIMIT,
               console: Console | None = None) -> int:
    """Print the report; a missing log is one line saying so, exit code 0."""
    console = console or text_console()
    if not log_path.exists():
        console.print(f"No question log yet at {log_path}: the bot has not answered anything.")
        return 0
    log = QuestionLog(log_path, retention_days=0)  # reading only: the bot purges, by its setting
    try:
        for part in report_tables(log.report(limit)):
            console.print(part)
    finally:
        log.close()
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `report` subcommand's options."""
    add_data_dir_argument(parser)
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                        help="questions listed per table (default: %(default)s)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")


def run_report_command(args: argparse.Namespace) -> int:
    """`python -m bot report`: the log in --data-dir, $BOT_DATA_DIR or the default folder."""
    folder = resolve_data_dir(args.data_dir, environment())
    return run_report(folder / QUESTION_LOG_FILE, max(args.limit, 1))
