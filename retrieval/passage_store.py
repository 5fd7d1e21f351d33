"""Passages and their articles kept on disk for a fast start, decoded one at a time.

A million passages as Python objects take seconds to build and a gigabyte to hold; a saved
knowledge base instead keeps each text column as one UTF-8 blob plus an offsets array, and
numbers as plain arrays, all memory-mapped. `StoredPassages` is a `Sequence[Passage]` that
decodes a passage only when it is asked for (the answerer asks for a handful per question).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TypeVar, overload

import numpy as np

from knowledge import Article, Passage, PassageKind, split_sentences
from retrieval.errors import IndexFormatError

_ARTICLE_FIELDS = ("id", "title", "date", "source", "url", "publisher")
_KINDS = (PassageKind.BODY, PassageKind.CAPTION)
T = TypeVar("T")
_MEMO = 4096


class _StringsWriter:
    """Strings (or None) appended one by one, saved as blob + offsets + none-mask arrays."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._lengths: list[int] = []
        self._none: list[bool] = []

    def add(self, value: str | None) -> None:
        data = b"" if value is None else value.encode("utf-8")
        self._parts.append(data)
        self._lengths.append(len(data))
        self._none.append(value is None)

    def add_raw(self, data: bytes, is_none: bool) -> None:
        self._parts.append(data)
        self._lengths.append(len(data))
        self._none.append(is_none)

    def save(self, directory: Path, name: str) -> None:
        offsets = np.zeros(len(self._lengths) + 1, np.int64)
        np.cumsum(self._lengths, out=offsets[1:])
        np.save(directory / f"{name}_bytes.npy", np.frombuffer(b"".join(self._parts), np.uint8))
        np.save(directory / f"{name}_offsets.npy", offsets)
        np.save(directory / f"{name}_none.npy", np.asarray(self._none, np.bool_))


class _Strings:
    """A saved string column, memory-mapped; each string is decoded when read."""

    def __init__(self, directory: Path, name: str, size: int) -> None:
        self._bytes = _load(directory / f"{name}_bytes.npy", np.uint8)
        self._offsets = _load(directory / f"{name}_offsets.npy", np.int64)
        self._none = _load(directory / f"{name}_none.npy", np.bool_)
        if (self._offsets.size != size + 1 or self._none.size != size
                or self._offsets[0] != 0 or self._offsets[-1] != self._bytes.size):
            raise IndexFormatError(f"{directory}/{name}_*.npy: sizes do not match")

    def raw(self, i: int) -> tuple[bytes, bool]:
        lo, hi = int(self._offsets[i]), int(self._offsets[i + 1])
        return self._bytes[lo:hi].tobytes(), bool(self._none[i])

    def __getitem__(self, i: int) -> str | None:
        data, is_none = self.raw(i)
        if is_none:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise IndexFormatError(f"saved passages are corrupt ({exc})") from None


def _load(path: Path, dtype: type) -> np.ndarray:
    try:
        array = np.load(path, mmap_mode="r", allow_pickle=False)
    except FileNotFoundError:
        raise IndexFormatError(f"{path}: missing") from None
    except (OSError, ValueError, EOFError) as exc:
        raise IndexFormatError(f"{path}: corrupt or truncated ({exc})") from None
    if array.dtype != np.dtype(dtype) or array.ndim != 1:
        raise IndexFormatError(f"{path}: expected a 1-d {np.dtype(dtype)} array")
    return array.view(np.ndarray)  # still mapped; plain views slice ten times faster


class PassageStoreWriter:
    """Collects articles (new, or copied from a previous store) and saves them."""

    def __init__(self) -> None:
        self._articles = _StringsWriter()
        self._texts = _StringsWriter()
        self._ids = _StringsWriter()
        self._numbers: list[int] = []
        self._kinds: list[int] = []
        self._first: list[int] = [0]

    @property
    def n_passages(self) -> int:
        return len(self._numbers)

    def add_article(self, article: Article) -> None:
        """A freshly read article and its passages (body first, then captions)."""
        for name in _ARTICLE_FIELDS:
            self._articles.add(getattr(article, name))
        for passage in article.passages:
            self._texts.add(passage.text)
            self._ids.add(passage.id)
            self._numbers.append(passage.number)
            self._kinds.append(_KINDS.index(passage.kind))
        self._first.append(len(self._numbers))

    def copy_article(self, store: PassageStore, article: int) -> None:
        """An unchanged article, copied byte for byte from the previous store."""
        for field in range(len(_ARTICLE_FIELDS)):
            self._articles.add_raw(*store.articles_column.raw(article * len(_ARTICLE_FIELDS)
                                                               + field))
        lo, hi = store.passage_range(article)
        for i in range(lo, hi):
            self._texts.add_raw(*store.texts.raw(i))
            self._ids.add_raw(*store.ids.raw(i))
        self._numbers.extend(store.numbers[lo:hi].tolist())
        self._kinds.extend(store.kinds[lo:hi].tolist())
        self._first.append(len(self._numbers))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._articles.save(directory, "article")
        self._texts.save(directory, "text")
        self._ids.save(directory, "id")
        np.save(directory / "number.npy", np.asarray(self._numbers, np.int32))
        np.save(directory / "kind.npy", np.asarray(self._kinds, np.uint8))
        np.save(directory / "article_first.npy", np.asarray(self._first, np.int64))


