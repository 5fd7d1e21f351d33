"""`BM25Index`: rank-bm25's scores, its edge cases, and a saved index that refuses to be misread."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from knowledge import Knowledge
from retrieval import BM25Index, IndexFormatError
from retrieval.analyzer import Analyzer
from retrieval.engine import Engine

analyzer = Analyzer()
QUESTIONS = [
    "how many commune stations does Lang Son have",
    "when was the Lang Son health department founded",
    "Huu Nghi hospital visit",
    "hospital hospital beds",
    "zzz-unknown-word",
]


def expected_top(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The reference top k: positive scores, best first, ties by position."""
    order = sorted((i for i in range(scores.size) if scores[i] > 0),
                   key=lambda i: (-scores[i], i))
    return [(i, float(scores[i])) for i in order[:k]]


def assert_same_top(index: BM25Index, reference: np.ndarray, terms: list[str], k: int) -> None:
    """Hits carry the reference's scores, best first, and are the reference's top k
    (up to ties that float rounding may order either way)."""
    hits = index.search_terms(terms, k)
    want = expected_top(reference, k)
    assert [h.score for h in hits] == pytest.approx([s for _, s in want], rel=1e-6)
    for hit in hits:
        assert hit.score == pytest.approx(reference[hit.doc], rel=1e-6)
    assert len({h.doc for h in hits}) == len(hits)


def test_our_scores_equal_the_rank_bm25_reference() -> None:
    texts = ["the clinic opened in spring", "a new clinic and a new ward", "the ward closed"]
    index = BM25Index.build(texts)
    reference = BM25Okapi([analyzer.terms(t) for t in texts])
    expected = reference.get_scores(analyzer.terms("new clinic"))
    assert index.scores("new clinic") == pytest.approx(expected, rel=1e-6)


def test_shipped_articles_score_as_rank_bm25_does(shipped: Knowledge) -> None:
    texts = [p.text for p in shipped.passages]
    index = BM25Index.build(texts)
    reference = BM25Okapi([analyzer.terms(t) for t in texts])
    for question in QUESTIONS:
        terms = analyzer.terms(question)
        expected = reference.get_scores(terms)
        assert index.scores(question) == pytest.approx(expected, rel=1e-6, abs=1e-12)
        assert_same_top(index, expected, terms, 5)
    best = index.search("how many commune stations does Lang Son have", k=1)[0]
    assert "194 commune-level medical stations" in texts[best.doc]


WORDS = st.sampled_from([f"w{i}" for i in range(12)])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=st.lists(st.lists(WORDS, max_size=8), min_size=1, max_size=25),
       query=st.lists(st.one_of(WORDS, st.just("unknown")), max_size=6),
       k=st.integers(1, 30))
def test_random_corpora_score_as_rank_bm25(corpus: list[list[str]], query: list[str],
                                           k: int) -> None:
    if not any(corpus):  # rank-bm25 divides by zero on a corpus without a single term
        return
    index = BM25Index.from_terms(corpus)
    expected = BM25Okapi(corpus).get_scores(query)
    assert index.scores_terms(query) == pytest.approx(expected, rel=1e-6, abs=1e-12)
    assert_same_top(index, expected, query, k)


def zipf_corpus(n_docs: int, seed: int) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    ranks = np.arange(1, 3001)
    p = 1 / ranks / (1 / ranks).sum()
    lengths = rng.integers(0, 30, n_docs)
    words = rng.choice(ranks.size, size=int(lengths.sum()), p=p)
    cuts = np.cumsum(lengths)[:-1]
    return [[f"t{w}" for w in doc] for doc in np.split(words, cuts)]


