"""Read the knowledge folder again while the bot keeps answering, then swap it in at once.

`/reload` (admins) and SIGHUP both come here. The new knowledge base is opened in a worker
thread (`open_knowledge_base`: the saved index brought up to date), while questions go on
being answered from the old one. Then one assignment replaces `bot_data[SHARED]` with a copy
holding the new base: a handler that read the old `Shared` finishes its answer from the old
index, the next update gets the new one. Broken files are skipped and named (the rest is
served); a folder with nothing usable keeps the old index. Reloads run one at a time.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from bot.handlers import SHARED, Shared
from bot.knowledge_base import KnowledgeBase, open_knowledge_base
from knowledge import KnowledgeError, SkippedFile

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReloadOutcome:
    """What a reload did: the base served before and after, and why it failed if it did."""

    before: KnowledgeBase
    after: KnowledgeBase  # the same object as `before` when the reload failed
    seconds: float
    error: str | None = None  # why the old index is still served

    @property
    def reloaded(self) -> bool:
        """True when the new knowledge is being served."""
        return self.error is None

    @property
    def skipped(self) -> tuple[SkippedFile, ...]:
        """Files of the folder that are not served, with the reason (after a reload)."""
        return self.after.knowledge.skipped if self.reloaded else ()


def size_of(base: KnowledgeBase) -> str:
    """"2 articles, 31 passages": for log lines."""
    return f"{len(base.knowledge.articles)} articles, {len(base.answerer.passages)} passages"


async def reload_knowledge(bot_data: MutableMapping[str, Any]) -> ReloadOutcome:
    """Rebuild the served knowledge from its folder and swap it in; on failure keep serving
    the old one. Waits for a reload already running, then reads the folder again."""
    state: Shared = bot_data[SHARED]
    async with state.reload_lock:
        old = bot_data[SHARED].base
        folder, engine = old.knowledge.folder, old.answerer.engine_name
        started = time.perf_counter()
        try:
            new = await asyncio.to_thread(open_knowledge_base, folder, engine=engine)
        except KnowledgeError as error:
            log.error("reload of %s failed, still serving the previous %s: %s", folder,
                      size_of(old), error)
            return ReloadOutcome(old, old, time.perf_counter() - started, str(error))
        except Exception as error:  # an I/O error or a bug must not take the bot down
            log.exception("reload of %s failed, still serving the previous %s", folder,
                          size_of(old))
            return ReloadOutcome(old, old, time.perf_counter() - started,
                                 f"{type(error).__name__}: {error}")
        bot_data[SHARED] = dataclasses.replace(bot_data[SHARED], base=new)
        seconds = time.perf_counter() - started
        log.info("reloaded %s in %.1f s: now serving %s (was %s), %d file(s) skipped",
                 folder, seconds, size_of(new), size_of(old), len(new.knowledge.skipped))
        return ReloadOutcome(old, new, seconds)
