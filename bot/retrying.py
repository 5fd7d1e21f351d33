"""The bot's outgoing pace, and retries of requests lost to flood control or a bad gateway.

python-telegram-bot's `AIORateLimiter` does not fit a bot that answers many chats at once:
its overall limit is a leaky bucket that lets 30 messages go at once and 30 more within the
same second (Telegram counts up to about 30 a second in all), and one 429 answer pauses every
request of the bot, so one chat's flood wait stalls all the others. This limiter instead

- spaces messages (sends and edits) at least 1/25 s apart, whatever the number of chats: a
  steady pace, without bursts, that stays under Telegram's 30 a second even when the network
  delivers a few of them closer together than they were sent;
- keeps at most 20 messages a minute to each group, as python-telegram-bot does;
- sends at most 10 "typing…" indicators a second and skips the others (reporting them as
  done): they are only a hint, and a burst of them when many questions arrive at once would
  count against the bot's flood limits and delay the answers themselves;
- waits out a 429 (`RetryAfter`) for the request that got it only, then tries it again: with
  the pace above, a 429 comes from one chat's own limit, not the bot's;
- tries again, a few times with exponential backoff, what failed for a transient reason: a
  502 from Telegram's front servers (it reaches python-telegram-bot as `NetworkError`), a
  dropped connection or a timeout. `AIORateLimiter` does not, and a reply lost to one bad
  gateway is a lost answer.

It never retries what another attempt cannot fix: `BadRequest` (our request is wrong),
`Forbidden` (the user blocked the bot), `InvalidToken`, `Conflict`, `ChatMigrated`. A read
timeout is retried too: Telegram may have delivered the first attempt, so a rare duplicate
message is the price of not losing answers (at least once, not at most once).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import warnings
from collections import deque
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger(__name__)

Result = bool | dict[str, Any] | list[dict[str, Any]]

MESSAGES_PER_SECOND = 25.0  # Telegram's limit is about 30; the margin absorbs network jitter
GROUP_MESSAGES_PER_MINUTE = 20  # Telegram's limit per group, as python-telegram-bot keeps it
CHAT_ACTIONS_PER_SECOND = 10  # "typing…" indicators sent; the rest are skipped
FLOOD_MARGIN = 0.1  # seconds waited beyond a 429's retry_after
_IDLE_GROUP_LIMITERS = 512  # group limiters kept before idle ones are dropped


def is_transient(error: BaseException) -> bool:
    """Whether trying the same request again may succeed: 5xx, network errors and timeouts
    (all `NetworkError`), but not `BadRequest` (a `NetworkError` subclass by history)."""
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


def is_message(endpoint: str) -> bool:
    """Whether a Bot API method posts or changes a message, which Telegram's flood limits
    count: `sendMessage`, `editMessageText`, `copyMessage`... but not `sendChatAction`."""
    lowered = endpoint.lower()
    if lowered == "sendchataction":
        return False
    return lowered.startswith(("send", "edit", "copymessage", "forwardmessage"))


def retry_after_seconds(error: RetryAfter) -> float:
    """The wait Telegram asked for, in seconds (python-telegram-bot 22 gives an int or a
    timedelta and warns when the int is read)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


class Pace:
    """Lets callers through one at a time, at least `1 / per_second` seconds apart.

    The time is taken when a caller is let through, not when it queued, so a busy event loop
    that wakes several late never lets them go in a burst. Waiters go in arrival order.
    """

    def __init__(self, per_second: float) -> None:
        self._interval = 1.0 / per_second
        self._last = float("-inf")
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        """Return when the next message may go."""
        loop = asyncio.get_running_loop()
        async with self._lock:
            delay = self._last + self._interval - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            self._last = loop.time()


class Budget:
    """At most `per_second` events in any second, without waiting: `take` says whether one
    more fits now (for what is better skipped than late)."""

    def __init__(self, per_second: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._per_second = per_second
        self._clock = clock
        self._times: deque[float] = deque()

    def take(self) -> bool:
        """True (and counted) when one more event fits in the last second."""
        now = self._clock()
        while self._times and now - self._times[0] >= 1.0:
            self._times.popleft()
        if len(self._times) >= self._per_second:
            return False
        self._times.append(now)
        return True


class RetryingRateLimiter(BaseRateLimiter[int]):
    """A steady pace for messages, per-group limits, and bounded retries of 429 and
    transient failures (see the module docstring for why not `AIORateLimiter`)."""

    __slots__ = ("_backoff", "_chat_actions", "_group_limiters", "_group_per_minute",
                 "_max_retries", "_network_retries", "_pace")

    def __init__(self, *, max_retries: int = 3, network_retries: int = 4,
                 backoff: float = 0.25, messages_per_second: float = MESSAGES_PER_SECOND,
                 group_messages_per_minute: int = GROUP_MESSAGES_PER_MINUTE) -> None:
        self._max_retries = max_retries
        self._network_retries = network_retries
        self._backoff = backoff
        self._pace = Pace(messages_per_second)
        self._group_per_minute = group_messages_per_minute
        self._group_limiters: dict[int | str, AsyncLimiter] = {}
        self._chat_actions = Budget(CHAT_ACTIONS_PER_SECOND)

    async def initialize(self) -> None:
        """Nothing to set up: limits live in memory."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    def _group_limiter(self, chat_id: int | str) -> AsyncLimiter:
        if len(self._group_limiters) > _IDLE_GROUP_LIMITERS:
            for key, limiter in list(self._group_limiters.items()):
                if key != chat_id and limiter.has_capacity(limiter.max_rate):
                    del self._group_limiters[key]
        if chat_id not in self._group_limiters:
            self._group_limiters[chat_id] = AsyncLimiter(self._group_per_minute, 60)
        return self._group_limiters[chat_id]

    @contextlib.asynccontextmanager
    async def _turn(self, endpoint: str, data: dict[str, Any]) -> AsyncIterator[None]:
        """Wait for the group's budget (when the chat is a group) and the bot's pace."""
        if not is_message(endpoint):
            yield
            return
        chat_id = data.get("chat_id")
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)  # type: ignore[arg-type]
        group = (isinstance(chat_id, int) and chat_id < 0) or isinstance(chat_id, str)
        if group and self._group_per_minute:
            async with self._group_limiter(chat_id):  # type: ignore[arg-type]
                await self._pace.wait()
                yield
        else:
            await self._pace.wait()
            yield

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Send at the pace; after a 429 wait as long as Telegram asks and try again (at most
        `max_retries` times); after a transient failure wait 0.25 s, 0.5 s, 1 s ... and try
        again (at most `network_retries` times); then let the error through."""
        if endpoint.lower() == "sendchataction" and not self._chat_actions.take():
            log.debug("skipped a chat action: more than %d a second", CHAT_ACTIONS_PER_SECOND)
            return True
        floods = failures = 0
        while True:
            try:
                async with self._turn(endpoint, data):
                    return await callback(*args, **kwargs)
            except RetryAfter as error:
                if floods >= (rate_limit_args or self._max_retries):
                    log.error("%s: still flood-limited after %d retries; giving up",
                              endpoint, floods)
                    raise
                floods += 1
                delay = retry_after_seconds(error) + FLOOD_MARGIN
                log.info("%s: flood control, retrying in %.1f s", endpoint, delay)
            except NetworkError as error:
                if not is_transient(error) or failures >= self._network_retries:
                    raise
                delay = self._backoff * 2 ** failures
                failures += 1
                log.warning("%s failed (%s); retrying in %.2f s (%d of %d)", endpoint, error,
                            delay, failures, self._network_retries)
            await asyncio.sleep(delay)