class PassageStore:
    """A saved set of articles and passages, memory-mapped."""

    def __init__(self, directory: Path) -> None:
        self.first = _load(directory / "article_first.npy", np.int64)
        self.numbers = _load(directory / "number.npy", np.int32)
        self.kinds = _load(directory / "kind.npy", np.uint8)
        n_articles, n = self.first.size - 1, self.numbers.size
        if (n_articles < 0 or self.kinds.size != n or self.first[0] != 0
                or self.first[-1] != n or (np.diff(self.first) < 0).any()):
            raise IndexFormatError(f"{directory}: saved passages are inconsistent")
        self.articles_column = _Strings(directory, "article", n_articles * len(_ARTICLE_FIELDS))
        self.texts = _Strings(directory, "text", n)
        self.ids = _Strings(directory, "id", n)
        # passage -> article, for decoding a passage's metadata
        self.article_of = np.repeat(np.arange(n_articles, dtype=np.int32), np.diff(self.first))
        self.passages = StoredPassages(self)
        self.articles = StoredArticles(self)
        # Answer picking looks at a passage's neighbours again and again: recent ones are
        # kept decoded (bounded, so a long-running bot does not grow).
        self._passage_memo = lru_cache(maxsize=_MEMO)(self._decode_passage)
        self._fields_memo = lru_cache(maxsize=_MEMO)(self._decode_fields)

    def passage_range(self, article: int) -> tuple[int, int]:
        return int(self.first[article]), int(self.first[article + 1])

    def article_fields(self, article: int) -> dict[str, str | None]:
        return self._fields_memo(article)

    def _decode_fields(self, article: int) -> dict[str, str | None]:
        base = article * len(_ARTICLE_FIELDS)
        return {name: self.articles_column[base + i] for i, name in enumerate(_ARTICLE_FIELDS)}

    def passage(self, i: int) -> Passage:
        return self._passage_memo(i)

    def _decode_passage(self, i: int) -> Passage:
        fields = self.article_fields(int(self.article_of[i]))
        text = self.texts[i] or ""
        return Passage(
            id=self.ids[i] or "", article=fields["id"] or "", number=int(self.numbers[i]),
            kind=_KINDS[int(self.kinds[i])], text=text, sentences=split_sentences(text),
            title=fields["title"] or "", date=fields["date"], source=fields["source"] or "",
            url=fields["url"], publisher=fields["publisher"])

    def article(self, a: int) -> Article:
        fields = self.article_fields(a)
        lo, hi = self.passage_range(a)
        passages = [self.passage(i) for i in range(lo, hi)]
        return Article(
            id=fields["id"] or "", title=fields["title"] or "", date=fields["date"],
            source=fields["source"] or "", url=fields["url"], publisher=fields["publisher"],
            paragraphs=tuple(p for p in passages if p.kind is PassageKind.BODY),
            captions=tuple(p for p in passages if p.kind is PassageKind.CAPTION))


class _Lazy(Sequence[T]):
    """A read-only sequence that builds each item on access."""

    def __init__(self, store: PassageStore, size: int) -> None:
        self._store = store
        self._size = size

    def __len__(self) -> int:
        return self._size

    def _item(self, i: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...
    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self._item(j) for j in range(*i.indices(self._size))]
        if i < 0:
            i += self._size
        if not 0 <= i < self._size:
            raise IndexError(i)
        return self._item(i)

    def __iter__(self) -> Iterator[T]:
        return (self._item(i) for i in range(self._size))


class StoredPassages(_Lazy[Passage]):
    """All passages in index order, each decoded from the store when asked for."""

    def __init__(self, store: PassageStore) -> None:
        super().__init__(store, int(store.numbers.size))

    def _item(self, i: int) -> Passage:
        return self._store.passage(i)


class StoredArticles(_Lazy[Article]):
    """All articles in file-name order, each decoded (with its passages) when asked for."""

    def __init__(self, store: PassageStore) -> None:
        super().__init__(store, int(store.first.size - 1))

    def _item(self, i: int) -> Article:
        return self._store.article(i)