def test_pruned_search_finds_the_same_top_k_on_a_zipf_corpus() -> None:
    """Large enough that MaxScore prunes (and, for common-word questions, scores densely)."""
    corpus = zipf_corpus(3000, seed=3)
    index = BM25Index.from_terms(corpus)
    reference = BM25Okapi(corpus)
    rng = np.random.default_rng(4)
    ranks = np.arange(1, 3001)
    p = 1 / ranks / (1 / ranks).sum()
    for _ in range(30):
        query = [f"t{w}" for w in rng.choice(ranks.size, size=6, p=p)]
        expected = reference.get_scores(query)
        assert index.scores_terms(query) == pytest.approx(expected, rel=1e-6)
        for k in (1, 10):
            assert_same_top(index, expected, query, k)


def test_edge_cases_give_no_hits_rather_than_errors() -> None:
    index = BM25Index.from_terms([["a", "b"], [], ["b", "c", "c"]])
    assert index.search_terms([], 10) == []
    assert index.search("", 10) == []
    assert index.search_terms(["nope", "never"], 10) == []
    assert index.search_terms(["c"], 0) == []
    assert [h.doc for h in index.search_terms(["c", "a"], 100)] == [2, 0]
    assert index.scores_terms(["nope"]).tolist() == [0.0, 0.0, 0.0]
    assert index.doc_freq("b") == 2 and index.doc_freq("nope") == 0
    assert index.idf("nope") is None and index.idf("a") is not None


def test_a_single_passage_and_passages_without_terms() -> None:
    single = BM25Index.build(["The clinic opened."])
    assert len(single) == 1
    assert single.search("clinic") == []  # like rank-bm25: a word in every passage weighs <= 0
    assert BM25Index.build(["", "the of", ""]).search("clinic") == []
    with pytest.raises(ValueError, match="empty corpus"):
        BM25Index.build([])


def test_counted_passages_index_as_their_terms_do() -> None:
    """The saved knowledge rebuilds the index from per-passage counts, empty passages too."""
    corpus = [["a", "a", "b"], [], ["b", "c", "c", "c"], ["d"], []]
    counted = BM25Index.from_counts(
        ["a", "b", "c", "d", "unused"], np.array([0, 2, 2, 4, 5, 5]),
        np.array([0, 1, 1, 2, 3]), np.array([2, 1, 1, 3, 1]))
    assert "unused" not in counted.vocabulary
    for query in (["a"], ["b", "c"], ["d", "a", "a"]):
        assert counted.scores_terms(query) == pytest.approx(
            BM25Index.from_terms(corpus).scores_terms(query))
        assert counted.scores_terms(query) == pytest.approx(
            BM25Okapi(corpus).get_scores(query))


def test_repeated_query_words_count_repeatedly() -> None:
    corpus = [["a", "x"], ["b", "y"], ["c"], ["d"], ["a", "b"]]
    index = BM25Index.from_terms(corpus)
    once, twice = index.scores_terms(["a"]), index.scores_terms(["a", "a"])
    assert twice == pytest.approx(2 * once)
    assert twice == pytest.approx(BM25Okapi(corpus).get_scores(["a", "a"]))


def test_the_index_is_an_engine_and_importable_from_the_package() -> None:
    index: Engine = BM25Index.build(["one clinic", "two wards"])
    assert len(index) == 2


def test_progress_bar_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    BM25Index.build(["one clinic", "two wards"], progress=True)
    captured = capsys.readouterr()
    assert "indexing" in captured.err and captured.out == ""


texts_strategy = st.lists(st.text(
    alphabet=st.sampled_from(list("abc XY1,.-'’/&_\u00a0\u0301é\tđ2\nß")) | st.characters(),
    max_size=40), max_size=8)


@settings(max_examples=200, deadline=None)
@given(texts=texts_strategy)
def test_batch_terms_equal_terms(texts: list[str]) -> None:
    fresh = Analyzer()
    assert list(fresh.batch_terms(texts)) == [analyzer.terms(t) for t in texts]


def test_batch_terms_equal_terms_on_the_shipped_articles(shipped: Knowledge) -> None:
    texts = [p.text for p in shipped.passages] + [a.title for a in shipped.articles]
    assert list(Analyzer().batch_terms(texts)) == [analyzer.terms(t) for t in texts]


