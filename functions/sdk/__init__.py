"""The project's small KRM function SDK: I/O, config, results, ownership.

It holds nothing specific to any one function.  A function declares itself
with `Function(...)` and a pure transform `Context -> [Generated]`; the SDK
does the rest.
"""

from .config import CONFIG_API_VERSION, ConfigSpec, schema_beside
from .ownership import Generated, spec_digest
from .results import ERROR, INFO, WARNING, Result, Results
from .runner import Context, Function

__all__ = [
    "CONFIG_API_VERSION",
    "ConfigSpec",
    "Context",
    "ERROR",
    "Function",
    "Generated",
    "INFO",
    "Result",
    "Results",
    "WARNING",
    "schema_beside",
    "spec_digest",
]
