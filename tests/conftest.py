"""Shared fixtures: the shipped knowledge, and small article folders in the shapes operators
send."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Knowledge, default_knowledge_dir, load_articles

CLINIC_MD = """---
title: New clinic opens in Cao Bang
date: 2026-03-01
source: Example News
url: https://example.org/clinic
---
# New clinic opens in Cao Bang

The provincial clinic in Cao Bang opened on March 1 with 40 beds and a
dialysis unit, the director said.

![The new clinic building. Photo: Example News](clinic.jpg)

Doctors from Hanoi will train local staff for **six months**.
"""


@pytest.fixture(scope="session")
def shipped() -> Knowledge:
    """The two articles the bot ships with, read as they are."""
    return load_articles(default_knowledge_dir())


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    """A folder with one Markdown and one plain-text article, as an operator would write them."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "clinic.md").write_text(CLINIC_MD, encoding="utf-8")
    (folder / "vaccines.txt").write_text(
        "Measles vaccination reaches 98 percent in Ha Giang\n"
        "The province vaccinated 12,400 children against measles in 2025.\n"
        "Health workers travelled to remote villages on motorbikes.\n",
        encoding="utf-8",
    )
    return folder


# --- Telegram bot fixtures (tests/test_telegram*.py) ---------------------------------------


@pytest.fixture(scope="session")
def shipped_base():
    """The shipped articles loaded and indexed once, as `python -m bot telegram` does."""
    from bot.knowledge_base import open_knowledge_base

    return open_knowledge_base(default_knowledge_dir())


@pytest.fixture
async def fake_api():
    """A fake Telegram Bot API on 127.0.0.1; fails the test if the bot sent anything Telegram
    would have refused (bad HTML, text too long, oversized callback data...)."""
    from tests.fake_bot_api import FakeBotApi

    api = FakeBotApi()
    await api.start()
    yield api
    await api.close()
    assert not api.rejected, [(c.method, c.params) for c in api.rejected]


@pytest.fixture
async def telegram_bot(fake_api, shipped_base):
    """The real Application (`build_application`) polling the fake Bot API."""
    from bot.settings import Settings
    from bot.telegram_app import build_application
    from tests.fake_bot_api import polling

    app = build_application(Settings(token=fake_api.token, base_url=fake_api.url), shipped_base)
    async with polling(app):
        yield app
