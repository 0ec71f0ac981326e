"""The casus error tree.

Every error casus raises on purpose is a :class:`CasusError`. Messages are one line that says
what failed, where, and what to try, so the CLI can print them without a traceback::

    CasusError
    ├── InputError    an article, file or argument could not be read
    ├── CodingError   the NLP or coding stages failed on an article
    ├── StoreError    the database could not be opened, read or written
    └── ConfigError   a setting, lexicon or data file is invalid

:class:`InputWarning` (a ``UserWarning``, not an error) is issued with :func:`warnings.warn`
when an input is read but a part of it is dropped or left empty (an unreadable feed date, a
feed item with no real text); the CLI prints each as one ``warning:`` line.
"""

from __future__ import annotations

__all__ = [
    "CasusError",
    "CodingError",
    "ConfigError",
    "InputError",
    "InputWarning",
    "StoreError",
    "coding_failure",
    "json_problem",
]


class CasusError(Exception):
    """Base class of every error casus raises on purpose."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text = f"{text} ({self.hint})"
        return text


class InputError(CasusError):
    """An input file, article or argument cannot be read or is invalid."""


class InputWarning(UserWarning):
    """Part of an input was dropped or left empty; the message names the file and item."""


class CodingError(CasusError):
    """A pipeline stage failed on an article."""


class StoreError(CasusError):
    """The event store could not be opened, read or written.

    ``reason`` says why when it is known: ``missing`` (no database file), ``locked`` (another
    process holds it), ``corrupt`` (not a DuckDB file, or damaged); front ends pick their
    answer from it rather than from the message text.
    """

    def __init__(
        self,
        message: str,
        *,
        where: str | None = None,
        hint: str | None = None,
        reason: str | None = None,
    ) -> None:
        self.reason = reason
        super().__init__(message, where=where, hint=hint)


class ConfigError(CasusError):
    """A setting, lexicon or bundled data file is invalid."""


def coding_failure(where: str, exc: Exception) -> CodingError:
    """One-line :class:`CodingError` naming ``where`` (an article id) for any exception raised
    while coding it, so that one bad article is reported and the run goes on."""
    if isinstance(exc, CodingError):
        return exc if exc.where else CodingError(exc.message, where=where)
    text = str(exc).strip()
    first = text.splitlines()[0][:200] if text else ""
    return CodingError(
        f"coding failed: {type(exc).__name__}" + (f": {first}" if first else ""), where=where
    )


def json_problem(err: ValueError) -> str:
    """What is wrong in a :class:`json.JSONDecodeError`, to be followed by "at column N".

    Python's messages for some problems end in "at" ("Unterminated string starting at",
    "Invalid control character at"), which read "starting at at column 5" before a position.
    """
    msg = str(getattr(err, "msg", err))
    return msg.removesuffix(" at")
