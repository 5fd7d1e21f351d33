"""Shared fixtures: the shipped knowledge, and small article folders in the shapes operators send."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Knowledge, default_knowledge_dir, load_articles

CLINIC_MD = """---
title: New clinic opens in Cao Bang
date: 2026-03-01
source: Example News
url: https://example.org/clinic
---
# New clinic opens in Cao Bang

The provincial clinic in Cao Bang opened on March 1 with 40 beds and a
dialysis unit, the director said.

![The new clinic building. Photo: Example News](clinic.jpg)

Doctors from Hanoi will train local staff for **six months**.
"""


@pytest.fixture(scope="session")
def shipped() -> Knowledge:
    """The two articles the bot ships with, read as they are."""
    return load_articles(default_knowledge_dir())


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    """A folder with one Markdown and one plain-text article, as an operator would write them."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "clinic.md").write_text(CLINIC_MD, encoding="utf-8")
    (folder / "vaccines.txt").write_text(
        "Measles vaccination reaches 98 percent in Ha Giang\n"
        "The province vaccinated 12,400 children against measles in 2025.\n"
        "Health workers travelled to remote villages on motorbikes.\n",
        encoding="utf-8",
    )
    return folder
