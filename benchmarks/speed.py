"""Speed and memory of `BM25Index` beside rank-bm25, bm25s (numpy and numba) and tantivy.

Not a test: it prints a Markdown table for the README, with the machine it ran on. One
synthetic Zipf corpus (pseudo-words, Zipf exponent 1, about 50 words a passage) and one set
of 6-word queries drawn from the same distribution are made per size; every engine then
indexes the same passages and answers the same queries, each in its own subprocesses so
that peak memory is its own: one process builds (and saves), a fresh one loads and serves.

Query latency is the engine's own query call for the top 10 on an already-tokenised query
(each engine with its own tokeniser), so that the ranking work is what is compared. The
bot's whole answer path (question in, formatted reply out, no network) is timed separately
over a generated knowledge folder, as are cold starts of `python -m bot ask`.

    python benchmarks/speed.py                            # 10k, 100k and 1M: about 30 min
    python benchmarks/speed.py --sizes 10000,100000       # a quick run
    python benchmarks/speed.py --sizes 10000 --no-answer-path
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("bm25", "rank-bm25", "bm25s", "bm25s-numba", "tantivy")
VOCABULARY = 200_000
MEAN_WORDS = 50
QUERY_WORDS = 6


# --- the corpus ----------------------------------------------------------------------------


def pseudo_words(n: int, seed: int = 0) -> list[str]:
    """Distinct pronounceable words, none an English stop word."""
    sys.path.insert(0, str(ROOT))
    from retrieval.stopwords import ENGLISH

    rng = np.random.default_rng(seed)
    consonants = np.array(list("bcdfghjklmnprstvwz"))
    vowels = np.array(list("aeiou"))
    out: list[str] = []
    seen = set(ENGLISH)
    while len(out) < n:
        syllables = np.char.add(consonants[rng.integers(0, consonants.size, (n, 4))],
                                vowels[rng.integers(0, vowels.size, (n, 4))])
        for row, k in zip(syllables.tolist(), rng.integers(2, 5, n).tolist(), strict=True):
            word = "".join(row[:k])
            if word not in seen:
                seen.add(word)
                out.append(word)
                if len(out) == n:
                    break
    return out


def zipf(n: int) -> np.ndarray:
    p = 1.0 / np.arange(1, n + 1)
    return p / p.sum()


def make_data(directory: Path, size: int, n_queries: int) -> None:
    """passages.txt (one a line) and queries.txt, deterministic for a size."""
    directory.mkdir(parents=True, exist_ok=True)
    words = pseudo_words(VOCABULARY)
    p = zipf(VOCABULARY)
    rng = np.random.default_rng(size)
    lengths = np.maximum(5, rng.poisson(MEAN_WORDS, size))
    ids = rng.choice(VOCABULARY, size=int(lengths.sum()), p=p).tolist()
    with (directory / "passages.txt").open("w", encoding="utf-8") as out:
        at = 0
        for n in lengths.tolist():
            out.write(" ".join([words[i] for i in ids[at:at + n]]) + "\n")
            at += n
    queries = rng.choice(VOCABULARY, size=(n_queries, QUERY_WORDS), p=p).tolist()
    (directory / "queries.txt").write_text(
        "".join(" ".join(words[i] for i in q) + "\n" for q in queries), encoding="utf-8")


def make_knowledge(passages: Path, folder: Path, per_article: int = 10) -> int:
    """A knowledge folder of plain-text articles, `per_article` passages each."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = passages.read_text(encoding="utf-8").splitlines()
    count = 0
    for start in range(0, len(lines), per_article):
        body = "\n".join(line + "." for line in lines[start:start + per_article])
        sub = folder / f"{start // per_article // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"article-{start // per_article:06d}.txt").write_text(
            f"Synthetic report number {start // per_article}\n{body}\n", encoding="utf-8")
        count += 1
    return count


