"""`python -m bot telegram` as an operator runs it: a real process against the fake Bot API
(through TELEGRAM_BASE_URL), its exit codes, its configuration errors and its logs."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.log_redaction import REDACTED
from tests.fake_bot_api import FakeBotApi, visible_text

ROOT = Path(__file__).resolve().parent.parent
REAL_LOOKING_TOKEN = "7395174420:AAHq3x_Secret-Part-Of-The-Token-35ch"
QUESTION = "how many commune stations does Lang Son have?"
START_WAIT = 60.0  # a cold interpreter, imports and indexing: generous, never slept


def clean_environment(**extra: str) -> dict[str, str]:
    """The test runner's environment without any Telegram, bot or knowledge settings."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "BOT_")) and k != "KNOWLEDGE_DIR"}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def run_telegram(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot telegram` to completion (for the ways it refuses to start)."""
    env.setdefault("BOT_DATA_DIR", str(cwd / "data"))  # never the runner's own data folder
    return subprocess.run([sys.executable, "-m", "bot", "telegram", *args], cwd=cwd,
                          env=clean_environment(**env), capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
async def real_token_api() -> AsyncIterator[FakeBotApi]:
    """A fake Bot API expecting a token shaped like BotFather's."""
    api = FakeBotApi(token=REAL_LOOKING_TOKEN)
    await api.start()
    yield api
    await api.close()
    assert not api.rejected, [(c.method, c.params) for c in api.rejected]


class BotProcess:
    """A running `python -m bot telegram`, its stderr read line by line as it goes (so a
    chatty --debug log never fills the pipe, and a test can wait for a log line)."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self._new_line = asyncio.Condition()
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        assert self.process.stderr is not None
        async for raw in self.process.stderr:
            async with self._new_line:
                self.lines.append(raw.decode(errors="replace"))
                self._new_line.notify_all()

    async def logged(self, text: str) -> None:
        """Wait until a line containing `text` is logged."""
        async with self._new_line:
            await asyncio.wait_for(self._new_line.wait_for(
                lambda: any(text in line for line in self.lines)), START_WAIT)

    async def stop(self, sig: int = signal.SIGTERM) -> tuple[int, str]:
        """Send the signal; the exit code and everything written to stderr."""
        self.process.send_signal(sig)
        code = await asyncio.wait_for(self.process.wait(), START_WAIT)
        await self._reader
        return code, "".join(self.lines)

    async def stopped(self) -> None:
        """Wait until everything the process wrote is read."""
        await self._reader

    async def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()


async def start_bot(cwd: Path, *args: str, **env: str) -> BotProcess:
    """`python -m bot telegram` started in `cwd`, its question log in `cwd/data`."""
    env.setdefault("BOT_DATA_DIR", str(cwd / "data"))
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "telegram", *args, cwd=cwd, env=clean_environment(**env),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    return BotProcess(process)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_the_real_process_answers_and_exits_0_on_a_signal(
        real_token_api, tmp_path, sig):
    (tmp_path / ".env").write_text(f"TELEGRAM_BOT_TOKEN={REAL_LOOKING_TOKEN}\n")  # from .env
    bot = await start_bot(tmp_path, "--debug", TELEGRAM_BASE_URL=real_token_api.url)
    try:
        real_token_api.send_text(QUESTION)
        sent = await real_token_api.next_call("sendMessage", timeout=START_WAIT)
        assert "194" in visible_text(sent.params["text"])
        code, stderr = await bot.stop(sig)
    finally:
        await bot.kill()
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert REAL_LOOKING_TOKEN not in stderr  # a whole session at DEBUG ...
    assert REAL_LOOKING_TOKEN.partition(":")[2] not in stderr
    assert REDACTED in stderr  # ... where python-telegram-bot did log its URL


async def test_the_webhook_mode_serves_updates_with_the_secret_and_refuses_others(
        fake_api, tmp_path):
    port = free_port()
    bot = await start_bot(tmp_path, "--debug",
                          "--webhook-url", "https://bot.example.org/telegram-hook",
                          "--listen", "127.0.0.1", "--port", str(port),
                          "--secret-token", "s3cret_-token",
                          TELEGRAM_BOT_TOKEN=fake_api.token, TELEGRAM_BASE_URL=fake_api.url)
    try:
        hook = await fake_api.next_call("setWebhook", timeout=START_WAIT)
        assert hook.params["url"] == "https://bot.example.org/telegram-hook"
        assert hook.params["secret_token"] == "s3cret_-token"
        await bot.logged("Webhook Server started")
        update = {"update_id": 1, "message": fake_api.message(QUESTION)}
        url = f"http://127.0.0.1:{port}/telegram-hook"
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=update,
                                 headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}) as refused:
                assert refused.status == 403
            async with http.post(url, json=update,
                                 headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret_-token"}) \
                    as accepted:
                assert accepted.status == 200
        sent = await fake_api.next_call("sendMessage")
        assert "194" in visible_text(sent.params["text"])
        code, stderr = await bot.stop()
    finally:
        await bot.kill()
    assert code == 0, stderr
    assert len(fake_api.delivered("sendMessage")) == 1  # the refused update was not answered


def test_a_missing_token_is_one_error_line_and_exit_code_2(tmp_path):
    done = run_telegram(tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: TELEGRAM_BOT_TOKEN")
    assert "is not set" in done.stderr


@pytest.mark.parametrize("token", ["abc", "123", "123:", ":abc", "12a:xyz", "123:abc def",
                                   "123:abc/def", "bot123:abc"])
def test_a_malformed_token_is_one_error_line_and_exit_code_2(tmp_path, token):
    done = run_telegram(tmp_path, TELEGRAM_BOT_TOKEN=token)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: TELEGRAM_BOT_TOKEN")
    assert "does not look like a bot token" in done.stderr


async def test_a_rejected_token_ends_with_one_error_line_without_the_token(
        real_token_api, tmp_path):
    wrong = "7395174420:AAHq3x_A-Wrong-Token-Nobody-Knows-35"
    bot = await start_bot(tmp_path, TELEGRAM_BOT_TOKEN=wrong,
                          TELEGRAM_BASE_URL=real_token_api.url)
    try:
        code = await asyncio.wait_for(bot.process.wait(), START_WAIT)
        await bot.stopped()
    finally:
        await bot.kill()
    stderr = "".join(bot.lines)
    assert code == 2
    assert stderr.strip().splitlines()[-1].startswith("error: Telegram rejected the bot token")
    assert wrong not in stderr and wrong.partition(":")[2] not in stderr


def test_an_invalid_webhook_option_is_one_error_line(tmp_path):
    done = run_telegram(tmp_path, "--webhook-url", "ftp://example.org/hook",
                        TELEGRAM_BOT_TOKEN="123:abc")
    assert done.returncode == 2 and done.stderr.startswith("error: the webhook URL")


def test_ask_does_not_load_python_telegram_bot():
    done = subprocess.run(
        [sys.executable, "-c", "import sys, bot.cli; print('telegram' in sys.modules)"],
        cwd=ROOT, env=clean_environment(), capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


# --- operating it --------------------------------------------------------------------------


async def test_a_second_instance_on_the_token_is_reported_and_stops_it_with_exit_code_3(
        fake_api, tmp_path):
    fake_api.fail_next("getUpdates", 409, times=1000)  # another process keeps polling
    bot = await start_bot(tmp_path, TELEGRAM_BOT_TOKEN=fake_api.token,
                          TELEGRAM_BASE_URL=fake_api.url)
    try:
        code = await asyncio.wait_for(bot.process.wait(), START_WAIT)
        await bot.stopped()
    finally:
        await bot.kill()
    stderr = "".join(bot.lines)
    assert code == 3, stderr
    assert "Traceback" not in stderr
    assert "another process is polling Telegram with this bot's token" in stderr
    assert stderr.strip().splitlines()[-1].startswith(
        "error: stopped because another process is polling Telegram with this bot's token")
    assert len(fake_api.attempts("getUpdates")) <= 4  # three in a row, then it stopped


async def test_sighup_reloads_the_articles_of_the_running_bot(fake_api, tmp_path, articles_dir):
    from bot.knowledge_base import open_knowledge_base

    # The saved index is written here, by another process, so the bot's own rebuild after
    # SIGHUP never reuses its generation's name (see the report on retrieval/store.py).
    open_knowledge_base(articles_dir)
    question = "how many dengue cases did Can Tho record in March?"
    bot = await start_bot(tmp_path, "-v", "--knowledge", str(articles_dir),
                          TELEGRAM_BOT_TOKEN=fake_api.token, TELEGRAM_BASE_URL=fake_api.url)
    try:
        fake_api.send_text(question)
        before = await fake_api.next_call("sendMessage", timeout=START_WAIT)
        (articles_dir / "dengue.txt").write_text(
            "Dengue cases fall in Can Tho\nCan Tho city recorded 312 dengue cases in March, "
            "down from 540 a year earlier.\n", encoding="utf-8")
        bot.process.send_signal(signal.SIGHUP)
        await bot.logged("SIGHUP reload done: serving 3 articles")
        fake_api.send_text(question)
        after = await fake_api.next_call("sendMessage")
        code, stderr = await bot.stop()
    finally:
        await bot.kill()
    assert "I could not find that in the articles." in visible_text(before.params["text"])
    assert "312" in visible_text(after.params["text"])
    assert code == 0, stderr


@pytest.mark.parametrize(("setting", "value", "message"), [
    ("BOT_ADMINS", "12 @alice", "error: BOT_ADMINS: '@alice' is not a numeric Telegram id"),
    ("BOT_ALLOWED_CHATS", "-100x", "error: BOT_ALLOWED_CHATS: '-100x' is not a numeric"),
    ("BOT_RATE_LIMIT", "fast", "error: BOT_RATE_LIMIT must be a whole number, got 'fast'"),
    ("BOT_MAX_QUESTION_CHARS", "0", "error: BOT_MAX_QUESTION_CHARS must be between 10 and"),
    ("BOT_LOG_RETENTION_DAYS", "-1", "error: BOT_LOG_RETENTION_DAYS must be >= 0, got -1"),
    ("BOT_QUESTION_LOG", "maybe", "error: BOT_QUESTION_LOG must be on or off"),
])
def test_a_bad_operator_setting_is_one_error_line_and_exit_code_2(tmp_path, setting, value,
                                                                   message):
    done = run_telegram(tmp_path, TELEGRAM_BOT_TOKEN="123:abc", **{setting: value})
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(message), done.stderr


def test_a_question_log_that_cannot_be_written_is_one_error_line(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    done = run_telegram(tmp_path, TELEGRAM_BOT_TOKEN="123:abc",
                        BOT_DATA_DIR=str(tmp_path / "a-file" / "data"))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith(
        "error: cannot open the question log at ")
    assert "BOT_QUESTION_LOG=off" in done.stderr


async def test_an_unwritable_default_data_folder_costs_the_log_not_the_bot(
        real_token_api, tmp_path):
    """A read-only home (a container, a locked-down host) must not keep the bot from answering
    when the operator never asked for a question log folder."""
    (tmp_path / "a-file").write_text("not a folder")
    bot = await start_bot(tmp_path, TELEGRAM_BOT_TOKEN=REAL_LOOKING_TOKEN,
                          TELEGRAM_BASE_URL=real_token_api.url, BOT_DATA_DIR="",
                          XDG_DATA_HOME=str(tmp_path / "a-file"))
    try:
        real_token_api.send_text(QUESTION)
        sent = await real_token_api.next_call("sendMessage", timeout=START_WAIT)
        assert "194" in visible_text(sent.params["text"])
        assert "👍" not in json.dumps(sent.params.get("reply_markup", ""), ensure_ascii=False)
        code, stderr = await bot.stop(signal.SIGTERM)
    finally:
        await bot.kill()
    assert code == 0, stderr
    assert "serving without it" in stderr
