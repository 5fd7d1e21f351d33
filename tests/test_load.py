"""The bot under load and faults: 500 questions from 100 chats at once while Telegram answers
every tenth message with 429 (retry after 1 s) or 502. Every question is answered exactly
once, each chat in the order it asked, and the bot never sends more than Telegram's 30
messages in any second. (Times are in `benchmarks/load.py`; nothing here is timed.)"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.knowledge_base import open_knowledge_base
from bot.settings import Settings
from bot.telegram_app import build_application
from tests.fake_bot_api import polling
from tests.load_scenario import LoadScenario, busiest_second

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

TELEGRAM_MESSAGES_PER_SECOND = 30
REPLY_WAIT = 30.0  # per reply: generous, a slow machine only makes the wait longer


async def test_500_questions_from_100_chats_through_429s_and_502s(fake_api, tmp_path: Path):
    scenario = LoadScenario(chats=100, per_chat=5)
    base = open_knowledge_base(scenario.write_knowledge(tmp_path / "wards"))
    fake_api.fail_every("sendMessage", 10, statuses=(429, 502), retry_after=1)
    settings = Settings(token=fake_api.token, base_url=fake_api.url, data_dir=tmp_path / "data")
    app = build_application(settings, base)
    async with polling(app):
        scenario.ask_all(fake_api, time.monotonic())
        for _ in range(scenario.questions):
            await fake_api.next_call("sendMessage", timeout=REPLY_WAIT)
        logged = app.bot_data["shared"].question_log.stats()
    # stopped: anything still in flight has been sent, so late duplicates would show here

    attempts = fake_api.attempts("sendMessage")
    failed = [c for c in attempts if c.status != 200]
    assert {c.status for c in failed} == {429, 502}
    assert len(failed) == len(attempts) // 10  # the faults really happened

    deliveries = scenario.deliveries(fake_api)
    expected = {(chat, ward) for chat in scenario.chat_ids() for ward in scenario.wards_of(chat)}
    assert set(deliveries) == expected  # none lost, none answered with another ward
    assert set(deliveries.values()) == {1}  # none twice
    assert len(fake_api.delivered("sendMessage")) == scenario.questions
    replies = scenario.replies(fake_api)
    for chat in scenario.chat_ids():
        assert replies[chat] == scenario.wards_of(chat)  # each chat in the order it asked

    assert busiest_second([c.at for c in attempts]) <= TELEGRAM_MESSAGES_PER_SECOND
    assert logged.questions == scenario.questions
