"""The bot as Telegram users meet it: the real Application (`build_application`) polling a
fake Bot API on 127.0.0.1. Every message the bot sends is checked by the fake as Telegram
would (valid HTML, length, callback data size); the `fake_api` fixture fails a test otherwise."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings
from bot.telegram_app import build_application
from tests.fake_bot_api import (
    BOT_USERNAME,
    Call,
    FakeBotApi,
    group_chat,
    polling,
    user,
    visible_text,
)

pytestmark = pytest.mark.filterwarnings(  # PTB itself reads RetryAfter.retry_after
    "ignore::telegram.warnings.PTBDeprecationWarning")

QUESTION = "how many commune stations does Lang Son have?"


def buttons(call: Call) -> dict[str, str]:
    """The inline keyboard under a sent or edited message: label -> callback data."""
    markup = call.params.get("reply_markup") or {}
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", [])
            for b in row}


def text_of(call: Call) -> str:
    """What the user reads (the fake has already checked it is valid Telegram HTML)."""
    return visible_text(call.params["text"])


async def ask_private(api: FakeBotApi, question: str, **kwargs: Any) -> Call:
    api.send_text(question, **kwargs)
    return await api.next_call("sendMessage")


# --- private chats -------------------------------------------------------------------------


async def test_question_gets_the_answer_sentence_in_bold_the_passage_and_its_source(
        fake_api, telegram_bot):
    sent = await ask_private(fake_api, QUESTION)
    html = sent.params["text"]
    assert sent.params["parse_mode"] == "HTML"
    first_line = html.split("\n\n")[0]
    assert "194" in first_line and "<b>stations</b>" in first_line  # matched words in bold
    assert "<blockquote>" in html and "2,762 hospital beds" in html  # the passage
    assert "The health sector of Lang Son province" in text_of(sent)  # the source headline
    assert "paragraph 6" in text_of(sent)
    assert set(buttons(sent)) == {"More results ▸", "In context"}


async def test_typing_indicator_comes_before_the_answer(fake_api, telegram_bot):
    await ask_private(fake_api, QUESTION)
    methods = [c.method for c in fake_api.calls if c.method in ("sendChatAction", "sendMessage")]
    assert methods == ["sendChatAction", "sendMessage"]
    assert fake_api.delivered("sendChatAction")[0].params["action"] == "typing"


async def test_unknown_topic_gets_an_honest_not_found_and_what_the_bot_knows(
        fake_api, telegram_bot):
    sent = await ask_private(fake_api, "what is the price of bitcoin in Tokyo?")
    text = text_of(sent)
    assert "I could not find that in the articles." in text
    assert "The health sector of Lang Son province" in text  # a hint: the headlines
    assert "February 27, 2026" in text  # with their dates


async def test_a_place_the_articles_never_mention_is_named_in_the_reply(fake_api, telegram_bot):
    sent = await ask_private(fake_api, "How many provincial hospitals are there in Bac Giang?")
    assert "I could not find that in the articles.\n\nThe articles never mention Bac Giang." \
        in text_of(sent)


async def test_a_figure_asked_of_another_place_says_the_passages_are_not_about_it(
        fake_api, telegram_bot):
    sent = await ask_private(fake_api, "How many hospital beds does Hanoi have?")
    assert "The closest passages I have are not about Hanoi." in text_of(sent)


async def test_a_weak_match_offers_the_closest_passages_honestly(fake_api, telegram_bot):
    sent = await ask_private(fake_api, "how many ambulances does Hanoi have?")
    assert "I could not find that in the articles." in text_of(sent)
    closest = buttons(sent)["Closest passages ▸"]
    fake_api.press(sent.result, closest)
    edited = await fake_api.next_call("editMessageText")
    assert "Result 1 of" in text_of(edited)
    assert "may not answer your question" in text_of(edited)


async def test_more_results_pages_through_passages_context_and_back(fake_api, telegram_bot):
    sent = await ask_private(fake_api, QUESTION)
    fake_api.press(sent.result, buttons(sent)["More results ▸"])
    page2 = await fake_api.next_call("editMessageText")
    assert text_of(page2).startswith("Result 2 of 5")
    assert set(buttons(page2)) == {"◂ Back", "In context", "More results ▸"}

    fake_api.press(sent.result, buttons(page2)["In context"])
    context = await fake_api.next_call("editMessageText")
    assert text_of(context).startswith("In context:")
    assert list(buttons(context)) == ["◂ Back"]

    fake_api.press(sent.result, buttons(context)["◂ Back"])
    assert text_of(await fake_api.next_call("editMessageText")).startswith("Result 2 of 5")

    fake_api.press(sent.result, buttons(page2)["◂ Back"])
    back = await fake_api.next_call("editMessageText")
    assert back.params["text"] == sent.params["text"]  # the answer again
    assert not fake_api.unanswered_callbacks()


async def test_the_last_page_has_no_more_button(fake_api, telegram_bot):
    sent = await ask_private(fake_api, QUESTION)
    page = sent
    for _ in range(4):
        fake_api.press(sent.result, buttons(page)["More results ▸"])
        page = await fake_api.next_call("editMessageText")
    assert text_of(page).startswith("Result 5 of 5")
    assert "More results ▸" not in buttons(page)


async def test_a_button_keeps_working_after_a_restart_when_its_question_fits(
        fake_api, shipped_base):
    settings = Settings(token=fake_api.token, base_url=fake_api.url)
    async with polling(build_application(settings, shipped_base)):
        sent = await ask_private(fake_api, QUESTION)
    more = buttons(sent)["More results ▸"]
    assert QUESTION in more  # stateless: the question rides in the button
    async with polling(build_application(settings, shipped_base)):
        fake_api.press(sent.result, more)
        assert text_of(await fake_api.next_call("editMessageText")).startswith("Result 2")
        await fake_api.next_call("answerCallbackQuery")
    assert not fake_api.unanswered_callbacks()


async def test_a_long_question_button_works_then_expires_politely_after_a_restart(
        fake_api, shipped_base):
    question = ("I would really like to know how many commune-level medical stations the "
                "province of Lang Son has today")
    settings = Settings(token=fake_api.token, base_url=fake_api.url)
    async with polling(build_application(settings, shipped_base)):
        sent = await ask_private(fake_api, question)
        more = buttons(sent)["More results ▸"]
        assert len(more.encode()) <= 64 and question not in more
        fake_api.press(sent.result, more)
        assert text_of(await fake_api.next_call("editMessageText")).startswith("Result 2")
        await fake_api.next_call("answerCallbackQuery")
    async with polling(build_application(settings, shipped_base)):
        fake_api.press(sent.result, more)
        answered = await fake_api.next_call("answerCallbackQuery")
    assert answered.params["text"] == "This button has expired, please ask again."
    assert not fake_api.delivered("editMessageText")[1:]  # nothing edited after the restart


@pytest.mark.parametrize("data", ["", "garbage", "0p1:old format", "1p1#unknownkey", "1x9:hm"])
async def test_any_unknown_button_data_gets_a_polite_answer(fake_api, telegram_bot, data):
    sent = await ask_private(fake_api, QUESTION)
    fake_api.press(sent.result, data)
    answered = await fake_api.next_call("answerCallbackQuery")
    assert answered.params["text"] == "This button has expired, please ask again."


async def test_commands_start_help_and_about(fake_api, telegram_bot, shipped_base):
    start = text_of(await ask_private(fake_api, "/start"))
    assert "I answer questions about a collection of news articles" in start
    assert "How many hospital beds does Lang Son have?" in start  # an example question

    help_text = text_of(await ask_private(fake_api, "/help"))
    assert "/ask" in help_text and "/about" in help_text and f"@{BOT_USERNAME}" in help_text

    about = text_of(await ask_private(fake_api, "/about"))
    passages = len(shipped_base.answerer.passages)
    assert f"{passages} passages from 2 articles" in about
    assert "The health sector of Lang Son province" in about and "February 27, 2026" in about


async def test_commands_are_registered_for_the_menu_in_english_and_vietnamese(
        fake_api, telegram_bot):
    calls = fake_api.delivered("setMyCommands")
    by_language = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert set(by_language) == {None, "vi"}
    assert [c["command"] for c in by_language[None]] == ["ask", "about", "help", "start"]
    assert by_language["vi"][0]["description"] == "Trả lời câu hỏi từ các bài báo"


async def test_ask_command_answers_and_explains_itself_when_empty(fake_api, telegram_bot):
    assert "194" in text_of(await ask_private(fake_api, f"/ask {QUESTION}"))
    usage = text_of(await ask_private(fake_api, "/ask"))
    assert usage.startswith("Write your question after /ask")


async def test_commands_without_telegram_entities_still_work(fake_api, telegram_bot):
    fake_api.send_text("/about", entities=False)
    assert "passages from 2 articles" in text_of(await fake_api.next_call("sendMessage"))


async def test_an_unknown_command_points_to_help(fake_api, telegram_bot):
    assert "/help" in text_of(await ask_private(fake_api, "/weather"))


@pytest.mark.parametrize("content", [
    {"sticker": {"file_id": "s1", "file_unique_id": "u1", "type": "regular", "width": 512,
                 "height": 512, "is_animated": False, "is_video": False}},
    {"photo": [{"file_id": "p1", "file_unique_id": "u2", "width": 90, "height": 90}]},
    {"voice": {"file_id": "v1", "file_unique_id": "u3", "duration": 3}},
    {"document": {"file_id": "d1", "file_unique_id": "u4", "file_name": "report.pdf"}},
])
async def test_non_text_messages_get_a_short_friendly_reply(fake_api, telegram_bot, content):
    fake_api.send_content(**content)
    reply = text_of(await fake_api.next_call("sendMessage"))
    assert "I can only read text" in reply


async def test_a_very_long_message_is_cut_with_a_polite_note(fake_api, telegram_bot):
    text = QUESTION + " " + "please tell me more about it " * 400
    sent = await ask_private(fake_api, text)
    assert text_of(sent).startswith("Your message was very long, so I only read its first 500")
    assert "194" in text_of(sent)


async def test_html_looking_text_is_answered_with_valid_html(fake_api, telegram_bot):
    for odd in ('<b>how many</b> hospital beds & <a href="x">Lang Son</a>?',
                "<script>alert(1)</script>", "&amp; &lt;", "</blockquote>", "a > b < c"):
        sent = await ask_private(fake_api, odd)  # the fake refuses invalid HTML
        for data in buttons(sent).values():
            fake_api.press(sent.result, data)
            await fake_api.next_call("answerCallbackQuery")
    assert not fake_api.unanswered_callbacks()


async def test_articles_full_of_markup_and_a_huge_paragraph_are_split_safely(
        fake_api, tmp_path: Path):
    from bot.knowledge_base import open_knowledge_base

    folder = tmp_path / "articles"
    folder.mkdir()
    giant = " ".join(f"Clinic <{n}> & ward \"{n}\" ran 5 > 3 dialysis sessions." for n in
                     range(700))
    (folder / "odd.txt").write_text("Markup <b>in</b> & the headline\n" + giant + "\n",
                                    encoding="utf-8")
    (folder / "other.txt").write_text("Roads\nThe new road opened in May.\n", encoding="utf-8")
    (folder / "more.txt").write_text("Rice\nThe rice harvest was good.\n", encoding="utf-8")
    base = open_knowledge_base(folder)
    settings = Settings(token=fake_api.token, base_url=fake_api.url)
    async with polling(build_application(settings, base)):
        fake_api.send_text("how many dialysis sessions did the clinic run?")
        messages = [await fake_api.next_call("sendMessage")]
        while not buttons(messages[-1]):  # the keyboard comes with the last part
            messages.append(await fake_api.next_call("sendMessage"))
        fake_api.press(messages[-1].result, buttons(messages[-1])["In context"])
        edited = await fake_api.next_call("editMessageText")
    assert len(messages) >= len(giant) // 4096
    assert all(len(m.params["text"]) <= 4096 for m in messages)
    seen = "".join(text_of(m) for m in messages)
    assert "Clinic <0> & ward \"0\"" in seen and "Clinic <699> & ward" in seen
    assert text_of(edited).endswith("…")  # one edited message: the rest is cut, marked


# --- groups --------------------------------------------------------------------------------


async def test_groups_hear_ask_mentions_and_replies_but_stay_silent_on_chatter(
        fake_api, telegram_bot):
    group = group_chat()
    fake_api.send_text("good morning everyone, how many beds do we need?", chat=group)
    fake_api.send_text(f"/ask@other_bot {QUESTION}", chat=group)
    asked = fake_api.send_text(f"/ask@{BOT_USERNAME} {QUESTION}", chat=group)
    reply = await fake_api.next_call("sendMessage")
    assert "194" in text_of(reply)
    assert reply.params["reply_parameters"]["message_id"] == asked["message_id"]
    assert len(fake_api.delivered("sendMessage")) == 1  # the chatter before got nothing

    fake_api.send_text(f"@{BOT_USERNAME} how many hospital beds does Lang Son have?", chat=group)
    assert "2,762" in text_of(await fake_api.next_call("sendMessage"))

    fake_api.send_text("and when was the Lang Son health department founded?", chat=group,
                       reply_to=reply.result)
    assert "1948" in text_of(await fake_api.next_call("sendMessage"))

    fake_api.send_text("thanks, that helps", chat=group, sender=user(2002),
                       reply_to=fake_api.message("earlier chatter", chat=group))
    fake_api.send_text(f"/ask {QUESTION}", chat=group)
    assert "194" in text_of(await fake_api.next_call("sendMessage"))
    assert len(fake_api.delivered("sendMessage")) == 4  # the reply to a human got nothing


async def test_a_bare_mention_in_a_group_gets_a_hint(fake_api, telegram_bot):
    fake_api.send_text(f"@{BOT_USERNAME}", chat=group_chat())
    assert "Ask me a question" in text_of(await fake_api.next_call("sendMessage"))


# --- inline mode ---------------------------------------------------------------------------


async def test_inline_query_offers_the_best_passages(fake_api, telegram_bot):
    fake_api.inline("how many hospital beds does Lang Son have")
    call = await fake_api.next_call("answerInlineQuery")
    results = call.params["results"]
    assert 1 <= len(results) <= 5
    ids = [r["id"] for r in results]
    assert len(set(ids)) == len(ids) and all(len(i.encode()) <= 64 for i in ids)
    best = results[0]
    assert "2,762" in best["title"]
    content = best["input_message_content"]
    assert content["parse_mode"] == "HTML" and "2,762" in visible_text(content["message_text"])


async def test_an_empty_inline_query_gets_a_hint(fake_api, telegram_bot):
    fake_api.inline("")
    call = await fake_api.next_call("answerInlineQuery")
    assert call.params["results"] == []
    assert call.params["button"]["text"] == "Type a question about the articles"


# --- languages -----------------------------------------------------------------------------


async def test_a_vietnamese_user_gets_the_bots_words_in_vietnamese(fake_api, telegram_bot):
    lan = user(3003, language_code="vi")
    start = text_of(await ask_private(fake_api, "/start", sender=lan))
    assert "Xin chào! Tôi trả lời câu hỏi về một tập hợp các bài báo." in start

    sent = await ask_private(fake_api, QUESTION, sender=lan)
    assert set(buttons(sent)) == {"Thêm kết quả ▸", "Ngữ cảnh"}
    assert "đoạn 6" in text_of(sent)  # "paragraph 6"
    assert "194 commune-level medical stations" in text_of(sent)  # the article is quoted as is

    missing = text_of(await ask_private(fake_api, "giá bitcoin hôm nay?", sender=lan))
    assert "Tôi không tìm thấy điều đó trong các bài báo." in missing
    assert "27 tháng 2, 2026" in missing  # dates in Vietnamese too
    elsewhere = text_of(await ask_private(fake_api, "Bắc Giang có bao nhiêu bệnh viện?",
                                          sender=lan))
    assert "Các bài báo không hề nhắc đến Bắc Giang." in elsewhere

    fake_api.press(sent.result, "1p1#expired", sender=lan)
    answered = await fake_api.next_call("answerCallbackQuery")
    assert answered.params["text"] == "Nút này đã hết hạn, vui lòng hỏi lại."


# --- robustness ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [429, 502, 503])
async def test_flood_control_or_a_bad_gateway_still_ends_in_exactly_one_reply(
        fake_api, telegram_bot, status):
    fake_api.fail_next("sendMessage", status, retry_after=1 if status == 429 else None)
    sent = await ask_private(fake_api, QUESTION)
    assert "194" in text_of(sent)
    assert [c.status for c in fake_api.attempts("sendMessage")] == [status, 200]
    assert len(fake_api.delivered("sendMessage")) == 1


async def test_a_failing_edit_is_retried_and_the_button_still_answered(fake_api, telegram_bot):
    sent = await ask_private(fake_api, QUESTION)
    fake_api.fail_next("editMessageText", 502, times=2)
    fake_api.press(sent.result, buttons(sent)["More results ▸"])
    assert text_of(await fake_api.next_call("editMessageText")).startswith("Result 2")
    assert [c.status for c in fake_api.attempts("editMessageText")] == [502, 502, 200]
    assert not fake_api.unanswered_callbacks()


async def test_an_error_is_logged_and_the_user_gets_a_polite_apology(
        fake_api, telegram_bot, caplog):
    fake_api.fail_next("sendMessage", 400)  # Telegram refuses: not worth retrying
    fake_api.send_text(QUESTION)
    apology = await fake_api.next_call("sendMessage")
    assert text_of(apology) == ("Sorry, something went wrong while answering. "
                                "Please try again in a moment.")
    assert [c.status for c in fake_api.attempts("sendMessage")] == [400, 200]
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert errors and errors[0].exc_info is not None  # logged with its traceback


async def test_a_button_whose_edit_fails_is_still_answered_politely(fake_api, telegram_bot):
    sent = await ask_private(fake_api, QUESTION)
    fake_api.fail_next("editMessageText", 403)
    fake_api.press(sent.result, buttons(sent)["More results ▸"])
    await fake_api.next_call("answerCallbackQuery")
    assert not fake_api.unanswered_callbacks()


async def test_a_view_that_cannot_be_edited_comes_as_a_new_message(fake_api, telegram_bot):
    sent = await ask_private(fake_api, QUESTION)
    fake_api.fail_next("editMessageText", 400)  # e.g. "message can't be edited"
    fake_api.press(sent.result, buttons(sent)["More results ▸"])
    new = await fake_api.next_call("sendMessage")
    assert text_of(new).startswith("Result 2 of 5") and "◂ Back" in buttons(new)
    assert not fake_api.unanswered_callbacks()


async def test_one_conflict_is_logged_clearly_and_polling_carries_on(fake_api, telegram_bot,
                                                                     caplog):
    fake_api.fail_next("getUpdates", 409)  # e.g. an old instance's last poll, while stopping
    fake_api.send_text(QUESTION)
    await fake_api.next_call("sendMessage")  # polling carried on after the conflict
    conflict = [r.getMessage() for r in caplog.records if "409 Conflict" in r.getMessage()]
    assert conflict and "another instance running with this token" in conflict[0]
    assert "1 of 3 before stopping" in conflict[0]


async def test_the_token_never_appears_in_the_logs_even_at_debug(shipped_base, caplog):
    from bot.log_redaction import REDACTED, redact_token_in_logs

    token = "7395174420:AAHq3x_Secret-Part-Of-The-Token-35ch"
    api = FakeBotApi(token=token)
    await api.start()
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="httpx")  # what would leak the request URLs
    redact_token_in_logs(token, [caplog.handler])
    try:
        app = build_application(Settings(token=token, base_url=api.url), shipped_base)
        async with polling(app):
            api.send_text(QUESTION)
            await api.next_call("sendMessage")
    finally:
        await api.close()
    assert token not in caplog.text
    assert token.partition(":")[2] not in caplog.text
    assert REDACTED in caplog.text  # the filter had work to do: the URLs were logged


def test_the_example_questions_of_start_are_answered(shipped_base):
    from bot.telegram_app import SHIPPED_EXAMPLES, example_questions

    assert example_questions(shipped_base) == SHIPPED_EXAMPLES
    for question in SHIPPED_EXAMPLES:
        assert shipped_base.answerer.ask(question).answered, question
