"""Limit/offset paging for API lists, clamped so that no number can reach the database raw."""

MOST = 100
MAX_OFFSET = 1_000_000  # far beyond any real history, well inside every database's integers


def window(limit: int, offset: int) -> slice:
    """The slice of rows to return: 1..100 rows starting at 0..1,000,000."""
    limit = max(1, min(limit, MOST))
    offset = max(0, min(offset, MAX_OFFSET))
    return slice(offset, offset + limit)
