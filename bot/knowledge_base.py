"""Load the article folder and build the answerer, reporting skipped files: the start-up step
every front end shares."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from knowledge import Knowledge, default_knowledge_dir
from retrieval.answerer import DEFAULT_ENGINE, Answerer
from retrieval.store import open_saved_knowledge

log = logging.getLogger(__name__)

KNOWLEDGE_ENV = "KNOWLEDGE_DIR"


def knowledge_dir(option: str | None) -> Path:
    """The folder to answer from: `--knowledge`, else $KNOWLEDGE_DIR, else the shipped articles."""
    chosen = option or os.environ.get(KNOWLEDGE_ENV)
    return Path(chosen).expanduser() if chosen else default_knowledge_dir()


@dataclass(frozen=True)
class KnowledgeBase:
    """The loaded articles and the answerer built over them."""

    knowledge: Knowledge
    answerer: Answerer


def open_knowledge_base(folder: Path, engine: str = DEFAULT_ENGINE,
                        progress: bool = False) -> KnowledgeBase:
    """Open the folder's saved index (building or updating it first when needed); raises
    `KnowledgeError` when nothing can be served.

    The saved index (`retrieval.store`) makes a restart cost a second, not a re-read.
    """
    saved = open_saved_knowledge(folder, progress=progress)
    knowledge = saved.knowledge
    answerer = saved.answerer(engine)
    log.info("serving %d passages from %d articles in %s (%d file(s) skipped; index %s at %s)",
             len(answerer.passages), len(knowledge.articles), folder, len(knowledge.skipped),
             saved.report.state, saved.report.location)
    return KnowledgeBase(knowledge, answerer)
