"""What the Telegram bot is configured and spoken with: settings from the environment and
.env, the message catalogues, the token filter on logs, which failures are retried."""

from __future__ import annotations

import argparse
import logging
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from telegram import Message
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from bot.access import AccessPolicy
from bot.handlers import addressed_question, cap_question, command_argument
from bot.i18n import LOCALES_DIR, load_catalogues
from bot.log_redaction import REDACTED, RedactToken
from bot.retrying import Budget, is_message, is_transient
from bot.settings import (
    BASE_URL_ENV,
    TOKEN_ENV,
    Settings,
    SettingsError,
    add_arguments,
    check_token,
    environment,
    read_settings,
)
from tests.fake_bot_api import BOT_ID, BOT_USER, BOT_USERNAME, user

BOT_DIR = Path(__file__).resolve().parent.parent / "bot"
pytestmark = pytest.mark.filterwarnings(  # RetryAfter(3) reads its own deprecated attribute
    "ignore::telegram.warnings.PTBDeprecationWarning")


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(argv)


# --- settings ------------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["123:abc", "1:x", "7395174420:AAHq3x_Secret-Part-35",
                                   " 123:abc\n"])
def test_any_token_shaped_like_botfathers_is_accepted(token):
    assert check_token(token) == token.strip()


@pytest.mark.parametrize("token", [None, "", "  ", "abc", "123", "123:", ":abc", "a1:b",
                                   "123:a b", "123:a/b", "123:abc:def"])
def test_a_missing_or_malformed_token_is_refused_without_echoing_it(token):
    with pytest.raises(SettingsError) as refused:
        check_token(token)
    assert str(refused.value).startswith(TOKEN_ENV)
    if token and token.strip() and len(token.strip()) > 3:
        assert token.strip() not in str(refused.value)


def test_the_base_url_is_passed_unchanged_and_polling_is_the_default():
    settings = read_settings(parse(), {TOKEN_ENV: "123:abc",
                                       BASE_URL_ENV: "http://127.0.0.1:8081/bot"})
    assert settings == Settings(token="123:abc", base_url="http://127.0.0.1:8081/bot",
                                data_dir=Path.home() / ".local" / "share" / "article-bot",
                                data_dir_chosen=False)
    assert "123:abc" not in repr(settings)


def test_the_environment_wins_over_the_dotenv_file(tmp_path: Path, monkeypatch):
    (tmp_path / ".env").write_text(f"{TOKEN_ENV}=1:fromfile\n{BASE_URL_ENV}=http://x/bot\n")
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    monkeypatch.delenv(BASE_URL_ENV, raising=False)
    assert environment(tmp_path)[TOKEN_ENV] == "1:fromfile"
    monkeypatch.setenv(TOKEN_ENV, "2:fromenv")
    env = environment(tmp_path)
    assert env[TOKEN_ENV] == "2:fromenv" and env[BASE_URL_ENV] == "http://x/bot"


def test_webhook_options_come_from_flags_or_the_environment():
    hook = read_settings(parse("--webhook-url", "https://bot.example.org/tg/hook", "--port",
                               "8443", "--secret-token", "abc_DEF-1"),
                         {TOKEN_ENV: "1:x"}).webhook
    assert hook is not None
    assert (hook.url, hook.path, hook.port, hook.secret_token, hook.listen) == (
        "https://bot.example.org/tg/hook", "tg/hook", 8443, "abc_DEF-1", "0.0.0.0")
    from_env = read_settings(parse(), {TOKEN_ENV: "1:x",
                                       "TELEGRAM_WEBHOOK_URL": "https://e.org/h",
                                       "TELEGRAM_LISTEN": "127.0.0.1", "TELEGRAM_PORT": "88"})
    assert from_env.webhook is not None and from_env.webhook.port == 88
    assert re.fullmatch(r"[A-Za-z0-9_-]{20,}", from_env.webhook.secret_token)  # random


@pytest.mark.parametrize("argv", [["--webhook-url", "example.org/hook"],
                                  ["--webhook-url", "https://e.org/h", "--port", "70000"],
                                  ["--webhook-url", "https://e.org/h", "--secret-token", "a b"]])
def test_bad_webhook_options_are_refused(argv):
    with pytest.raises(SettingsError):
        read_settings(parse(*argv), {TOKEN_ENV: "1:x"})