# --- measuring inside a worker -------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def anon_mb() -> float:
    """Resident memory that is the process's own, without pages of memory-mapped files
    (those are the page cache's to drop and re-read)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    """This process's own peak RSS (VmHWM: unlike ru_maxrss it is not inherited on exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def latencies(run: Callable[[Any], Any], queries: Sequence[Any], warmup: int = 5
              ) -> dict[str, float]:
    for q in queries[:warmup]:
        run(q)
    times = []
    for q in queries:
        start = time.perf_counter()
        run(q)
        times.append(time.perf_counter() - start)
    ms = np.array(times) * 1000
    p50, p95, p99 = np.percentile(ms, [50, 95, 99])
    return {"p50": float(p50), "p95": float(p95), "p99": float(p99), "queries": len(queries)}


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def worker_build(engine: str, data: Path, store: Path, rank_queries: int) -> dict[str, Any]:
    """Build (and save) one engine over the passages; peak memory is measured around it."""
    texts = read_lines(data / "passages.txt")
    queries = read_lines(data / "queries.txt")
    before = rss_mb()
    start = time.perf_counter()
    result: dict[str, Any] = {}
    if engine == "bm25":
        from retrieval import BM25Index

        index = BM25Index.build(texts)
        result["build_s"] = time.perf_counter() - start
        index.save(store)
    elif engine == "rank-bm25":
        from rank_bm25 import BM25Okapi

        from retrieval.analyzer import Analyzer

        analyzer = Analyzer()
        bm25 = BM25Okapi([analyzer.terms(t) for t in texts])
        result["build_s"] = time.perf_counter() - start
        result["peak_mb"] = peak_mb() - before
        chosen = queries[:rank_queries] if rank_queries else queries
        terms = [analyzer.terms(q) for q in chosen]
        result.update(latencies(lambda q: np.argpartition(-bm25.get_scores(q), 10)[:10],
                                terms, warmup=1 if rank_queries else 5))
        result["rss_mb"] = rss_mb()
        result["anon_mb"] = anon_mb()
        return result
    elif engine.startswith("bm25s"):
        import bm25s

        tokens = bm25s.tokenize(texts, stopwords="en", show_progress=False)
        backend = "numba" if engine == "bm25s-numba" else "numpy"
        retriever = bm25s.BM25(k1=1.5, b=0.75, method="robertson", backend=backend)
        retriever.index(tokens, show_progress=False)
        result["build_s"] = time.perf_counter() - start
        retriever.save(store, show_progress=False)
    elif engine == "tantivy":
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("text", stored=False)
        schema = builder.build()
        store.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(schema, path=str(store))
        writer = index.writer(heap_size=512 * 2**20, num_threads=2)
        for text in texts:
            writer.add_document(tantivy.Document(text=text))
        writer.commit()
        writer.wait_merging_threads()
        result["build_s"] = time.perf_counter() - start
    result["peak_mb"] = peak_mb() - before
    result["index_mb"] = folder_mb(store)
    return result


def worker_serve(engine: str, data: Path, store: Path) -> dict[str, Any]:
    """Load a saved engine in a fresh process and time its queries."""
    queries = read_lines(data / "queries.txt")
    start = time.perf_counter()
    if engine == "bm25":
        from retrieval import BM25Index

        index = BM25Index.load(store)
        load_s = time.perf_counter() - start
        compiled = index.prepare()  # the numba kernel loads in the background: wait once
        kernel_s = time.perf_counter() - start
        terms = [index.analyzer.terms(q) for q in queries]
        result = latencies(lambda q: index.search_terms(q, 10), terms)
        result["note"] = (f"numba kernel ready {kernel_s:.1f} s after load began"
                          if compiled else "numpy (below the kernel's size)")
    elif engine.startswith("bm25s"):
        import bm25s

        backend = "numba" if engine == "bm25s-numba" else "numpy"
        retriever = bm25s.BM25.load(store, mmap=True, show_progress=False,
                                    override_params={"backend": backend})
        load_s = time.perf_counter() - start
        tokens = bm25s.tokenize(queries, stopwords="en", return_ids=False, show_progress=False)
        ok = [t for t in tokens if any(w in retriever.vocab_dict for w in t)]
        result = latencies(lambda q: retriever.retrieve([q], k=10, show_progress=False,
                                                        n_threads=1), ok)
    elif engine == "tantivy":
        import tantivy

        index = tantivy.Index.open(str(store))
        index.reload()
        searcher = index.searcher()
        load_s = time.perf_counter() - start
        parsed = [index.parse_query(q, ["text"]) for q in queries]
        result = latencies(lambda q: searcher.search(q, 10).hits, parsed)
    else:
        raise ValueError(engine)
    result["load_s"] = load_s
    result["rss_mb"] = rss_mb()
    result["anon_mb"] = anon_mb()
    return result


