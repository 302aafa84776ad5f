"""The domain errors of quotesvc: one documented base class and a shallow hierarchy.

Lower layers (SQLAlchemy, the extractor) raise or translate into these; the API maps
each class to one HTTP status in a single table (``quotesvc.api.problems``).
"""


class QuotesvcError(Exception):
    """Base class of every error quotesvc raises on purpose."""

    code = "QS000"
    title = "quotesvc error"

    def __init__(self, detail: str = "", **extra):
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.extra = extra


class NotFound(QuotesvcError):
    """The requested record does not exist."""

    code = "QS404"
    title = "Not found"


class Conflict(QuotesvcError):
    """The request conflicts with stored state."""

    code = "QS409"
    title = "Conflict"


class InvalidInput(QuotesvcError):
    """The input is well-formed JSON but its content is unacceptable."""

    code = "QS422"
    title = "Invalid input"


class Unavailable(QuotesvcError):
    """A backing service (the database) cannot be reached right now."""

    code = "QS503"
    title = "Service unavailable"
