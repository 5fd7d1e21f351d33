"""The bot as its operators rely on it, through the real Application and the fake Bot API:
allowlists, admin commands, the per-user limit, 👍/👎 feedback in the question log, and
reloading the articles while questions keep coming."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Application

from bot import reload as reload_module
from bot.access import AccessPolicy
from bot.handlers import SHARED
from bot.knowledge_base import KnowledgeBase, open_knowledge_base
from bot.question_log import QuestionLog
from bot.settings import QUESTION_LOG_FILE, Settings
from bot.telegram_app import build_application
from knowledge import load_articles
from retrieval.answerer import Answerer
from tests.fake_bot_api import BOT_USERNAME, Call, FakeBotApi, group_chat, polling, user
from tests.test_telegram_bot import QUESTION, buttons, text_of

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

ADMIN = 9001
MEMBER = 1001  # the fake's default sender
STRANGER = 6666
PRIVATE_BOT = "Sorry, this bot is private. Please ask its operator for access."
DENGUE = ("Dengue cases fall in Can Tho\n"
          "Can Tho city recorded 312 dengue cases in March, down from 540 a year earlier.\n")
DENGUE_QUESTION = "how many dengue cases did Can Tho record in March?"
MEASLES_QUESTION = "how many children were vaccinated against measles?"


@asynccontextmanager
async def running(api: FakeBotApi, base: KnowledgeBase, **settings: Any
                  ) -> AsyncIterator[Application]:
    """The real Application with these settings, polling the fake Bot API."""
    app = build_application(Settings(token=api.token, base_url=api.url, **settings), base)
    async with polling(app):
        yield app


async def reply_to(api: FakeBotApi, text: str, **kwargs: Any) -> Call:
    api.send_text(text, **kwargs)
    return await api.next_call("sendMessage")


def in_memory(folder: Path) -> KnowledgeBase:
    """The folder's knowledge indexed in memory, without a saved index on disk (so the
    first reload writes the only one)."""
    knowledge = load_articles(folder)
    return KnowledgeBase(knowledge, Answerer.build(knowledge.passages))


# --- access control ------------------------------------------------------------------------


async def test_a_stranger_gets_one_polite_line_and_nothing_from_the_articles(
        fake_api, shipped_base):
    stranger = user(STRANGER)
    access = AccessPolicy(allowed_users=frozenset({MEMBER}))
    async with running(fake_api, shipped_base, access=access):
        for text in (QUESTION, f"/ask {QUESTION}", "/about", "/start", "/help", "/stats"):
            reply = await reply_to(fake_api, text, sender=stranger)
            assert text_of(reply) == PRIVATE_BOT, text
            assert "reply_markup" not in reply.params
        fake_api.send_content(sender=stranger, sticker={
            "file_id": "s1", "file_unique_id": "u1", "type": "regular", "width": 512,
            "height": 512, "is_animated": False, "is_video": False})
        assert text_of(await fake_api.next_call("sendMessage")) == PRIVATE_BOT

        old_answer = fake_api.message("an answer", sender=stranger)
        fake_api.press(old_answer, f"1p1:{QUESTION}", sender=stranger)
        pressed = await fake_api.next_call("answerCallbackQuery")
        assert pressed.params["text"] == PRIVATE_BOT

        fake_api.inline("how many hospital beds does Lang Son have", sender=stranger)
        inline = await fake_api.next_call("answerInlineQuery")
        assert inline.params["results"] == []

        member = await reply_to(fake_api, QUESTION)  # the allowlisted user is answered
        assert "194" in text_of(member)
    assert not fake_api.delivered("editMessageText")
    assert all("194" not in c.params["text"] for c in fake_api.delivered("sendMessage")[:-1])


async def test_a_vietnamese_stranger_is_turned_away_in_vietnamese(fake_api, shipped_base):
    access = AccessPolicy(allowed_users=frozenset({MEMBER}))
    async with running(fake_api, shipped_base, access=access):
        reply = await reply_to(fake_api, QUESTION, sender=user(STRANGER, language_code="vi"))
    assert text_of(reply).startswith("Xin lỗi, bot này là bot riêng.")


async def test_groups_outside_the_allowlist_hear_one_line_only_when_they_address_the_bot(
        fake_api, shipped_base):
    allowed, other = group_chat(-100777, "Allowed newsroom"), group_chat(-100888, "Others")
    access = AccessPolicy(allowed_chats=frozenset({allowed["id"]}))
    async with running(fake_api, shipped_base, access=access):
        fake_api.send_text("how many beds do we need?", chat=other, sender=user(STRANGER))
        fake_api.send_text(f"/ask@other_bot {QUESTION}", chat=other, sender=user(STRANGER))
        refused = await reply_to(fake_api, f"/ask {QUESTION}", chat=other,
                                 sender=user(STRANGER))
        assert text_of(refused) == PRIVATE_BOT
        mention = await reply_to(fake_api, f"@{BOT_USERNAME} {QUESTION}", chat=other,
                                 sender=user(STRANGER))
        assert text_of(mention) == PRIVATE_BOT
        answered = await reply_to(fake_api, f"/ask {QUESTION}", chat=allowed,
                                  sender=user(STRANGER))  # anyone in an allowed group
        assert "194" in text_of(answered)
    assert len(fake_api.delivered("sendMessage")) == 3  # the chatter got nothing


async def test_admin_commands_are_refused_politely_to_everyone_else(fake_api, shipped_base):
    access = AccessPolicy(admins=frozenset({ADMIN}))
    async with running(fake_api, shipped_base, access=access):
        for text in ("/reload", "/stats"):
            reply = await reply_to(fake_api, text)
            assert text_of(reply) == (f"Sorry, only the bot's administrators can use {text}.")
        fake_api.send_text("/stats", entities=False)  # a client that marks no command
        assert text_of(await fake_api.next_call("sendMessage")).startswith("Sorry, only")
        help_text = text_of(await reply_to(fake_api, "/help"))
        assert "/reload" not in help_text
        admin_help = text_of(await reply_to(fake_api, "/help", sender=user(ADMIN)))
        assert "/reload" in admin_help and "/stats" in admin_help


# --- abuse limits --------------------------------------------------------------------------


async def test_a_user_over_the_rate_limit_is_told_once_to_slow_down(fake_api, shipped_base):
    async with running(fake_api, shipped_base, rate_limit=2):
        for _ in range(2):
            assert "194" in text_of(await reply_to(fake_api, QUESTION))
        slow = text_of(await reply_to(fake_api, QUESTION))
        assert slow.startswith("You are asking faster than I can answer. Please wait ")
        assert slow.endswith(" seconds and try again.")
        fake_api.send_text(QUESTION)  # still too fast: silence, not another refusal
        after = await reply_to(fake_api, "/about")  # the same chat: handled after it
        assert "passages from 2 articles" in text_of(after)
        other = await reply_to(fake_api, QUESTION, sender=user(2002))  # others unaffected
        assert "194" in text_of(other)
        vietnamese = user(3003, language_code="vi")
        for _ in range(2):
            await reply_to(fake_api, QUESTION, sender=vietnamese)
        assert text_of(await reply_to(fake_api, QUESTION, sender=vietnamese)).startswith(
            "Bạn đang hỏi nhanh hơn tôi có thể trả lời.")
    assert len(fake_api.delivered("sendMessage")) == 8


async def test_inline_queries_count_against_the_limit_too(fake_api, shipped_base):
    async with running(fake_api, shipped_base, rate_limit=1):
        fake_api.inline("how many hospital beds does Lang Son have")
        assert (await fake_api.next_call("answerInlineQuery")).params["results"]
        fake_api.inline("how many hospital beds does Lang Son have?")
        refused = await fake_api.next_call("answerInlineQuery")
    assert refused.params["results"] == []
    assert refused.params["button"]["text"].startswith("Slow down, please: try again in ")
    assert len(refused.params["button"]["text"]) <= 64


async def test_the_question_length_cap_is_a_setting(fake_api, shipped_base):
    async with running(fake_api, shipped_base, max_question_chars=60):
        reply = await reply_to(fake_api, QUESTION + " and also tell me about the hospital beds "
                                                    "and the doctors there")
    assert text_of(reply).startswith("Your message was very long, so I only read its first "
                                     "60 characters.")
    assert "194" in text_of(reply)


# --- feedback and the question log ---------------------------------------------------------


async def test_votes_under_an_answer_are_recorded_and_thanked(fake_api, shipped_base,
                                                              tmp_path: Path):
    async with running(fake_api, shipped_base, data_dir=tmp_path) as app:
        sent = await reply_to(fake_api, QUESTION)
        keys = buttons(sent)
        assert {"👍", "👎", "More results ▸", "In context"} <= set(keys)
        assert sent.params["reply_markup"]["inline_keyboard"][-1][0]["text"] == "👍"
        fake_api.press(sent.result, keys["👎"])
        thanks = await fake_api.next_call("answerCallbackQuery")
        assert thanks.params["text"] == "Thanks for your feedback!"

        fake_api.press(sent.result, keys["More results ▸"])
        page = await fake_api.next_call("editMessageText")
        assert {"👍", "👎"} <= set(buttons(page))  # the vote row stays while paging
        await fake_api.next_call("answerCallbackQuery")

        fake_api.press(sent.result, "1v+999999")  # no such question in the log
        unknown = await fake_api.next_call("answerCallbackQuery")
        assert unknown.params["text"] == "Thanks! This answer can no longer be rated, though."

        missing = await reply_to(fake_api, "what is the price of bitcoin in Tokyo?")
        assert {"👍", "👎"} <= set(buttons(missing))  # abstentions are logged and rated too
        stats = app.bot_data[SHARED].question_log.stats()
    assert (stats.questions, stats.answered, stats.downvotes) == (2, 1, 1)
    assert not fake_api.unanswered_callbacks()
    log = QuestionLog(tmp_path / QUESTION_LOG_FILE)
    report = log.report()
    log.close()
    assert [r.question for r in report.downvoted] == [QUESTION]
    assert report.downvoted[0].passage_id is not None
    assert [r.question for r in report.unanswered] == ["what is the price of bitcoin in Tokyo?"]
    assert str(MEMBER).encode() not in (tmp_path / QUESTION_LOG_FILE).read_bytes()


async def test_a_vote_is_thanked_in_the_voters_language(fake_api, shipped_base, tmp_path):
    lan = user(3003, language_code="vi")
    async with running(fake_api, shipped_base, data_dir=tmp_path):
        sent = await reply_to(fake_api, QUESTION, sender=lan)
        fake_api.press(sent.result, buttons(sent)["👍"], sender=lan)
        thanks = await fake_api.next_call("answerCallbackQuery")
    assert thanks.params["text"] == "Cảm ơn phản hồi của bạn!"


async def test_without_a_question_log_there_are_no_vote_buttons(fake_api, shipped_base):
    async with running(fake_api, shipped_base):  # Settings() by hand: no data folder
        sent = await reply_to(fake_api, QUESTION)
        fake_api.press(sent.result, "1v-1")  # a button from when the log was on
        answered = await fake_api.next_call("answerCallbackQuery")
    assert not {"👍", "👎"} & set(buttons(sent))
    assert answered.params["text"] == "Thanks! This answer can no longer be rated, though."


async def test_stats_shows_an_admin_questions_feedback_index_size_and_uptime(
        fake_api, shipped_base, tmp_path):
    access = AccessPolicy(admins=frozenset({ADMIN}))
    async with running(fake_api, shipped_base, access=access, data_dir=tmp_path):
        sent = await reply_to(fake_api, QUESTION)
        await reply_to(fake_api, "what is the price of bitcoin in Tokyo?")
        fake_api.press(sent.result, buttons(sent)["👍"])
        await fake_api.next_call("answerCallbackQuery")
        stats = text_of(await reply_to(fake_api, "/stats", sender=user(ADMIN)))
    passages = len(shipped_base.answerer.passages)
    assert "Questions: 2, 50% answered." in stats
    assert "Feedback: 1 👍, 0 👎." in stats
    assert f"Index: 2 articles, {passages} passages." in stats
    assert "Up for " in stats


async def test_stats_without_a_question_log_says_so(fake_api, shipped_base):
    access = AccessPolicy(admins=frozenset({ADMIN}))
    async with running(fake_api, shipped_base, access=access):
        stats = text_of(await reply_to(fake_api, "/stats", sender=user(ADMIN,
                                                                       language_code="vi")))
    assert "nhật ký câu hỏi đang tắt" in stats and "2 bài báo" in stats


# --- live knowledge ------------------------------------------------------------------------


async def admin_reload(api: FakeBotApi) -> str:
    """An admin's /reload: the "Reloading…" note, then the report, as the admin reads it."""
    note = await reply_to(api, "/reload", sender=user(ADMIN))
    assert text_of(note).startswith("Reloading the articles…")
    return text_of(await api.next_call("sendMessage"))


