"""The saved index next to the knowledge: built once, reopened, updated per article, never
served stale or corrupt."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from bot.cli import main
from knowledge import KnowledgeError, NoArticlesFound, load_articles
from knowledge.loader import article_files
from retrieval.store import INDEX_DIR, MANIFEST, SavedKnowledge, _scan, open_saved_knowledge

QUESTION = "how many children were vaccinated against measles"


def same_as_loader(saved: SavedKnowledge, folder: Path) -> None:
    """The saved knowledge holds exactly what the loader reads from the folder."""
    loaded = load_articles(folder)
    assert list(saved.passages) == list(loaded.passages)
    assert list(saved.knowledge.articles) == list(loaded.articles)
    assert saved.knowledge.skipped == loaded.skipped


def test_first_start_saves_an_index_with_a_manifest(articles_dir: Path) -> None:
    saved = open_saved_knowledge(articles_dir)
    assert saved.report.state == "built" and saved.report.analysed == 2
    assert saved.report.location == articles_dir / INDEX_DIR
    manifest = json.loads((articles_dir / INDEX_DIR / MANIFEST).read_text())
    columns = manifest["files"]
    files = {path: {name: values[i] for name, values in columns.items()}
             for i, path in enumerate(columns["path"])}
    assert set(files) == {"clinic.md", "vaccines.txt"}
    stat = (articles_dir / "clinic.md").stat()
    assert files["clinic.md"]["size"] == stat.st_size
    assert files["clinic.md"]["mtime_ns"] == stat.st_mtime_ns
    assert len(files["clinic.md"]["sha256"]) == 64
    assert manifest["analyzer_version"] and manifest["format_version"] == 1
    assert manifest["bm25"] == {"k1": 1.5, "b": 0.75, "epsilon": 0.25}
    same_as_loader(saved, articles_dir)


def test_a_valid_saved_index_is_opened_not_rebuilt(articles_dir: Path) -> None:
    first = open_saved_knowledge(articles_dir)
    again = open_saved_knowledge(articles_dir)
    assert again.report.state == "up to date" and again.report.analysed == 0
    same_as_loader(again, articles_dir)
    question = first.answerer().ask(QUESTION)
    assert again.answerer().ask(QUESTION) == question
    assert "12,400" in (question.sentence or "")


def test_a_changed_article_is_the_only_one_read_again(articles_dir: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    open_saved_knowledge(articles_dir)
    vaccines = articles_dir / "vaccines.txt"
    vaccines.write_text(vaccines.read_text().replace("12,400", "15,000"), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        saved = open_saved_knowledge(articles_dir)
    assert saved.report.state == "updated"
    assert (saved.report.analysed, saved.report.reused) == (1, 1)
    assert "stale" in caplog.text and "1 modified" in caplog.text
    assert "15,000" in (saved.answerer().ask(QUESTION).sentence or "")
    same_as_loader(saved, articles_dir)


def test_added_and_removed_articles_are_noticed(articles_dir: Path) -> None:
    open_saved_knowledge(articles_dir)
    (articles_dir / "clinic.md").unlink()
    (articles_dir / "sub").mkdir()
    (articles_dir / "sub" / "dialysis.txt").write_text(
        "Dialysis unit opens in Lang Son\nThe unit has 20 machines.\n", encoding="utf-8")
    (articles_dir / "sub" / "beds.txt").write_text(
        "Beds added in Cao Bang\nThe hospital added 50 beds.\n", encoding="utf-8")
    saved = open_saved_knowledge(articles_dir)
    assert (saved.report.analysed, saved.report.reused) == (2, 1)
    same_as_loader(saved, articles_dir)
    assert saved.answerer().ask("how many dialysis machines").answered


def test_a_touched_but_unchanged_article_is_not_read_again(articles_dir: Path) -> None:
    open_saved_knowledge(articles_dir)
    os.utime(articles_dir / "clinic.md", ns=(1, 1))
    saved = open_saved_knowledge(articles_dir)
    assert (saved.report.analysed, saved.report.reused) == (0, 2)
    assert open_saved_knowledge(articles_dir).report.state == "up to date"


def test_a_corrupt_saved_index_is_rebuilt_not_served(articles_dir: Path,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    first = open_saved_knowledge(articles_dir)
    docs = next((articles_dir / INDEX_DIR).glob("g*/index/docs.npy"))
    docs.write_bytes(docs.read_bytes()[:-8])
    with caplog.at_level(logging.WARNING):
        saved = open_saved_knowledge(articles_dir)
    assert "corrupt" in caplog.text
    assert saved.report.state == "built"
    assert saved.answerer().ask(QUESTION) == first.answerer().ask(QUESTION)


def test_a_garbled_manifest_is_rebuilt(articles_dir: Path, caplog: pytest.LogCaptureFixture
                                       ) -> None:
    open_saved_knowledge(articles_dir)
    (articles_dir / INDEX_DIR / MANIFEST).write_text("{oops")
    with caplog.at_level(logging.WARNING):
        saved = open_saved_knowledge(articles_dir)
    assert "corrupt" in caplog.text and saved.report.state == "built"
    same_as_loader(saved, articles_dir)


def test_an_index_from_another_analyzer_version_is_rebuilt(
        articles_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    open_saved_knowledge(articles_dir)
    path = articles_dir / INDEX_DIR / MANIFEST
    manifest = json.loads(path.read_text())
    path.write_text(json.dumps({**manifest, "analyzer_version": "0:old"}))
    with caplog.at_level(logging.WARNING):
        saved = open_saved_knowledge(articles_dir)
    assert "analyzer_version" in caplog.text and saved.report.state == "built"


def test_a_folder_that_cannot_hold_the_index_uses_the_cache(
        articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (articles_dir / INDEX_DIR).write_text("not a folder")  # as a read-only folder would
    saved = open_saved_knowledge(articles_dir)
    assert saved.report.location.is_relative_to(tmp_path / "cache" / "article-bot")
    assert open_saved_knowledge(articles_dir).report.state == "up to date"


def test_skipped_files_are_named_on_every_start(articles_dir: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    (articles_dir / "empty.txt").write_text("")
    (articles_dir / "clinic.txt").write_text("Clinic, again\nThe same id as clinic.md.\n")
    open_saved_knowledge(articles_dir)
    with caplog.at_level(logging.WARNING):
        saved = open_saved_knowledge(articles_dir)
    assert saved.report.state == "up to date"
    assert "empty.txt" in caplog.text and "clinic.txt" in caplog.text
    same_as_loader(saved, articles_dir)


def test_a_folder_without_articles_is_an_error_as_with_the_loader(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="no such folder"):
        open_saved_knowledge(tmp_path / "missing")
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(NoArticlesFound, match="1 file"):
        open_saved_knowledge(tmp_path)


def test_the_reference_engine_answers_from_the_saved_knowledge(articles_dir: Path) -> None:
    saved = open_saved_knowledge(articles_dir)
    fast, reference = saved.answerer("bm25"), saved.answerer("rank-bm25")
    assert reference.engine_name == "rank-bm25"
    for question in (QUESTION, "when did the clinic open", "dialysis unit"):
        a, b = fast.ask(question), reference.ask(question)
        assert a.sentence == b.sentence
        assert [r.passage for r in a.passages] == [r.passage for r in b.passages]
        assert [r.score for r in a.passages] == pytest.approx([r.score for r in b.passages])


def test_index_command_builds_then_reports_up_to_date(articles_dir: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", "--knowledge", str(articles_dir)]) == 0
    assert "index built: 5 passages from 2 article(s)" in capsys.readouterr().out
    assert main(["index", "--knowledge", str(articles_dir)]) == 0
    assert "index up to date" in capsys.readouterr().out
    assert main(["index", "--knowledge", str(articles_dir / "nope")]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_the_quick_walk_finds_the_files_the_loader_reads(tmp_path: Path) -> None:
    """Checking a saved index walks the folder its own (faster) way: same files, same order."""
    for name in ("b.txt", "a.txt", "a/z.md", "a/b/c.txt", "a-b.txt", "A.txt", ".hidden/x.txt",
                 "_drafts/y.txt", "README.md", "sub/.x.txt", "sub/notes.doc", "Z/LICENSE"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    assert [Path(f.path) for f in _scan(tmp_path)] == list(article_files(tmp_path))
    assert [f.relative for f in _scan(tmp_path)] == [
        p.relative_to(tmp_path).as_posix() for p in article_files(tmp_path)]


def test_rebuilding_right_after_a_save_leaves_the_served_index_intact(articles_dir: Path) -> None:
    """A /reload in the same second as start-up must not write over the files being served."""
    serving = open_saved_knowledge(articles_dir)
    answerer = serving.answerer()
    before = answerer.ask(QUESTION)
    vaccines = articles_dir / "vaccines.txt"
    vaccines.write_text(vaccines.read_text().replace("12,400", "15,000"), encoding="utf-8")
    rebuilt = open_saved_knowledge(articles_dir)  # at once: the same second, the same process
    assert "15,000" in (rebuilt.answerer().ask(QUESTION).sentence or "")
    assert answerer.ask(QUESTION) == before
