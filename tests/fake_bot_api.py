"""A fake Telegram Bot API on 127.0.0.1 for running the real bot against, plus a strict
checker of Telegram's HTML.

It answers the methods the bot uses the way Telegram does (including its 400s for bad HTML,
over-long text, oversized callback data or duplicate inline result ids), serves `getUpdates`
by long polling from a queue the test fills, records every call (with the time it arrived),
and can be told to answer the next calls of a method, or every n-th, with 429 (retry_after),
a 5xx or 409 Conflict (another instance polling), to test recovery.

Tests wait for what the bot sends with `await api.next_call("sendMessage")`: no sleeps.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

TOKEN = "123:abc"
BOT_ID = 4242
BOT_USERNAME = "article_test_bot"
LIMIT = 4096
WAIT = 15.0  # seconds a test waits for the bot before failing: generous, never slept
# What Telegram says with these statuses (python-telegram-bot turns 409 into `Conflict`).
_DESCRIPTIONS = {
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot "
         "instance is running",
}

# Parameters Telegram takes as plain strings; every other value python-telegram-bot sends
# JSON-encoded.
_STRING_PARAMETERS = {
    "text", "message_text", "callback_query_id", "inline_query_id", "parse_mode", "action",
    "language_code", "url", "secret_token", "next_offset", "data", "query", "title",
    "description", "inline_message_id", "business_connection_id", "message_effect_id",
}

# ---------------------------------------------------------------------------------------------
# Telegram's HTML, strictly


_ALLOWED_TAGS: dict[str, set[str]] = {
    "b": set(), "strong": set(), "i": set(), "em": set(), "u": set(), "ins": set(),
    "s": set(), "strike": set(), "del": set(), "tg-spoiler": set(), "span": {"class"},
    "a": {"href"}, "code": {"class"}, "pre": set(), "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
}
_TAG = re.compile(r'<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z-]+(?:="[^"<>]*")?)*)\s*>')
_ATTRIBUTE = re.compile(r'\s+([A-Za-z-]+)(?:="([^"<>]*)")?')
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});")


def utf16_length(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def parse_telegram_html(text: str) -> tuple[str | None, str]:
    """(problem, visible text): the problem Telegram would report for this HTML message (None
    when it would accept it), checked more strictly than Telegram itself: only its tags, with
    their attributes, properly nested; every <, > and & outside a tag escaped; entities named
    &lt; &gt; &amp; &quot; or numeric; non-empty; at most 4,096 characters once parsed."""
    stack: list[str] = []
    visible: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "<":
            match = _TAG.match(text, position)
            if match is None:
                return f"unescaped '<' at {position}", ""
            closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
            if name not in _ALLOWED_TAGS:
                return f"unsupported tag <{name}>", ""
            if closing:
                if attributes.strip():
                    return f"attributes in </{name}>", ""
                if not stack or stack[-1] != name:
                    return f"</{name}> does not close the open tag {stack[-1:]}", ""
                stack.pop()
            else:
                values = {}
                for attribute in _ATTRIBUTE.finditer(attributes):
                    if attribute.group(1).lower() not in _ALLOWED_TAGS[name]:
                        return f"attribute {attribute.group(1)} not allowed in <{name}>", ""
                    values[attribute.group(1).lower()] = html.unescape(attribute.group(2) or "")
                if name == "a" and not re.match(r"(https?|tg)://\S+$", values.get("href", "")):
                    return "a link without a valid href", ""
                if name == "span" and values.get("class") != "tg-spoiler":
                    return "a span that is not a spoiler", ""
                if name in stack:
                    return f"<{name}> nested in itself", ""
                if name == "blockquote" and "blockquote" in stack:
                    return "nested blockquote", ""
                if stack and stack[-1] in ("code", "pre") and not (
                        name == "code" and stack[-1] == "pre"):
                    return f"<{name}> inside <{stack[-1]}>", ""
                stack.append(name)
            position = match.end()
        elif char == "&":
            match = _ENTITY.match(text, position)
            if match is None:
                return f"unescaped '&' at {position}", ""
            visible.append(html.unescape(match.group()))
            position = match.end()
        elif char == ">":
            return f"unescaped '>' at {position}", ""
        else:
            visible.append(char)
            position += 1
    if stack:
        return f"unclosed <{stack[-1]}>", ""
    plain = "".join(visible)
    if not plain.strip():
        return "message text is empty", plain
    if utf16_length(plain) > LIMIT:
        return f"message is too long ({utf16_length(plain)} characters)", plain
    return None, plain


def html_problem(text: str) -> str | None:
    """What Telegram would reject in this HTML message, or None."""
    return parse_telegram_html(text)[0]


def visible_text(text: str) -> str:
    """The text a user sees once Telegram has parsed the HTML (the message must be valid)."""
    problem, plain = parse_telegram_html(text)
    if problem:
        raise AssertionError(f"invalid Telegram HTML ({problem}): {text!r}")
    return plain


# ---------------------------------------------------------------------------------------------
# Users, chats and updates as Telegram sends them


def user(user_id: int = 1001, language_code: str | None = "en",
         first_name: str = "Lan") -> dict[str, Any]:
    """A human Telegram user."""
    out: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code:
        out["language_code"] = language_code
    return out


def private_chat(of: dict[str, Any]) -> dict[str, Any]:
    """The private chat with a user (its id is the user's)."""
    return {"id": of["id"], "type": "private", "first_name": of["first_name"]}


def group_chat(chat_id: int = -1001234, title: str = "Health reporters") -> dict[str, Any]:
    """A supergroup."""
    return {"id": chat_id, "type": "supergroup", "title": title}


BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Article Bot", "username": BOT_USERNAME}


def entities_of(text: str) -> list[dict[str, Any]]:
    """The command and mention entities Telegram would attach (offsets in UTF-16)."""
    out = []
    command = re.match(r"/[A-Za-z0-9_]+(@\w+)?", text)
    if command:
        out.append({"type": "bot_command", "offset": 0, "length": utf16_length(command.group())})
    for mention in re.finditer(r"(?<![\w@])@\w{3,}", text):
        out.append({"type": "mention", "offset": utf16_length(text[:mention.start()]),
                    "length": utf16_length(mention.group())})
    return out


@dataclass
class Call:
    """One request the bot made: the method, its parameters, and what we answered."""

    method: str
    params: dict[str, Any]
    status: int
    result: Any = None
    at: float = field(default_factory=time.monotonic)  # when the request arrived


@dataclass
class _Failure:
    status: int
    times: int
    retry_after: int | None = None


@dataclass
class _EveryNth:
    every: int
    statuses: tuple[int, ...]
    retry_after: int
    seen: int = 0
    failed: int = 0

    def next(self) -> _Failure | None:
        """The failure for this call, or None to answer it normally."""
        self.seen += 1
        if self.seen % self.every:
            return None
        status = self.statuses[self.failed % len(self.statuses)]
        self.failed += 1
        return _Failure(status, 1, self.retry_after if status == 429 else None)


@dataclass
class FakeBotApi:
    """The stand-in for api.telegram.org: `url` goes to `ApplicationBuilder.base_url`."""

    token: str = TOKEN
    calls: list[Call] = field(default_factory=list)
    rejected: list[Call] = field(default_factory=list)  # 400s for what Telegram would refuse
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    answered_callbacks: dict[str, dict[str, Any]] = field(default_factory=dict)
    pressed_callbacks: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._delivered: dict[str, asyncio.Queue[Call]] = defaultdict(asyncio.Queue)
        self._arrived = asyncio.Condition()
        self._failures: dict[str, list[_Failure]] = defaultdict(list)
        self._every_nth: dict[str, _EveryNth] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- running -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The base URL: python-telegram-bot appends "<token>/<method>"."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=1)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        """Release waiting long polls and stop listening."""
        self._closing = True
        async with self._arrived:
            self._arrived.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- what the test controls -----------------------------------------------------------

    def fail_next(self, method: str, status: int, times: int = 1,
                  retry_after: int | None = None) -> None:
        """Answer the next `times` calls of `method` with this HTTP status (429: flood
        control with `retry_after` seconds)."""
        self._failures[method].append(_Failure(status, times, retry_after))

    def fail_every(self, method: str, every: int, statuses: tuple[int, ...] = (429, 502),
                   retry_after: int = 1) -> None:
        """Answer every `every`-th call of `method` (retries included) with the next of
        `statuses` in turn: a steady share of failures, the same in every run."""
        self._every_nth[method] = _EveryNth(every, statuses, retry_after)

    def add_update(self, payload: dict[str, Any]) -> int:
        """Queue an update (its `update_id` is added) for the bot's next getUpdates."""
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **payload})
        asyncio.get_running_loop().create_task(self._notify())
        return update_id

    async def _notify(self) -> None:
        async with self._arrived:
            self._arrived.notify_all()

    def message(self, text: str | None = None, *, sender: dict[str, Any] | None = None,
                chat: dict[str, Any] | None = None, reply_to: dict[str, Any] | None = None,
                entities: bool = True, **content: Any) -> dict[str, Any]:
        """A message as Telegram sends it: text (with command/mention entities unless
        `entities=False`) or other content such as `sticker={...}`."""
        sender = sender or user()
        chat = chat or private_chat(sender)
        self._chats[chat["id"]] = chat  # the bot may now send to it
        message: dict[str, Any] = {"message_id": next(self._message_ids), "date": int(time.time()),
                                   "chat": chat, "from": sender, **content}
        if text is not None:
            message["text"] = text
            if entities and entities_of(text):
                message["entities"] = entities_of(text)
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return message

    def send_text(self, text: str, **kwargs: Any) -> dict[str, Any]:
        """A user sends a text message; returns the message."""
        message = self.message(text, **kwargs)
        self.add_update({"message": message})
        return message

    def send_content(self, sender: dict[str, Any] | None = None, **content: Any) -> None:
        """A user sends a sticker, photo, voice message, document..."""
        self.add_update({"message": self.message(sender=sender, **content)})

    def press(self, message: dict[str, Any], data: str,
              sender: dict[str, Any] | None = None) -> str:
        """A user presses a button carrying `data` under `message`; returns the query id."""
        query_id = f"cbq-{next(self._callback_ids)}"
        self.pressed_callbacks.append(query_id)
        self.add_update({"callback_query": {
            "id": query_id, "from": sender or user(), "chat_instance": "ci-1", "data": data,
            "message": message}})
        return query_id

    def inline(self, query: str, sender: dict[str, Any] | None = None) -> str:
        """A user types "@bot query" in some chat; returns the inline query id."""
        query_id = f"iq-{next(self._callback_ids)}"
        self.add_update({"inline_query": {"id": query_id, "from": sender or user(),
                                          "query": query, "offset": ""}})
        return query_id

    async def next_call(self, method: str, timeout: float = WAIT) -> Call:
        """The next successful call of `method` the bot makes (in order; each returned once)."""
        try:
            return await asyncio.wait_for(self._delivered[method].get(), timeout)
        except TimeoutError:
            seen = [c.method for c in self.calls if c.method != "getUpdates"]
            raise AssertionError(f"the bot did not call {method} within {timeout} s; "
                                 f"calls so far: {seen}") from None

    def delivered(self, method: str) -> list[Call]:
        """Every successful call of `method` so far."""
        return [c for c in self.calls if c.method == method and c.status == 200]

    def attempts(self, method: str) -> list[Call]:
        """Every call of `method`, answered with success or not."""
        return [c for c in self.calls if c.method == method]

    def unanswered_callbacks(self) -> list[str]:
        """Button presses the bot never answered."""
        return [q for q in self.pressed_callbacks if q not in self.answered_callbacks]

    # -- the HTTP side ----------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        arrived = time.monotonic()
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._error(Call(method, {}, 401), 401, "Unauthorized")
        params = await self._params(request)
        call = Call(method, params, 200, at=arrived)
        failures = self._failures.get(method)
        failure = None
        if failures:
            failure = failures[0]
            failure.times -= 1
            if failure.times <= 0:
                failures.pop(0)
        elif method in self._every_nth:
            failure = self._every_nth[method].next()
        if failure is not None:
            call.status = failure.status
            self.calls.append(call)
            if failure.status == 429:
                return web.json_response(
                    {"ok": False, "error_code": 429,
                     "description": f"Too Many Requests: retry after {failure.retry_after}",
                     "parameters": {"retry_after": failure.retry_after}}, status=429)
            if failure.status >= 500:
                return web.Response(status=failure.status, text="<html>Bad Gateway</html>",
                                    content_type="text/html")
            return self._error(call, failure.status,
                               _DESCRIPTIONS.get(failure.status, f"Error {failure.status}"),
                               record=False)
        self.calls.append(call)
        try:
            result = await self._answer(method, params)
        except _ApiError as error:
            call.status = error.status
            if error.status == 400 and "not modified" not in error.description:
                self.rejected.append(call)  # what Telegram would refuse: a bug in the bot
            return self._error(call, error.status, error.description, record=False)
        call.result = result
        if method != "getUpdates":
            self._delivered[method].put_nowait(call)
        return web.json_response({"ok": True, "result": result})

    def _error(self, call: Call, status: int, description: str,
               record: bool = True) -> web.Response:
        if record:
            call.status = status
            self.calls.append(call)
        return web.json_response({"ok": False, "error_code": status,
                                  "description": description}, status=status)

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return dict(await request.json())
        form = await request.post() if request.can_read_body else {}
        params: dict[str, Any] = dict(request.query)
        for key, value in form.items():
            if not isinstance(value, str):
                continue
            if key in _STRING_PARAMETERS:
                params[key] = value
            else:
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    params[key] = value
        return params

    async def _answer(self, method: str, params: dict[str, Any]) -> Any:
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            raise _ApiError(404, "Not Found: method not found")
        return await handler(params)

    # -- the methods ------------------------------------------------------------------------

    async def _api_getMe(self, params: dict[str, Any]) -> Any:
        return {**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": True}

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_close(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_logOut(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)

        def pending() -> list[dict[str, Any]]:
            return [u for u in self._updates if u["update_id"] >= offset]

        self._updates = pending()  # confirmed ones are gone, as on Telegram
        if not self._updates and timeout > 0 and not self._closing:
            async with self._arrived:
                with suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._arrived.wait_for(lambda: bool(pending()) or self._closing),
                        timeout)
        return pending()[:limit]

    def _check_text(self, text: Any, parse_mode: Any) -> None:
        if not isinstance(text, str):
            raise _ApiError(400, "Bad Request: message text is empty")
        if parse_mode == "HTML":
            problem = html_problem(text)
            if problem:
                raise _ApiError(400, f"Bad Request: can't parse entities: {problem}")
        elif not text.strip() or utf16_length(text) > LIMIT:
            raise _ApiError(400, "Bad Request: message text is empty or too long")

    @staticmethod
    def _check_markup(markup: Any) -> None:
        if not markup:
            return
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if not button.get("text"):
                    raise _ApiError(400, "Bad Request: text buttons are unallowed")

    def _stored(self, chat_id: int, text: str, params: dict[str, Any]) -> dict[str, Any]:
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": self._chats[chat_id], "from": BOT_USER, "text": text}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message["message_id"])] = message
        return message

    async def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        chat_id = params.get("chat_id")
        if chat_id not in self._chats:
            raise _ApiError(400, "Bad Request: chat not found")
        self._check_text(params.get("text"), params.get("parse_mode"))
        self._check_markup(params.get("reply_markup"))
        return self._stored(chat_id, params["text"], params)

    async def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        key = (params.get("chat_id"), params.get("message_id"))
        message = self.messages.get(key)  # type: ignore[arg-type]
        if message is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        self._check_text(params.get("text"), params.get("parse_mode"))
        self._check_markup(params.get("reply_markup"))
        if message["text"] == params["text"] and message.get("reply_markup") == params.get(
                "reply_markup"):
            raise _ApiError(400, "Bad Request: message is not modified: specified new message "
                                 "content and reply markup are exactly the same")
        message["text"] = params["text"]
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        key = (params.get("chat_id"), params.get("message_id"))
        message = self.messages.get(key)  # type: ignore[arg-type]
        if message is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        self._check_markup(params.get("reply_markup"))
        message["reply_markup"] = params.get("reply_markup")
        return message

    async def _api_sendChatAction(self, params: dict[str, Any]) -> Any:
        if params.get("chat_id") not in self._chats:
            raise _ApiError(400, "Bad Request: chat not found")
        return True

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        query_id = params.get("callback_query_id")
        if query_id in self.answered_callbacks or query_id not in self.pressed_callbacks:
            raise _ApiError(400, "Bad Request: query is too old and response timeout expired "
                                 "or query ID is invalid")
        if len(params.get("text") or "") > 200:
            raise _ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.answered_callbacks[query_id] = params
        return True

    async def _api_answerInlineQuery(self, params: dict[str, Any]) -> Any:
        results = params.get("results") or []
        ids = [r.get("id", "") for r in results]
        if len(set(ids)) != len(ids):
            raise _ApiError(400, "Bad Request: RESULT_ID_DUPLICATE")
        for result in results:
            if not 1 <= len(result.get("id", "").encode()) <= 64:
                raise _ApiError(400, "Bad Request: RESULT_ID_INVALID")
            content = result.get("input_message_content") or {}
            self._check_text(content.get("message_text"), content.get("parse_mode"))
            if not result.get("title"):
                raise _ApiError(400, "Bad Request: RESULT_TITLE_EMPTY")
        return True

    async def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        for command in params.get("commands") or []:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")) or not (
                    1 <= len(command.get("description", "")) <= 256):
                raise _ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        return True

    async def _api_getMyCommands(self, params: dict[str, Any]) -> Any:
        return []

    async def _api_deleteMyCommands(self, params: dict[str, Any]) -> Any:
        return True


class _ApiError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


@asynccontextmanager
async def polling(app: Application) -> AsyncIterator[Application]:
    """Run an application as `run_polling` does (initialise, post_init, poll, start), inside
    the test's event loop; stop and shut it down (then post_shutdown) on exit."""
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(  # errors while polling go to the error handlers,
            poll_interval=0, allowed_updates=Update.ALL_TYPES,  # as in run_polling
            error_callback=lambda error: app.create_task(app.process_error(None, error)))
        await app.start()
        try:
            yield app
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
    finally:
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
