"""Load the article folder and build the answerer, reporting skipped files: the start-up step
every front end shares."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from knowledge import Knowledge, default_knowledge_dir, load_articles
from retrieval.answerer import DEFAULT_ENGINE, Answerer

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


def open_knowledge_base(folder: Path, engine: str = DEFAULT_ENGINE) -> KnowledgeBase:
    """Read the folder and index it; raises `KnowledgeError` when nothing can be served."""
    knowledge = load_articles(folder)
    answerer = Answerer.build(knowledge.passages, engine=engine)
    log.info("serving %d passages from %d articles in %s (%d file(s) skipped)",
             len(answerer.passages), len(knowledge.articles), folder, len(knowledge.skipped))
    return KnowledgeBase(knowledge, answerer)
