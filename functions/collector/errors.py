"""The one error the collector reports: a message for a person, and exit code 1."""


class CollectorError(Exception):
    """Something that stops the collection; its message says what and where."""
