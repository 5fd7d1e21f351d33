"""Reading a folder of news articles into passages with their metadata."""

from knowledge.article import Article, Passage, PassageKind
from knowledge.errors import KnowledgeError, NoArticlesFound, UnreadableArticle
from knowledge.loader import Knowledge, SkippedFile, default_knowledge_dir, load_articles
from knowledge.sentences import split_sentences

__all__ = [
    "Article",
    "Knowledge",
    "KnowledgeError",
    "NoArticlesFound",
    "Passage",
    "PassageKind",
    "SkippedFile",
    "UnreadableArticle",
    "default_knowledge_dir",
    "load_articles",
    "split_sentences",
]