def worker_answers(folder: Path, data: Path, n: int) -> dict[str, Any]:
    """The bot's whole answer path over a knowledge folder: question -> JSON and text reply."""
    from rich.console import Console

    from bot.answer_json import answer_json
    from bot.answer_text import answer_text
    from bot.knowledge_base import open_knowledge_base

    start = time.perf_counter()
    base = open_knowledge_base(folder)
    open_s = time.perf_counter() - start
    console = Console(file=open(os.devnull, "w"), width=100)  # noqa: SIM115
    questions = read_lines(data / "queries.txt")[:n]

    def reply(question: str) -> None:
        answer = base.answerer.ask(question)
        json.dumps(answer_json(answer), ensure_ascii=False)
        console.print(answer_text(answer, base.answerer.analyzer))

    result = latencies(reply, questions)
    result["open_s"] = open_s
    result["rss_mb"] = rss_mb()
    result["anon_mb"] = anon_mb()
    return result


# --- the conductor -------------------------------------------------------------------------


def run_worker(*args: str, timeout: float = 3600) -> dict[str, Any]:
    """Run this file as a worker subprocess; its last stdout line is JSON."""
    done = subprocess.run([sys.executable, __file__, "worker", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise RuntimeError(f"worker {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def wall(command: Sequence[str], stdin: str | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, input=stdin, capture_output=True, text=True, check=True, cwd=ROOT)
    return time.perf_counter() - start


def drop_page_cache() -> bool:
    """Make the next start truly cold when allowed (root, not in a locked container)."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    except OSError:
        mem = float("nan")
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in
                         ("numpy", "rank-bm25", "bm25s", "numba", "tantivy"))
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, {platform.system()}, "
            f"Python {platform.python_version()}; {versions}")


def fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return f"{value:,.{digits}f}"


def bench_size(size: int, work: Path, engines: Sequence[str], n_queries: int,
               rank_max: int, rank_queries: int) -> list[dict[str, Any]]:
    data = work / f"data-{size}"
    make_data(data, size, n_queries)
    rows = []
    for engine in engines:
        print(f"  {size:,} passages: {engine} ...", file=sys.stderr, flush=True)
        store = work / f"store-{engine}-{size}"
        row: dict[str, Any] = {"size": size, "engine": engine}
        try:
            if engine == "rank-bm25":
                few = rank_queries if size > rank_max else 0
                row.update(run_worker("build", engine, str(data), str(store), str(few)))
                row["note"] = f"{few} queries only" if few else ""
            else:
                row.update(run_worker("build", engine, str(data), str(store), "0"))
                row.update(run_worker("serve", engine, str(data), str(store)))
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            row["note"] = f"failed: {str(exc).splitlines()[0][:60]}"
            print(exc, file=sys.stderr)
        shutil.rmtree(store, ignore_errors=True)
        rows.append(row)
        print(f"    {row}", file=sys.stderr, flush=True)
    return rows


def bench_answer_path(size: int, work: Path, n_questions: int) -> dict[str, Any]:
    """Build a knowledge folder of `size` passages, then time the bot on it."""
    data = work / f"data-{size}"
    if not (data / "passages.txt").exists():
        make_data(data, size, n_questions)
    folder = work / f"knowledge-{size}"
    articles = make_knowledge(data / "passages.txt", folder)
    python = [sys.executable, "-m", "bot"]
    result: dict[str, Any] = {"size": size, "articles": articles}
    result["index_s"] = wall([*python, "index", "--knowledge", str(folder)])
    result["index_mb"] = folder_mb(folder / ".article-index")
    question = read_lines(data / "queries.txt")[0]
    result["cold_page_cache"] = drop_page_cache()
    result["first_answer_s"] = wall([*python, "ask", "--json", "--knowledge", str(folder),
                                     question])
    result["first_answer_warm_s"] = wall([*python, "ask", "--json", "--knowledge",
                                          str(folder), question])
    result.update(run_worker("answers", str(folder), str(data), str(n_questions)))
    shutil.rmtree(folder, ignore_errors=True)
    return result


def shipped_first_answer() -> list[float]:
    """`python -m bot ask` on the shipped articles, end to end, a few times."""
    question = "how many commune stations does Lang Son have"
    return [wall([sys.executable, "-m", "bot", "ask", "--json", question]) for _ in range(3)]


def print_report(rows: list[dict[str, Any]], answers: dict[str, Any] | None,
                 shipped: list[float], started: str) -> None:
    print(f"Measured {started} on: {machine()}.\n")
    print("| passages | engine | build s | build peak MB | index MB | load s | serving RSS MB "
          "(own) | p50 ms | p95 ms | p99 ms | p50 vs rank-bm25 | note |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    reference = {r["size"]: r.get("p50") for r in rows if r["engine"] == "rank-bm25"}
    for r in rows:
        ref = reference.get(r["size"])
        speedup = f"{ref / r['p50']:,.0f}x" if ref and r.get("p50") else "–"
        print(f"| {r['size']:,} | {r['engine']} | {fmt(r.get('build_s'), 1)} | "
              f"{fmt(r.get('peak_mb'), 0)} | {fmt(r.get('index_mb'), 0)} | "
              f"{fmt(r.get('load_s'), 3)} | {fmt(r.get('rss_mb'), 0)} "
              f"({fmt(r.get('anon_mb'), 0)}) | {fmt(r.get('p50'), 3)} | "
              f"{fmt(r.get('p95'), 3)} | {fmt(r.get('p99'), 3)} | {speedup} | "
              f"{r.get('note', '')} |")
    if answers:
        print(f"\nThe bot's answer path over {answers['size']:,} passages "
              f"({answers['articles']:,} plain-text articles):\n")
        print("| step | figure |\n|---|---:|")
        print(f"| `python -m bot index` (read, analyse, index, save) | "
              f"{answers['index_s']:.1f} s |")
        print(f"| saved knowledge (index, passages, terms) on disk | "
              f"{answers['index_mb']:,.0f} MB |")
        cold = "page cache dropped" if answers["cold_page_cache"] else "page cache not dropped"
        print(f"| first answer of a new `python -m bot ask` ({cold}) | "
              f"{answers['first_answer_s']:.2f} s |")
        print(f"| the same, again | {answers['first_answer_warm_s']:.2f} s |")
        print(f"| open the saved knowledge in a process | {answers['open_s']:.2f} s |")
        print(f"| question -> JSON and text reply, p50 / p95 / p99 | {answers['p50']:.2f} / "
              f"{answers['p95']:.2f} / {answers['p99']:.2f} ms |")
        print(f"| serving process RSS (own memory, without mapped files) | "
              f"{answers['rss_mb']:,.0f} MB ({answers['anon_mb']:,.0f} MB) |")
    print(f"\n`python -m bot ask` on the shipped articles, end to end (3 runs): "
          f"{', '.join(f'{s:.2f} s' for s in shipped)}.")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="passage counts, comma-separated (default: %(default)s)")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--queries", type=int, default=300, help="queries per size")
    parser.add_argument("--rank-bm25-max", type=int, default=100_000,
                        help="above this size rank-bm25 answers only --rank-bm25-queries")
    parser.add_argument("--rank-bm25-queries", type=int, default=5)
    parser.add_argument("--answer-path-size", type=int, default=None,
                        help="passages for the answer-path timing (default: largest size)")
    parser.add_argument("--no-answer-path", action="store_true")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    engines = [e for e in args.engines.split(",") if e]
    started = time.strftime("%Y-%m-%d")
    work = args.work or Path(tempfile.mkdtemp(prefix="bm25-speed-"))
    rows: list[dict[str, Any]] = []
    try:
        for size in sizes:
            rows += bench_size(size, work, engines, args.queries, args.rank_bm25_max,
                               args.rank_bm25_queries)
        answers = None
        if not args.no_answer_path:
            print("  answer path ...", file=sys.stderr, flush=True)
            answers = bench_answer_path(args.answer_path_size or max(sizes), work,
                                        min(args.queries, 200))
        shipped = shipped_first_answer()
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print_report(rows, answers, shipped, started)
    return 0


def worker(argv: Sequence[str]) -> int:
    kind, *rest = argv
    if kind == "build":
        engine, data, store, few = rest
        result = worker_build(engine, Path(data), Path(store), int(few))
    elif kind == "serve":
        engine, data, store = rest
        result = worker_serve(engine, Path(data), Path(store))
    else:
        folder, data, n = rest
        result = worker_answers(Path(folder), Path(data), int(n))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        sys.path.insert(0, str(ROOT))
        raise SystemExit(worker(sys.argv[2:]))
    raise SystemExit(main())
