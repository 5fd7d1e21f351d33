"""The saved knowledge base: index, passages and a manifest of the article files, on disk.

Reading and analysing a newsroom's archive takes minutes; opening what was saved takes
about a second. The first start writes `DIR/.article-index/` (or, when the folder is
read-only, a folder under $XDG_CACHE_HOME/article-bot/); later starts compare every
article file with the manifest (relative path, size, mtime, then sha256 when those
differ) and memory-map the saved index and passages when nothing changed. A stale or
corrupt save is named in one log line and rebuilt, never served; an article that changed
is the only one read and analysed again, the others are copied from the previous save.

Layout: `manifest.json` (versions, BM25 parameters, one record per file) names the current
generation folder, which holds `index/` (`BM25Index.save`), `passages/` (`passage_store`)
and `terms/` (each passage's distinct term ids and frequencies, so that a changed article
only costs its own analysis). The manifest is replaced atomically, after the generation
it names is complete, so a reader never sees half a save.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

import knowledge
from knowledge import (
    Knowledge,
    KnowledgeError,
    NoArticlesFound,
    Passage,
    SkippedFile,
    UnreadableArticle,
)
from knowledge.loader import IGNORED_NAMES, read_article
from retrieval.analyzer import Analyzer
from retrieval.answerer import DEFAULT_ENGINE, Answerer, make_engine
from retrieval.errors import IndexFormatError
from retrieval.index import BM25Index, BM25Params, Vocabulary, batched
from retrieval.passage_store import PassageStore, PassageStoreWriter

log = logging.getLogger(__name__)

INDEX_DIR = ".article-index"  # hidden, so the loader never reads it as articles
MANIFEST = "manifest.json"
STORE_FORMAT = "article-bot-knowledge"
STORE_FORMAT_VERSION = 1
_BLOCK = 20_000
_ARTICLE, _SKIPPED, _DUPLICATE = "article", "skipped", "duplicate"


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What the manifest remembers of one article file."""

    path: str          # relative to the knowledge folder, as the operator sees it
    size: int
    mtime_ns: int
    sha256: str
    status: str        # "article", "skipped" (unreadable) or "duplicate"
    article: int = -1  # position among the saved articles when status is "article"
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """What opening the saved knowledge did, for the `index` command and the log."""

    location: Path
    state: str          # "up to date", "updated" or "built"
    reused: int         # articles copied from the previous save
    analysed: int       # articles read and analysed now
    seconds: float


@dataclass(frozen=True)
class SavedKnowledge:
    """Knowledge opened from its saved index: articles and passages decode on demand."""

    knowledge: Knowledge
    store: PassageStore
    index: BM25Index
    terms_dir: Path
    report: RefreshReport

    @property
    def passages(self) -> Sequence[Passage]:
        return self.store.passages

    def corpus_terms(self) -> list[list[str]]:
        """Each passage's terms (repeats kept, order not), for engines built in memory."""
        indptr, ids, tfs = _load_rows(self.terms_dir)
        vocabulary = self.index.vocabulary
        return [[vocabulary[t] for t, n in zip(ids[lo:hi].tolist(), tfs[lo:hi].tolist(),
                                                strict=True) for _ in range(n)]
                for lo, hi in zip(indptr[:-1].tolist(), indptr[1:].tolist(), strict=True)]

    def answerer(self, engine: str = DEFAULT_ENGINE) -> Answerer:
        """An answerer over these passages: the saved index, or another engine built now."""
        analyzer = self.index.analyzer
        chosen = (self.index if engine == BM25Index.name
                  else make_engine(engine, self.corpus_terms(), analyzer))
        return Answerer(self.store.passages, analyzer, chosen, engine)