# --- saving and loading -----------------------------------------------------------------


@pytest.fixture
def saved(tmp_path: Path, shipped: Knowledge) -> tuple[BM25Index, Path]:
    index = BM25Index.build([p.text for p in shipped.passages])
    index.save(tmp_path / "index")
    return index, tmp_path / "index"


def test_a_saved_index_loads_memory_mapped_with_the_same_scores(saved: tuple[BM25Index, Path]
                                                                ) -> None:
    index, directory = saved
    loaded = BM25Index.load(directory)
    assert not loaded._docs.flags.writeable  # mapped read-only from the file, not copied
    assert BM25Index.load(directory, mmap=False)._docs.flags.writeable
    for question in QUESTIONS:
        assert loaded.scores(question).tolist() == index.scores(question).tolist()
        assert loaded.search(question) == index.search(question)
    assert BM25Index.load(directory, mmap=False).search(QUESTIONS[0]) == index.search(QUESTIONS[0])
    assert not list(directory.glob("*.pkl"))
    meta = json.loads((directory / "params.json").read_text())
    assert meta["format_version"] == 1 and meta["analyzer_version"] == analyzer.version
    assert meta["k1"] == 1.5 and meta["b"] == 0.75 and meta["epsilon"] == 0.25


def test_non_ascii_terms_survive_saving(tmp_path: Path) -> None:
    index = BM25Index.from_terms([["ß", "日本"], ["x\ny", "ß"], ["z"]])
    index.save(tmp_path)
    assert list(BM25Index.load(tmp_path).vocabulary) == list(index.vocabulary)


@pytest.mark.parametrize("damage", ["truncate", "missing", "version", "analyzer", "params",
                                    "shape"])
def test_a_damaged_index_raises_a_clear_error(saved: tuple[BM25Index, Path], damage: str
                                              ) -> None:
    _, directory = saved
    params = directory / "params.json"
    meta = json.loads(params.read_text())
    if damage == "truncate":
        data = (directory / "docs.npy").read_bytes()
        (directory / "docs.npy").write_bytes(data[: len(data) - 16])
    elif damage == "missing":
        (directory / "weights.npy").unlink()
    elif damage == "version":
        params.write_text(json.dumps({**meta, "format_version": 99}))
    elif damage == "analyzer":
        params.write_text(json.dumps({**meta, "analyzer_version": "0:klingon"}))
    elif damage == "params":
        params.write_text("{not json")
    elif damage == "shape":
        params.write_text(json.dumps({**meta, "n_docs": meta["n_docs"] + 1}))
    with pytest.raises(IndexFormatError) as error:
        BM25Index.load(directory)
    assert str(directory) in str(error.value)


def test_the_compiled_maxscore_finds_what_numpy_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Large indexes are served by the numba kernel when installed: same hits, same order."""
    pytest.importorskip("numba")
    import retrieval.index as index_module

    assert index_module._KERNEL.wait() is not None
    corpus = zipf_corpus(3000, seed=5)
    index = BM25Index.from_terms(corpus)
    reference = BM25Okapi(corpus)
    rng = np.random.default_rng(6)
    ranks = np.arange(1, 3001)
    p = 1 / ranks / (1 / ranks).sum()
    for _ in range(80):
        query = [f"t{w}" for w in rng.choice(ranks.size, size=6, p=p)]
        monkeypatch.setattr(index_module, "KERNEL_MIN_PASSAGES", 0)
        compiled = index.search_terms(query, 10)
        monkeypatch.setattr(index_module, "KERNEL_MIN_PASSAGES", 10**9)
        assert [h.score for h in compiled] == pytest.approx(
            [h.score for h in index.search_terms(query, 10)], rel=1e-9)
        assert_same_top(index, reference.get_scores(query), query, 10)