async def test_reload_serves_new_articles_and_names_the_broken_files(fake_api, articles_dir):
    access = AccessPolicy(admins=frozenset({ADMIN}))
    async with running(fake_api, in_memory(articles_dir), access=access):
        before = text_of(await reply_to(fake_api, DENGUE_QUESTION))
        assert "I could not find that in the articles." in before
        (articles_dir / "dengue.txt").write_text(DENGUE, encoding="utf-8")
        (articles_dir / "scan.txt").write_bytes(b"\x00\x01binary\xff")
        report = await admin_reload(fake_api)
        after = text_of(await reply_to(fake_api, DENGUE_QUESTION))
    assert report.startswith("Reloaded: I now answer from 3 articles, ")
    assert "1 file was skipped:" in report and "scan.txt: " in report and "binary" in report
    assert "312" in after


async def test_a_reload_that_finds_nothing_usable_keeps_the_old_articles(
        fake_api, articles_dir):
    access = AccessPolicy(admins=frozenset({ADMIN}))
    async with running(fake_api, in_memory(articles_dir), access=access):
        for article in list(articles_dir.iterdir()):
            article.unlink()
        report = await admin_reload(fake_api)
        still = text_of(await reply_to(fake_api, MEASLES_QUESTION))
    assert report.startswith("The reload failed, so I am still answering from the previous "
                             "articles (2 articles, ")
    assert "no readable articles" in report
    assert "12,400" in still


