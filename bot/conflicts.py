"""A second bot instance on the same token: noticed, reported once, and the bot stops.

Telegram lets one process at a time poll a bot's updates: while two do, each `getUpdates`
ends the other's with 409 Conflict, so neither gets updates reliably and python-telegram-bot
would retry forever. After a few Conflicts in a row the bot logs one clear error and stops
with its own exit code, `EXIT_CONFLICT`, so the operator (or systemd) sees why. A Conflict
an hour after the last one is a new series, and so is one after an update came through:
a short overlap while an old instance shuts down is not worth stopping for.

While stopping, python-telegram-bot asks for updates once more and logs the Conflict it gets
with a traceback; `QuietStopAfterConflict` drops that record, since the error is already
reported in one clear line.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from telegram.error import Conflict

EXIT_CONFLICT = 3  # another instance polls with this token (or a webhook is set)
CONFLICTS_BEFORE_STOP = 3  # ~3 s with python-telegram-bot's retry intervals (1 s, 1.5 s)
SERIES_GAP = 60.0  # seconds without a Conflict after which the count starts again


@dataclass
class ConflictWatch:
    """Counts 409 Conflicts in a row; `tripped` once the bot should stop."""

    limit: int = CONFLICTS_BEFORE_STOP
    clock: Callable[[], float] = time.monotonic
    count: int = 0
    tripped: bool = False
    _last: float = field(default=float("-inf"), repr=False)

    def seen(self) -> bool:
        """Record a Conflict; True exactly once, when this one makes the bot stop."""
        now = self.clock()
        if now - self._last > SERIES_GAP:
            self.count = 0
        self._last = now
        self.count += 1
        if self.tripped or self.count < self.limit:
            return False
        self.tripped = True
        return True

    def reset(self) -> None:
        """An update arrived: polling works, so earlier Conflicts were passing."""
        self.count = 0


UPDATER_LOGGER = "telegram.ext.Updater"


class QuietStopAfterConflict(logging.Filter):
    """Drops the updater's traceback for its last `getUpdates` when that failed with a
    Conflict: the cause is already logged once, in words an operator can act on."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not (isinstance(error, Conflict)
                    and record.getMessage().startswith("Error while calling `get_updates`"))
