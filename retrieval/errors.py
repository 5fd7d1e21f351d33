"""What can go wrong in retrieval, in words an operator can act on."""


class RetrievalError(Exception):
    """Base for problems with the index; the message names the path or the setting."""


class IndexFormatError(RetrievalError):
    """A saved index is missing, truncated, corrupt, or written by another format or
    analyzer version: it must be rebuilt, never served."""
