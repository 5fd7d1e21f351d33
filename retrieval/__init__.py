"""Text analysis, BM25 ranking and answer picking: passages in, ranked passages and answers out.

Importing the package is light (numpy only); `BM25Index` is the fast BM25 engine.
"""

from retrieval.errors import IndexFormatError, RetrievalError
from retrieval.index import BM25Index, BM25Params

__all__ = ["BM25Index", "BM25Params", "IndexFormatError", "RetrievalError"]
