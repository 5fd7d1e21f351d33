"""What can go wrong when reading an article folder, in words an operator can act on."""


class KnowledgeError(Exception):
    """Base for problems with the article folder; the message names the path."""


class NoArticlesFound(KnowledgeError):
    """The folder holds no readable article, so there is nothing to answer from."""


class UnreadableArticle(KnowledgeError):
    """One file cannot be read as an article; the loader skips it and serves the rest."""