async def test_reloads_run_one_at_a_time(articles_dir, monkeypatch):
    from bot.handlers import Shared
    from bot.i18n import load_catalogues
    from bot.keyboards import QuestionStore

    running_now, most = 0, 0
    real = reload_module.open_knowledge_base

    def counted(folder: Path, **kwargs: Any) -> KnowledgeBase:
        nonlocal running_now, most
        running_now += 1
        most = max(most, running_now)
        try:
            return real(folder, **kwargs)
        finally:
            running_now -= 1

    monkeypatch.setattr(reload_module, "open_knowledge_base", counted)
    bot_data: dict[str, Any] = {SHARED: Shared(in_memory(articles_dir), load_catalogues(),
                                               QuestionStore(), ())}
    outcomes = await asyncio.gather(*(reload_module.reload_knowledge(bot_data)
                                      for _ in range(3)))
    assert most == 1
    assert all(outcome.reloaded for outcome in outcomes)
    assert bot_data[SHARED].base is outcomes[-1].after


async def test_questions_keep_being_answered_while_the_articles_are_reloaded(
        fake_api, articles_dir):
    access = AccessPolicy(admins=frozenset({ADMIN}))
    readers = [user(5000 + n) for n in range(20)]
    async with running(fake_api, in_memory(articles_dir), access=access) as app:
        old_base = app.bot_data[SHARED].base
        for reader in readers * 2:
            fake_api.send_text(MEASLES_QUESTION, sender=reader)
        (articles_dir / "dengue.txt").write_text(DENGUE, encoding="utf-8")
        fake_api.send_text("/reload", sender=user(ADMIN))
        for reader in readers * 2:
            fake_api.send_text(MEASLES_QUESTION, sender=reader)
        admin_messages: list[str] = []
        answers: Counter[int] = Counter()
        while len(admin_messages) < 2 or sum(answers.values()) < 4 * len(readers):
            sent = await fake_api.next_call("sendMessage")
            if sent.params["chat_id"] == ADMIN:
                admin_messages.append(text_of(sent))
            else:
                assert "12,400" in text_of(sent)  # from the old index or the new, never lost
                answers[sent.params["chat_id"]] += 1
        assert admin_messages[1].startswith("Reloaded: I now answer from 3 articles")
        assert app.bot_data[SHARED].base is not old_base
        dengue = await reply_to(fake_api, DENGUE_QUESTION, sender=readers[0])
    assert "312" in text_of(dengue)
    assert answers == {reader["id"]: 4 for reader in readers}  # each question exactly once
    assert len(fake_api.delivered("sendMessage")) == 4 * len(readers) + 3


async def test_a_reload_keeps_the_saved_index_of_the_folder_up_to_date(fake_api, articles_dir):
    base = open_knowledge_base(articles_dir)  # the saved index, as `python -m bot telegram`
    access = AccessPolicy(admins=frozenset({ADMIN}))
    async with running(fake_api, base, access=access):
        report = await admin_reload(fake_api)  # nothing changed: the saved index is reused
    assert report.startswith("Reloaded: I now answer from 2 articles, ")