def knowledge_code_version() -> str:
    """A fingerprint of the code that reads articles: passages saved by other code are stale.

    The knowledge package has no version number of its own, so its source is hashed.
    """
    digest = hashlib.sha256()
    for path in sorted(Path(knowledge.__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir_for(folder: Path) -> Path:
    """Where the index of a read-only folder goes: $XDG_CACHE_HOME/article-bot/<hash>."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    key = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return Path(base) / "article-bot" / key


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class _FileState:
    path: str          # a str: building 100,000 Path objects costs more than the walk
    relative: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class _Files:
    """The article files found, as parallel lists: comparing them with the manifest's
    lists is one C-level comparison, where 100,000 objects would cost a quarter second."""

    paths: list[str]
    relative: list[str]
    sizes: list[int]
    mtimes: list[int]

    def __len__(self) -> int:
        return len(self.paths)

    def __iter__(self) -> Iterator[_FileState]:
        return map(_FileState, self.paths, self.relative, self.sizes, self.mtimes)


def _scan(root: Path) -> _Files:
    """The files `knowledge.loader.article_files` yields, with their size and mtime.

    The same walk done with `os.scandir` (hidden and underscore folders pruned, not
    entered; children in name order, depth first, which is the order of sorted paths),
    because checking a saved index must not cost what `Path.rglob` costs on 100,000
    files; `tests/test_store.py` checks that both give the same files in the same order.
    """
    listed: list[tuple[str, str]] = []  # (path, relative path)

    def walk(directory: str, prefix: str) -> None:
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            name = entry.name
            if name.startswith((".", "_")):
                continue
            try:
                if entry.is_dir():
                    walk(entry.path, f"{prefix}{name}/")
                elif entry.is_file() and name.lower() not in IGNORED_NAMES:
                    listed.append((entry.path, prefix + name))
            except OSError:
                continue

    walk(str(root), "")
    stats = _stat_all([path for path, _ in listed])
    if None in stats:  # a file vanished during the walk
        listed = [item for item, stat in zip(listed, stats, strict=True) if stat is not None]
        stats = [stat for stat in stats if stat is not None]
    return _Files([path for path, _ in listed], [relative for _, relative in listed],
                  [stat.st_size for stat in stats],  # type: ignore[union-attr]
                  [stat.st_mtime_ns for stat in stats])  # type: ignore[union-attr]


def _stat_all(paths: list[str]) -> list[os.stat_result | None]:
    """`os.stat` of many files, one after another (None for a file that vanished).

    Measured on 100,000 files: 0.37 s in a plain loop against 1.0 s in a pool of threads
    with a warm disk cache (the threads fight over the GIL), and 1.3 s against 1.4 s with
    the page cache dropped, so threads do not pay even when the disk is cold.
    """
    out: list[os.stat_result | None] = []
    for path in paths:
        try:
            out.append(os.stat(path))
        except OSError:
            out.append(None)
    return out


def _expected(analyzer: Analyzer, params: BM25Params) -> dict[str, Any]:
    return {"format": STORE_FORMAT, "format_version": STORE_FORMAT_VERSION,
            "analyzer_version": analyzer.version, "knowledge_code": knowledge_code_version(),
            "bm25": asdict(params)}


_COLUMNS = tuple(FileRecord.__dataclass_fields__)


def _columns(records: Sequence[FileRecord]) -> dict[str, list[Any]]:
    """File records as the manifest keeps them: one list per field, quick to load and
    compare for 100,000 files."""
    return {name: [getattr(r, name) for r in records] for name in _COLUMNS}


@dataclass(frozen=True)
class _Previous:
    """A saved knowledge base found on disk, before it is trusted."""

    location: Path
    manifest: dict[str, Any]

    @property
    def generation(self) -> Path:
        return self.location / str(self.manifest["generation"])

    @cached_property
    def records(self) -> dict[str, FileRecord]:
        files = self.manifest["files"]
        return {values[0]: FileRecord(*values) for values in
                zip(*(files[name] for name in _COLUMNS), strict=True)}

    def same_files(self, files: _Files) -> bool:
        """Every file still there with the same size and mtime, and no other file."""
        saved = self.manifest["files"]
        return (saved["path"] == files.relative and saved["size"] == files.sizes
                and saved["mtime_ns"] == files.mtimes)

    def skipped(self) -> tuple[SkippedFile, ...]:
        files = self.manifest["files"]
        return tuple(SkippedFile(path, reason or "") for path, status, reason in
                     zip(files["path"], files["status"], files["reason"], strict=True)
                     if status != _ARTICLE)


def _read_manifest(location: Path) -> dict[str, Any] | None:
    """The manifest at a location; None when there is none; IndexFormatError if unreadable."""
    path = location / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexFormatError(f"{path}: unreadable ({exc})") from None
    try:
        manifest = json.loads(text)
        if not isinstance(manifest, dict) or manifest.get("format") != STORE_FORMAT:
            raise ValueError("not a knowledge manifest")
        files = manifest["files"]
        if len({len(files[name]) for name in _COLUMNS}) != 1:
            raise ValueError("file columns of different lengths")
        str(manifest["generation"])
        int(manifest["articles"]), int(manifest["passages"])
    except (ValueError, KeyError, TypeError) as exc:
        raise IndexFormatError(f"{path}: corrupt ({exc})") from None
    return manifest


def _differences(manifest: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    return [f"{key} {manifest.get(key)!r} -> {value!r}" for key, value in expected.items()
            if manifest.get(key) != value]


def _writable(location: Path) -> bool:
    try:
        location.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=location, prefix=".probe-"):
            pass
    except OSError:
        return False
    return True


def open_saved_knowledge(folder: Path | str, analyzer: Analyzer | None = None,
                         params: BM25Params | None = None, progress: bool = False,
                         rebuild: bool = False) -> SavedKnowledge:
    """The knowledge of a folder from its saved index, brought up to date first.

    Raises `KnowledgeError` (as `load_articles` does) when the folder is missing or holds
    no readable article. A save that cannot be written is logged and served from memory.
    """
    started = time.perf_counter()
    root = Path(folder).expanduser()
    if not root.is_dir():
        raise KnowledgeError(f"{root}: no such folder of articles")
    analyzer = analyzer or Analyzer()
    params = params or BM25Params()
    expected = _expected(analyzer, params)
    previous = None if rebuild else _find_previous(root, expected)
    files = _scan(root)
    if previous is not None and previous.same_files(files):
        try:
            saved = _open(root, previous, analyzer, RefreshReport(
                previous.location, "up to date", int(previous.manifest["articles"]), 0, 0.0))
        except IndexFormatError as exc:
            log.warning("saved index at %s is corrupt (%s); rebuilding it", previous.location,
                        exc)
            previous = None
        else:
            for skipped in saved.knowledge.skipped:
                log.warning("skipped %s", skipped)
            return _with_time(saved, started)
    elif previous is not None:
        log.warning("saved index at %s is stale (%s); updating it", previous.location,
                    _describe_changes(previous, files))
    return _with_time(_rebuild(root, files, previous, analyzer, params, expected, progress),
                      started)


def _with_time(saved: SavedKnowledge, started: float) -> SavedKnowledge:
    report = saved.report
    timed = RefreshReport(report.location, report.state, report.reused, report.analysed,
                          time.perf_counter() - started)
    return SavedKnowledge(saved.knowledge, saved.store, saved.index, saved.terms_dir, timed)


def _find_previous(root: Path, expected: dict[str, Any]) -> _Previous | None:
    """The first saved knowledge base found, next to the folder or in the cache."""
    for location in (root / INDEX_DIR, cache_dir_for(root)):
        try:
            manifest = _read_manifest(location)
        except IndexFormatError as exc:
            log.warning("saved index at %s is corrupt (%s); rebuilding it", location, exc)
            continue
        if manifest is None:
            continue
        changed = _differences(manifest, expected)
        if changed:
            log.warning("saved index at %s was built by other code (%s); rebuilding it",
                        location, "; ".join(changed))
            continue
        return _Previous(location, manifest)
    return None


def _describe_changes(previous: _Previous, files: _Files) -> str:
    current = {f.relative: f for f in files}
    added = sum(1 for name in current if name not in previous.records)
    removed = sum(1 for name in previous.records if name not in current)
    touched = sum(1 for name, f in current.items() if name in previous.records
                  and (previous.records[name].size, previous.records[name].mtime_ns)
                  != (f.size, f.mtime_ns))
    return f"{added} file(s) added, {removed} removed, {touched} modified"


def _open(root: Path, previous: _Previous, analyzer: Analyzer, report: RefreshReport
          ) -> SavedKnowledge:
    """Memory-map a saved generation; IndexFormatError when any part of it is wrong."""
    generation = previous.generation
    store = PassageStore(generation / "passages")
    # numba loads after the first answer: importing it now would slow the start by ~0.6 s
    index = BM25Index.load(generation / "index", analyzer=analyzer, compile_now=False)
    if len(index) != len(store.passages):
        raise IndexFormatError(f"{generation}: {len(index)} indexed passages but "
                               f"{len(store.passages)} saved")
    skipped = previous.skipped()
    if len(store.articles) == 0:
        raise IndexFormatError(f"{generation}: no articles saved")
    knowledge_ = Knowledge(folder=root, articles=store.articles, skipped=skipped)
    return SavedKnowledge(knowledge_, store, index, generation / "terms", report)


class _Rows:
    """Each passage's distinct term ids with their frequencies, counted a block at a time."""

    def __init__(self) -> None:
        self.lengths: list[np.ndarray] = []
        self.ids: list[np.ndarray] = []
        self.tfs: list[np.ndarray] = []

    def add(self, docs: Sequence[Sequence[int]]) -> None:
        lengths = np.fromiter(map(len, docs), np.int64, len(docs))
        flat = np.fromiter((t for d in docs for t in d), np.int64, int(lengths.sum()))
        doc = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
        key = np.sort((doc << 32) | flat)
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if key.size else key
        self.tfs.append(np.diff(np.r_[starts, key.size]).astype(np.int32))
        key = key[starts]
        self.ids.append((key & 0xFFFFFFFF).astype(np.int32))
        self.lengths.append(np.bincount(key >> 32, minlength=len(docs)))

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        lengths = np.concatenate(self.lengths) if self.lengths else np.zeros(0, np.int64)
        indptr = np.zeros(lengths.size + 1, np.int64)
        np.cumsum(lengths, out=indptr[1:])
        ids = np.concatenate(self.ids) if self.ids else np.zeros(0, np.int32)
        tfs = np.concatenate(self.tfs) if self.tfs else np.zeros(0, np.int32)
        return indptr, ids, tfs


def _load_rows(directory: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    try:
        return tuple(np.load(directory / f"{name}.npy", mmap_mode="r", allow_pickle=False)
                     for name in ("indptr", "ids", "tfs"))  # type: ignore[return-value]
    except (OSError, ValueError, EOFError) as exc:
        raise IndexFormatError(f"{directory}: saved terms unreadable ({exc})") from None


def _gather(indptr: np.ndarray, ids: np.ndarray, tfs: np.ndarray, rows: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The given rows of a row-major (CSR) table, in the given order."""
    lengths = (indptr[rows + 1] - indptr[rows]).astype(np.int64)
    out = np.zeros(rows.size + 1, np.int64)
    np.cumsum(lengths, out=out[1:])
    at = np.repeat(indptr[rows] - out[:-1], lengths) + np.arange(int(out[-1]))
    return out, np.asarray(ids[at]), np.asarray(tfs[at])


def _progress(items: Iterable[str], enabled: bool) -> Iterable[str]:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, unit=" passages", unit_scale=True, desc="analysing", mininterval=0.5)


def _rebuild(root: Path, files: _Files, previous: _Previous | None,
             analyzer: Analyzer, params: BM25Params, expected: dict[str, Any],
             progress: bool) -> SavedKnowledge:
    """Read what changed, copy what did not, index it all and save a new generation."""
    old_store: PassageStore | None = None
    old_rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    vocabulary = Vocabulary()
    if previous is not None:
        try:
            old_store = PassageStore(previous.generation / "passages")
            old_rows = _load_rows(previous.generation / "terms")
            old_index = BM25Index.load(previous.generation / "index", analyzer=analyzer)
            vocabulary.update((t, i) for i, t in enumerate(old_index.vocabulary))
        except IndexFormatError as exc:
            log.warning("saved index at %s is corrupt (%s); rebuilding it",
                        previous.location, exc)
            previous, old_store, old_rows = None, None, None
            vocabulary.clear()
    plan = _Plan(root, files, previous, old_store)
    rows = _Rows()
    encoded = analyzer.batch_terms(_progress(plan.texts(), progress), vocabulary.__getitem__)
    for block in batched(encoded, _BLOCK):
        rows.add(block)
    if not plan.writer.n_passages:
        skipped = [r for r in plan.records if r.status != _ARTICLE]
        detail = f" ({len(skipped)} file(s) skipped)" if skipped else ""
        raise NoArticlesFound(f"{root}: no readable articles (.txt or .md){detail}")
    indptr, ids, tfs = _assemble(plan.sources, old_rows, *rows.arrays())
    used = np.unique(ids)
    remap = np.zeros(len(vocabulary), np.int32)
    remap[used] = np.arange(used.size, dtype=np.int32)
    ids = remap[ids]
    terms = list(vocabulary)
    index = BM25Index.from_counts([terms[i] for i in used.tolist()], indptr, ids, tfs,
                                  analyzer, params)
    state = "updated" if previous is not None else "built"
    report = RefreshReport(root, state, plan.reused, plan.analysed, 0.0)
    return _save_and_open(root, previous, index, plan, (indptr, ids, tfs), expected,
                          analyzer, report)


class _Plan:
    """Walks the files in order, copying unchanged articles and reading the others.

    Mirrors `load_articles`: unreadable files and a second file with the same article id
    are skipped with the loader's words; `tests/test_store.py` checks both give the same.
    """

    def __init__(self, root: Path, files: _Files, previous: _Previous | None,
                 old_store: PassageStore | None) -> None:
        self.root = root
        self.files = files
        self.previous = previous if old_store is not None else None
        self.old_store = old_store
        self.writer = PassageStoreWriter()
        self.records: list[FileRecord] = []
        # per saved article: (copied from the old save, first row, passages)
        self.sources: list[tuple[bool, int, int]] = []
        self.reused = 0
        self.analysed = 0
        self._new_rows = 0

    def _record(self, state: _FileState, digest: str, status: str, reason: str | None = None
                ) -> None:
        article = len(self.sources) - 1 if status == _ARTICLE else -1
        self.records.append(FileRecord(state.relative, state.size, state.mtime_ns, digest,
                                       status, article, reason))

    def texts(self) -> Iterator[str]:
        """Texts of the passages to analyse now, in order; unchanged articles are copied."""
        seen: set[str] = set()
        for state in self.files:
            record = self.previous.records.get(state.relative) if self.previous else None
            digest = None
            if record is not None:
                if (record.size, record.mtime_ns) == (state.size, state.mtime_ns):
                    digest = record.sha256
                else:  # touched, maybe not changed: the content decides
                    digest = _hash_or_empty(state.path)
                    if digest != record.sha256:
                        record = None
            if record is not None and digest is not None and record.status == _SKIPPED:
                log.warning("skipped %s: %s", record.path, record.reason)
                self._record(state, digest, _SKIPPED, record.reason)
                continue
            article_id = _article_id(state.relative)
            if (record is not None and digest is not None and record.status == _ARTICLE
                    and self.old_store is not None and article_id not in seen):
                seen.add(article_id)
                lo, hi = self.old_store.passage_range(record.article)
                self.sources.append((True, lo, hi - lo))
                self.writer.copy_article(self.old_store, record.article)
                self._record(state, digest, _ARTICLE)
                self.reused += 1
                continue
            digest = digest or _hash_or_empty(state.path)
            try:
                article = read_article(Path(state.path), self.root)
            except UnreadableArticle as exc:
                reason = str(exc).removeprefix(f"{state.relative}: ")
                log.warning("skipped %s: %s", state.relative, reason)
                self._record(state, digest, _SKIPPED, reason)
                continue
            if article.id in seen:
                reason = f"another file already holds article {article.id!r}"
                log.warning("skipped %s: %s", state.relative, reason)
                self._record(state, digest, _DUPLICATE, reason)
                continue
            seen.add(article.id)
            count = len(article.passages)
            self.sources.append((False, self._new_rows, count))
            self._new_rows += count
            self.writer.add_article(article)
            self._record(state, digest, _ARTICLE)
            self.analysed += 1
            for passage in article.passages:
                yield passage.text


def _article_id(relative: str) -> str:
    return relative.rsplit(".", 1)[0]


def _hash_or_empty(path: str) -> str:
    try:
        return _sha256(path)
    except OSError:
        return ""


def _assemble(sources: list[tuple[bool, int, int]],
              old_rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None,
              new_indptr: np.ndarray, new_ids: np.ndarray, new_tfs: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows of every passage in article order: copied ones from the old save, new ones
    from this analysis."""
    if old_rows is None or not any(old for old, _, _ in sources):
        return new_indptr, new_ids, new_tfs
    old_indptr, old_ids, old_tfs = (np.asarray(a) for a in old_rows)
    n_old = old_indptr.size - 1
    rows = np.concatenate([np.arange(first, first + count, dtype=np.int64) + (0 if old else n_old)
                           for old, first, count in sources])
    combined_indptr = np.concatenate([old_indptr, old_indptr[-1] + new_indptr[1:]])
    return _gather(combined_indptr, np.concatenate([old_ids, new_ids]),
                   np.concatenate([old_tfs, new_tfs]), rows)


def _save_and_open(root: Path, previous: _Previous | None, index: BM25Index, plan: _Plan,
                   rows: tuple[np.ndarray, np.ndarray, np.ndarray], expected: dict[str, Any],
                   analyzer: Analyzer, report: RefreshReport) -> SavedKnowledge:
    """Write a new generation and switch the manifest to it; then serve it memory-mapped.

    When neither the folder nor the cache can be written, the save goes to a temporary
    folder that is removed once mapped: served this time, rebuilt next start.
    """
    # Unique per save, never reused: a reload in the same second as the last save must not
    # write over the files the running index is still mapping.
    generation = f"g{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{secrets.token_hex(4)}"
    manifest = {**expected, "generation": generation, "created": time.time(),
                "articles": len(plan.sources), "passages": len(index),
                "files": _columns(plan.records)}
    places = [previous.location] if previous is not None else []
    places += [p for p in (root / INDEX_DIR, cache_dir_for(root)) if p not in places]
    for location in places:
        if not _writable(location):
            continue
        try:
            _write_generation(location / generation, index, plan.writer, rows)
            tmp = location / f".{MANIFEST}.{os.getpid()}"
            tmp.write_text(json.dumps(manifest) + "\n", encoding="utf-8")
            os.replace(tmp, location / MANIFEST)
        except OSError as exc:
            log.warning("could not save the index at %s (%s)", location, exc)
            shutil.rmtree(location / generation, ignore_errors=True)
            continue
        _remove_old_generations(location, generation)
        found = _Previous(location, manifest)
        return _open(root, found, analyzer, _at(report, location))
    log.warning("no writable place for the saved index of %s; serving it from memory", root)
    scratch = Path(tempfile.mkdtemp(prefix="article-bot-"))
    try:
        _write_generation(scratch / generation, index, plan.writer, rows)
        found = _Previous(scratch, manifest)
        return _open(root, found, analyzer, _at(report, scratch))
    finally:  # the maps stay valid after the files are unlinked
        shutil.rmtree(scratch, ignore_errors=True)


def _at(report: RefreshReport, location: Path) -> RefreshReport:
    return RefreshReport(location, report.state, report.reused, report.analysed,
                         report.seconds)


def _write_generation(directory: Path, index: BM25Index, writer: PassageStoreWriter,
                      rows: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    index.save(directory / "index")
    writer.save(directory / "passages")
    terms = directory / "terms"
    terms.mkdir(parents=True, exist_ok=True)
    for name, array in zip(("indptr", "ids", "tfs"), rows, strict=True):
        np.save(terms / f"{name}.npy", array, allow_pickle=False)


def _remove_old_generations(location: Path, keep: str) -> None:
    for path in location.iterdir():
        if path.is_dir() and path.name.startswith("g") and path.name != keep:
            shutil.rmtree(path, ignore_errors=True)