def test_operator_settings_come_from_the_environment_and_flags(tmp_path: Path):
    settings = read_settings(parse("--data-dir", str(tmp_path)), {
        TOKEN_ENV: "1:x", "BOT_ALLOWED_CHATS": "-100123, -100456", "BOT_ALLOWED_USERS": "7 8",
        "BOT_ADMINS": "9", "BOT_RATE_LIMIT": "5", "BOT_MAX_QUESTION_CHARS": "300",
        "BOT_LOG_RETENTION_DAYS": "30", "BOT_DATA_DIR": "/not/this/one"})
    assert settings.access == AccessPolicy(allowed_chats=frozenset({-100123, -100456}),
                                           allowed_users=frozenset({7, 8}),
                                           admins=frozenset({9}))
    assert (settings.rate_limit, settings.max_question_chars, settings.log_retention_days) == (
        5, 300, 30)
    assert settings.question_log_path == tmp_path / "questions.sqlite3"  # the flag wins


def test_defaults_make_a_public_bot_with_a_question_log_in_the_xdg_data_folder():
    settings = read_settings(parse(), {TOKEN_ENV: "1:x", "XDG_DATA_HOME": "/srv/data"})
    assert settings.access.public and settings.rate_limit == 20
    assert settings.max_question_chars == 500 and settings.log_retention_days == 180
    assert settings.data_dir == Path("/srv/data/article-bot")
    assert read_settings(parse(), {TOKEN_ENV: "1:x", "BOT_DATA_DIR": "/var/lib/bot"}
                         ).data_dir == Path("/var/lib/bot")


@pytest.mark.parametrize("value", ["off", "OFF", "no", "false", "0"])
def test_the_question_log_can_be_turned_off(value):
    settings = read_settings(parse(), {TOKEN_ENV: "1:x", "BOT_QUESTION_LOG": value})
    assert settings.data_dir is None and settings.question_log_path is None


@pytest.mark.parametrize(("name", "value"), [
    ("BOT_ADMINS", "@alice"), ("BOT_ALLOWED_USERS", "1;2"), ("BOT_RATE_LIMIT", "-1"),
    ("BOT_RATE_LIMIT", "2.5"), ("BOT_MAX_QUESTION_CHARS", "5"),
    ("BOT_MAX_QUESTION_CHARS", "100000"), ("BOT_LOG_RETENTION_DAYS", "forever"),
    ("BOT_QUESTION_LOG", "sometimes")])
def test_a_bad_operator_setting_is_refused_naming_it(name, value):
    with pytest.raises(SettingsError, match=name):
        read_settings(parse(), {TOKEN_ENV: "1:x", name: value})


# --- the bot's words -----------------------------------------------------------------------


