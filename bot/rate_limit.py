"""A per-user limit on questions, so one person (or script) cannot flood the bot.

A sliding window of recent question times per user, with the clock passed in so the
behaviour can be tested without waiting. Memory stays bounded: users idle for longer than
the window are forgotten. A refused user is told once per wait (`first_refusal`), so a
script flooding the bot does not make the bot flood back.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class QuestionRateLimiter:
    """At most `limit` questions per `window` seconds for each user (limit 0: no limit)."""

    limit: int = 20
    window: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _recent: dict[int, deque[float]] = field(default_factory=dict, repr=False)
    _told_until: dict[int, float] = field(default_factory=dict, repr=False)
    _last_sweep: float = field(default=0.0, repr=False)

    def allow(self, user_id: int) -> bool:
        """Record a question from the user; False when it is over the limit (not recorded)."""
        if self.limit <= 0:
            return True
        now = self.clock()
        self._sweep(now)
        times = self._recent.setdefault(user_id, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) >= self.limit:
            return False
        times.append(now)
        return True

    def retry_after(self, user_id: int) -> float:
        """Seconds until the user may ask again (0 when they may now)."""
        times = self._recent.get(user_id)
        if not times or len(times) < self.limit:
            return 0.0
        return max(0.0, self.window - (self.clock() - times[0]))

    def first_refusal(self, user_id: int) -> bool:
        """After `allow` said no: True when the user has not been told to slow down during
        this wait yet (remembered until they may ask again), so only that refusal gets a reply."""
        now = self.clock()
        if now < self._told_until.get(user_id, float("-inf")):
            return False
        self._told_until[user_id] = now + self.retry_after(user_id)
        return True

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < self.window:
            return
        self._last_sweep = now
        for user_id in [u for u, t in self._recent.items() if not t or now - t[-1] >= self.window]:
            del self._recent[user_id]
        for user_id in [u for u, until in self._told_until.items() if until <= now]:
            del self._told_until[user_id]
