"""Parse the command line, configure logging, and run one front end.

Every subcommand that answers takes ``--knowledge DIR`` (or $KNOWLEDGE_DIR); `report` reads
only the question log. Problems with the folder or the settings become one ``error:`` line
and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from bot.evaluate import add_arguments as add_eval_arguments
from bot.evaluate import run_eval
from bot.knowledge_base import KNOWLEDGE_ENV, KnowledgeBase, knowledge_dir, open_knowledge_base
from bot.report import add_arguments as add_report_arguments
from bot.report import run_report_command
from bot.settings import SettingsError, read_settings
from bot.settings import add_arguments as add_telegram_arguments
from knowledge import KnowledgeError
from retrieval.answerer import DEFAULT_ENGINE, ENGINES

EXIT_USAGE = 2

EXAMPLES = """examples:
  python -m bot console
  python -m bot ask "how many commune stations does Lang Son have?"
  echo "when was the Lang Son health department founded" | python -m bot ask --json
  python -m bot ask --knowledge ~/articles "who runs the hospital?"
  TELEGRAM_BOT_TOKEN=123456:ABC-your-token python -m bot telegram
  python -m bot index --knowledge ~/articles
  python -m bot report --limit 10
"""


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--knowledge", metavar="DIR",
                        help=f"folder of articles (.txt, .md); default ${KNOWLEDGE_ENV} "
                             "or the shipped articles")
    common.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE,
                        help="BM25 engine (default: %(default)s)")
    common.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    return common


def build_parser() -> argparse.ArgumentParser:
    """The `python -m bot` command line: one subcommand per front end."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="Answer questions from a folder of news articles.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("console", parents=[common], help="ask questions at a prompt",
                        description="Interactive prompt; reads one question a line from a pipe.")
    ask = commands.add_parser(
        "ask", parents=[common], help="answer questions and exit",
        description="Answer each QUESTION argument, or each line of standard input if none.",
        epilog='example: python -m bot ask --json "how many hospital beds does Lang Son have?"')
    ask.add_argument("questions", nargs="*", metavar="QUESTION")
    ask.add_argument("--json", action="store_true", help="one JSON object per question per line")
    ask.add_argument("-k", "--passages", type=int, default=3, metavar="N",
                     help="passages to list per answer (default: %(default)s)")
    telegram = commands.add_parser(
        "telegram", parents=[common], help="run the Telegram bot",
        description="Answer questions on Telegram. The token comes from $TELEGRAM_BOT_TOKEN "
                    "(or a .env file in the current folder); $TELEGRAM_BASE_URL points at "
                    "another Bot API server. Long polling unless --webhook-url is given; "
                    "stops cleanly on Ctrl-C or SIGTERM.",
        epilog="example: TELEGRAM_BOT_TOKEN=123456:ABC-your-token python -m bot telegram")
    add_telegram_arguments(telegram)
    commands.add_parser(
        "index", parents=[common], help="build or update the saved index and exit",
        description="Save the folder's index in DIR/.article-index (or a cache folder when "
                    "DIR is read-only), reading again only the articles that changed. The "
                    "other commands do this on start when needed; run it after adding "
                    "articles so the next start is fast.",
        epilog="example: python -m bot index --knowledge ~/articles")
    add_eval_arguments(commands.add_parser(
        "eval", parents=[common], help="measure answer quality on a question set or BEIR",
        description="Ask every question of QA.jsonl (format: tests/data/README.md) and print "
                    "top-1, MRR@10, answer-sentence accuracy and abstention figures with the "
                    "misses; or, with --beir DIR, nDCG@10 and Recall@100 of the bot's "
                    "retrieval beside rank-bm25 and bm25s.",
        epilog="examples:\n  python -m bot eval tests/data/qa.jsonl --json\n"
               "  python -m bot eval --beir ../shared/benchmarks/scifact",
        formatter_class=argparse.RawDescriptionHelpFormatter))
    add_report_arguments(commands.add_parser(
        "report", help="print the most frequent unanswered and down-voted questions",
        description="Read the Telegram bot's question log (no token, no articles needed) and "
                    "print what operators should look at: the questions asked most often "
                    "that the articles could not answer, and the answers users voted down.",
        epilog="example: python -m bot report --data-dir /var/lib/article-bot --limit 10"))
    return parser


def configure_logging(verbose: bool) -> None:
    """Warnings (skipped files) to stderr; the httpx logger stays quiet so no URL with a token
    is ever logged."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger("httpx").setLevel(logging.WARNING)


def _questions(arguments: Sequence[str]) -> Iterable[str]:
    if arguments:
        yield from arguments
        return
    for line in sys.stdin:
        if line.strip():
            yield line.strip()


def run_ask(base: KnowledgeBase, questions: Iterable[str], as_json: bool, k: int) -> int:
    """Print one answer per question: JSON lines, or text for people."""
    from bot.answer_json import answer_json
    from bot.answer_text import answer_text, text_console

    console = text_console()
    for number, question in enumerate(questions):
        answer = base.answerer.ask(question, k=max(k, 1))
        if as_json:
            sys.stdout.write(json.dumps(answer_json(answer), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            if number:
                console.print()
            console.print(answer_text(answer, base.answerer.analyzer))
    return 0


def run_index(folder: Path) -> int:
    """Build or update the folder's saved index; one line says what was done, and where."""
    from retrieval.store import open_saved_knowledge

    try:
        saved = open_saved_knowledge(folder, progress=sys.stderr.isatty())
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    report, knowledge = saved.report, saved.knowledge
    print(f"index {report.state}: {len(saved.passages)} passages from "
          f"{len(knowledge.articles)} article(s) ({report.analysed} read, {report.reused} "
          f"unchanged, {len(knowledge.skipped)} skipped) in {report.seconds:.1f} s, "
          f"saved in {report.location}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen subcommand; returns the process exit code.

    Output piped into `head` and closed early ends the command quietly, as Unix tools do,
    instead of with a BrokenPipeError traceback.
    """
    try:
        return _run(argv)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 1


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose)
    try:  # the token is checked before the (maybe slow) knowledge is loaded
        settings = read_settings(args) if args.command == "telegram" else None
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "index":
        return run_index(knowledge_dir(args.knowledge))
    if args.command == "report":  # reads the question log only: no token, no articles
        return run_report_command(args)
    if args.command == "eval" and args.beir is not None:  # no knowledge folder needed
        return run_eval(args, None)
    try:
        base = open_knowledge_base(knowledge_dir(args.knowledge), engine=args.engine,
                                   progress=sys.stderr.isatty())
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if settings is not None:
        from bot.telegram_app import run_bot  # python-telegram-bot is imported only here

        return run_bot(settings, base)
    if args.command == "ask":
        return run_ask(base, _questions(args.questions), args.json, args.passages)
    if args.command == "eval":
        return run_eval(args, base)
    from bot.console import run_console

    return run_console(base)
