"""Updates of different chats handled at the same time, those of one chat in order.

By default python-telegram-bot handles one update at a time, so one chat's flood-control
wait (a 429 asks for seconds) or a slow answer holds up every other chat. Handling updates
concurrently fixes that, but then two quick questions of one person could be answered in
the wrong order. This update processor gives each chat (or, for inline queries, each user)
a lane: an `asyncio.Lock` taken in arrival order, so a chat's updates run one after another
while other chats' run beside them. Lanes exist only while a chat has updates in flight.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 512  # updates in flight at once (each waiting costs a small task)


@dataclass
class _Lane:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0  # updates holding or waiting for the lock


def lane_of(update: object) -> tuple[str, int] | None:
    """Which lane an update goes in: its chat's, else its sender's; None for neither."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return ("chat", update.effective_chat.id)
    if update.effective_user is not None:
        return ("user", update.effective_user.id)
    return None


class ChatLanes(BaseUpdateProcessor):
    """Concurrent across chats, in order within a chat (give it to
    `ApplicationBuilder.concurrent_updates`)."""

    __slots__ = ("_lanes",)

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._lanes: dict[tuple[str, int], _Lane] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the update's handlers once the earlier updates of its chat are done."""
        key = lane_of(update)
        if key is None:
            await coroutine
            return
        lane = self._lanes.setdefault(key, _Lane())
        lane.waiting += 1
        try:
            async with lane.lock:
                await coroutine
        finally:
            lane.waiting -= 1
            if lane.waiting == 0:
                del self._lanes[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release: the application waits for updates in flight before this."""

    def __len__(self) -> int:
        """Lanes with updates in flight."""
        return len(self._lanes)
