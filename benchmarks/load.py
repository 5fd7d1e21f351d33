"""How the Telegram bot copes with a burst: many chats asking at once through a flaky API.

Not a test (tests/test_load.py checks the same scenario for lost, duplicated and misordered
answers, without timing anything). This runs the real Application (`build_application`,
question log on) against the fake Bot API on 127.0.0.1, queues every question at once, and
prints the time until the last answer, answer latency percentiles (question queued -> reply
accepted by the fake), the busiest second of outgoing messages, and the faults injected.
The fake Bot API runs in the same process and event loop as the bot, as in the tests.

A burst is limited by the bot's pace (25 messages a second, under Telegram's 30), so its
latencies are mostly queueing; `--per-second N` asks at a steady N questions a second
instead, which shows the bot's own delay when it is not saturated.

    python benchmarks/load.py                      # 100 chats x 5 questions at once, 10% faults
    python benchmarks/load.py --per-second 20      # the same questions, 20 a second
    python benchmarks/load.py --chats 200 --fault-every 0   # no faults
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.knowledge_base import open_knowledge_base  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.telegram_app import build_application  # noqa: E402
from tests.fake_bot_api import FakeBotApi, polling  # noqa: E402
from tests.load_scenario import LoadScenario, busiest_second, percentile  # noqa: E402


def machine() -> str:
    """One line naming the machine, for the README's table."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


async def ask_steadily(scenario: LoadScenario, api: FakeBotApi, per_second: float) -> None:
    """Ask the scenario's questions in its order, `per_second` of them a second."""
    from tests.fake_bot_api import private_chat, user
    from tests.load_scenario import question_about

    start = time.monotonic()
    for number in range(scenario.questions):
        turn, chat = divmod(number, scenario.chats)
        chat_id = scenario.chat_ids()[chat]
        ward = scenario.wards_of(chat_id)[turn]
        delay = start + number / per_second - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        sender = user(chat_id)
        api.send_text(question_about(ward), sender=sender, chat=private_chat(sender))
        scenario.asked_at[(chat_id, ward)] = time.monotonic()


async def run(chats: int, per_chat: int, fault_every: int, per_second: float | None,
              workdir: Path) -> dict[str, float]:
    """One run; the figures the README keeps."""
    scenario = LoadScenario(chats=chats, per_chat=per_chat)
    base = open_knowledge_base(scenario.write_knowledge(workdir / "wards"))
    api = FakeBotApi()
    await api.start()
    if fault_every:
        api.fail_every("sendMessage", fault_every, statuses=(429, 502), retry_after=1)
    settings = Settings(token=api.token, base_url=api.url, data_dir=workdir / "data",
                        rate_limit=0)
    try:
        async with polling(build_application(settings, base)):
            started = time.monotonic()
            if per_second:
                asking = asyncio.ensure_future(ask_steadily(scenario, api, per_second))
            else:
                scenario.ask_all(api, started)
            for _ in range(scenario.questions):
                await api.next_call("sendMessage", timeout=120)
            elapsed = time.monotonic() - started
            if per_second:
                await asking
    finally:
        await api.close()
    attempts = api.attempts("sendMessage")
    deliveries = scenario.deliveries(api)
    latencies = scenario.latencies(api)
    return {
        "questions": scenario.questions, "chats": chats, "seconds": elapsed,
        "p50": percentile(latencies, 0.50), "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99), "busiest": busiest_second([c.at for c in attempts]),
        "429": sum(c.status == 429 for c in attempts),
        "502": sum(c.status == 502 for c in attempts),
        "lost": sum(1 for chat in scenario.chat_ids() for ward in scenario.wards_of(chat)
                    if deliveries[(chat, ward)] == 0),
        "duplicated": sum(1 for n in deliveries.values() if n > 1),
    }


def duration(seconds: float) -> str:
    """Milliseconds under a second, seconds above."""
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--per-chat", type=int, default=5)
    parser.add_argument("--fault-every", type=int, default=10,
                        help="answer every N-th sendMessage with 429 or 502 (0: none)")
    parser.add_argument("--per-second", type=float,
                        help="ask this many questions a second (default: all at once)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)  # the injected faults are logged as warnings
    with tempfile.TemporaryDirectory(prefix="article-bot-load-") as workdir:
        figures = asyncio.run(run(args.chats, args.per_chat, args.fault_every,
                                  args.per_second, Path(workdir)))
    faults = (f"every {args.fault_every}th send answered 429 (retry after 1 s) or 502"
              if args.fault_every else "no faults")
    print(f"{date.today()}, {machine()}")
    arrival = f"{args.per_second:g} a second" if args.per_second else "at once"
    print(f"{figures['questions']} questions from {figures['chats']} chats {arrival}, {faults}: "
          f"{figures['429']} x 429 and {figures['502']} x 502 answered")
    print("| questions | all answered in | latency p50 | p95 | p99 | busiest second | lost | "
          "duplicated |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(f"| {figures['questions']} | {duration(figures['seconds'])} | "
          f"{duration(figures['p50'])} | {duration(figures['p95'])} | "
          f"{duration(figures['p99'])} | {figures['busiest']} messages | "
          f"{figures['lost']} | {figures['duplicated']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
