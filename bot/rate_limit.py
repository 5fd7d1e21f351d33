"""A per-user limit on questions, so one person (or script) cannot flood the bot.

A sliding window of recent question times per user, with the clock passed in so the
behaviour can be tested without waiting. Memory stays bounded: users idle for longer than
the window are forgotten.
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

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < self.window:
            return
        self._last_sweep = now
        for user_id in [u for u, t in self._recent.items() if not t or now - t[-1] >= self.window]:
            del self._recent[user_id]
