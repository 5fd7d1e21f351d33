"""Parse the command line, configure logging, and run one front end.

Every subcommand takes ``--knowledge DIR`` (or $KNOWLEDGE_DIR); problems with the folder
become one ``error:`` line and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable, Sequence

from bot.knowledge_base import KNOWLEDGE_ENV, KnowledgeBase, knowledge_dir, open_knowledge_base
from knowledge import KnowledgeError
from retrieval.answerer import DEFAULT_ENGINE, ENGINES

EXIT_USAGE = 2

EXAMPLES = """examples:
  python -m bot console
  python -m bot ask "how many commune stations does Lang Son have?"
  echo "when was the Lang Son health department founded" | python -m bot ask --json
  python -m bot ask --knowledge ~/articles "who runs the hospital?"
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
    from rich.console import Console

    from bot.answer_json import answer_json
    from bot.answer_text import answer_text

    console = Console(highlight=False, soft_wrap=True)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen subcommand; returns the process exit code."""
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose)
    try:
        base = open_knowledge_base(knowledge_dir(args.knowledge), engine=args.engine)
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "ask":
        return run_ask(base, _questions(args.questions), args.json, args.passages)
    from bot.console import run_console

    return run_console(base)