def code_messages() -> set[str]:
    """Every word marked for translation in bot/ (what `pybabel extract` finds)."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(BOT_DIR)):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_the_template_holds_exactly_the_words_in_the_code():
    with (LOCALES_DIR / "bot.pot").open("rb") as pot:
        template = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(pot) if m.id}
    assert template == code_messages(), "run pybabel extract (see bot/i18n.py)"


def test_every_word_is_translated_to_vietnamese_with_the_same_placeholders():
    with (LOCALES_DIR / "vi" / "LC_MESSAGES" / "bot.po").open("rb") as po:
        catalog = read_po(po, locale="vi")
    assert {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id} == \
        code_messages()
    for message in catalog:
        if not message.id:
            continue
        source = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(targets) and not message.fuzzy, f"untranslated: {source[0]!r}"
        wanted = set(re.findall(r"\{\w+\}", source[-1]))
        for target in targets:
            assert set(re.findall(r"\{\w+\}", target)) == wanted, target


@pytest.mark.parametrize(("code", "back"), [("vi", "◂ Quay lại"), ("vi-VN", "◂ Quay lại"),
                                            ("VI", "◂ Quay lại"), ("en", "◂ Back"),
                                            ("en-GB", "◂ Back"), ("fr", "◂ Back"),
                                            (None, "◂ Back")])
def test_the_language_follows_the_users_telegram_language(code, back):
    assert load_catalogues().translator(code).gettext("◂ Back") == back


# --- logs and retries ----------------------------------------------------------------------


def test_the_filter_redacts_the_token_from_messages_arguments_and_tracebacks():
    token = "7395174420:AAHq3x_Secret-Part-Of-The-Token-35ch"
    redactor = RedactToken(token)
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "HTTP Request: POST %s",
                               (f"https://api.telegram.org/bot{token}/getMe",), None)
    try:
        raise InvalidToken(f"The token `{token}` was rejected by the server.")
    except InvalidToken as error:
        failed = logging.LogRecord("telegram", logging.ERROR, __file__, 1, "failed with %s",
                                   (token.partition(":")[2],), (type(error), error,
                                                                error.__traceback__))
    for item in (record, failed):
        assert redactor.filter(item)
        text = logging.Formatter().format(item)
        assert token not in text and token.partition(":")[2] not in text and REDACTED in text


@pytest.mark.parametrize(("make", "retried"), [  # built in the test: RetryAfter warns
    (lambda: NetworkError("Bad Gateway (502)"), True), (TimedOut, True),
    (lambda: NetworkError("httpx.ConnectError"), True),
    (lambda: BadRequest("can't parse entities"), False),
    (lambda: Forbidden("bot was blocked by the user"), False), (InvalidToken, False),
    (lambda: Conflict("terminated by other getUpdates request"), False),
    (lambda: RetryAfter(3), False), (lambda: ChatMigrated(-100), False)])
def test_only_transient_failures_are_retried(make, retried):
    assert is_transient(make()) is retried


# --- reading what users write --------------------------------------------------------------


def test_a_long_question_is_cut_at_a_space():
    question, cut = cap_question("word " * 300)
    assert cut and len(question) <= 500 and question.endswith("word")
    assert cap_question("  short?  ") == ("short?", False)
    assert cap_question("x" * 80, limit=50) == ("x" * 50, True)  # no space: cut anyway
    assert cap_question("beds \ud800?") == ("beds ??", False)  # a lone surrogate from JSON


@pytest.mark.parametrize(("text", "argument"), [("/ask how many beds", "how many beds"),
                                                (f"/ask@{BOT_USERNAME}  beds?", "beds?"),
                                                ("/ask", ""),
                                                ("/ask\nmultiline\nq", "multiline\nq")])
def test_the_question_after_a_command(text, argument):
    assert command_argument(text) == argument


def group_message(text: str, reply_to: dict | None = None) -> Message:
    data = {"message_id": 5, "date": 0, "chat": {"id": -100, "type": "supergroup"},
            "from": user(), "text": text}
    if reply_to:
        data["reply_to_message"] = reply_to
    return Message.de_json(data, None)


@pytest.mark.parametrize(("text", "question"), [
    (f"@{BOT_USERNAME} how many beds?", "how many beds?"),
    (f"hey @{BOT_USERNAME.upper()}, how many beds?", "hey , how many beds?"),
    (f"how many beds @{BOT_USERNAME}", "how many beds"),
    (f"@{BOT_USERNAME}", ""),
    (f"@{BOT_USERNAME}_fan how many beds?", None),  # another account
    (f"mail@{BOT_USERNAME} beds", None),
    ("how many beds?", None),
])
def test_in_groups_only_messages_meant_for_the_bot_are_questions(text, question):
    assert addressed_question(group_message(text), BOT_ID, BOT_USERNAME) == question


def test_a_reply_to_the_bot_is_a_question_and_a_reply_to_someone_else_is_not():
    to_bot = {"message_id": 1, "date": 0, "chat": {"id": -100, "type": "supergroup"},
              "from": BOT_USER, "text": "an answer"}
    to_human = {**to_bot, "from": user(7)}
    assert addressed_question(group_message("and beds?", to_bot), BOT_ID, BOT_USERNAME) == \
        "and beds?"
    assert addressed_question(group_message("and beds?", to_human), BOT_ID, BOT_USERNAME) is None


@pytest.mark.parametrize(("endpoint", "paced"), [
    ("sendMessage", True), ("editMessageText", True), ("sendPhoto", True),
    ("copyMessage", True), ("sendChatAction", False), ("answerCallbackQuery", False),
    ("answerInlineQuery", False), ("setMyCommands", False), ("getMe", False)])
def test_only_messages_count_against_the_bots_pace(endpoint, paced):
    assert is_message(endpoint) is paced


def test_typing_indicators_beyond_the_budget_are_skipped_not_delayed():
    now = [0.0]
    budget = Budget(3, clock=lambda: now[0])
    assert [budget.take() for _ in range(5)] == [True, True, True, False, False]
    now[0] += 1.0
    assert budget.take()
