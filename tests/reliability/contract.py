"""What every run of a function must give back, whatever it was fed.

Shared by the property tests, the hostile-input tests and the fuzz targets:
the output is one complete ResourceList, its results are structured, the exit
code is 0 or 1 and is 1 exactly when an error result is present, and nothing
reads like a traceback or an unexpected failure.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Mapping

from oran_intent_krm.sdk import ownership, resource, yaml_io

SEVERITIES = ("error", "warning", "info")
# The SDK turns an exception escaping a transform into a result with this text:
# an input that reaches it has found a bug.
CRASH_MARK = "failed unexpectedly"


class BrokenContract(AssertionError):
    """A function's output broke the contract every run must keep."""


def check(stdout: str, exit_code: int, allow_crash: bool = False) -> Mapping[str, Any]:
    """Assert the contract on one run; returns the output document."""
    _require(exit_code in (0, 1), f"exit code {exit_code}, expected 0 or 1")
    _require("Traceback (most recent call last)" not in stdout, "a traceback is on stdout")
    doc = load(stdout)
    _require(isinstance(doc, Mapping), "stdout is not a mapping")
    _require(
        doc.get("kind") == "ResourceList" and doc.get("apiVersion") in yaml_io.RESOURCE_LIST_VERSIONS,
        f"stdout is {doc.get('apiVersion')}/{doc.get('kind')}, not a ResourceList",
    )
    _require(isinstance(doc.get("items"), list), "stdout has no items list")
    _require(all(isinstance(item, Mapping) for item in doc["items"]), "an output item is not an object")
    results = doc.get("results") or []
    _require(isinstance(results, list), "results is not a list")
    for index, result in enumerate(results):
        _check_result(index, result)
    errors = [r for r in results if r["severity"] == "error"]
    _require(bool(errors) == (exit_code == 1), f"exit code {exit_code} with {len(errors)} error result(s)")
    if not allow_crash:
        crashes = [r["message"] for r in results if CRASH_MARK in r["message"]]
        _require(not crashes, f"the function crashed: {crashes[0] if crashes else ''}")
    return doc


def check_against_input(stdin: bytes, stdout: str, exit_code: int) -> None:
    """The contract, allowing for one thing: an input that is not YAML at all.

    Items a function does not read are passed on unparsed, as the text they came in
    (the SDK's selective parsing); so when such an item is not YAML, neither is the
    output.  kpt only ever sends YAML it wrote itself, so it never sees this; here it
    is allowed only if the input, read whole, is not YAML either.
    """
    try:
        check(stdout, exit_code)
    except BrokenContract as broken:
        if not str(broken).startswith("stdout is not YAML") or _is_yaml(stdin):
            raise
        _require(exit_code in (0, 1), f"exit code {exit_code}, expected 0 or 1")
        _require("Traceback (most recent call last)" not in stdout, "a traceback is on stdout")


def _is_yaml(data: bytes) -> bool:
    try:
        yaml_io._yaml().load(data.decode("utf-8"))
    except Exception:  # not UTF-8, not YAML, or too deep: not YAML as far as anyone can read it
        return False
    return True


def load(text: str) -> Any:
    """The output as data: libyaml first (fast), the SDK's own reader where libyaml differs."""
    import yaml

    try:
        return yaml.load(text, Loader=yaml.CSafeLoader)
    except Exception:  # YAML 1.1 and 1.2 disagree on a few inputs: the SDK's reader decides
        pass
    try:
        return yaml_io._yaml().load(text)
    except Exception as exc:  # any parser failure is the finding
        raise BrokenContract(f"stdout is not YAML: {type(exc).__name__}: {exc}") from None


def _check_result(index: int, result: Any) -> None:
    where = f"results[{index}]"
    _require(isinstance(result, Mapping), f"{where} is not an object")
    message = result.get("message")
    _require(isinstance(message, str) and message.strip() != "", f"{where}.message is missing or empty")
    _require(result.get("severity") in SEVERITIES, f"{where}.severity is {result.get('severity')!r}")
    for key in ("resourceRef", "field", "file", "tags"):
        _require(key not in result or isinstance(result[key], Mapping), f"{where}.{key} is not an object")
    if "field" in result:
        _require(isinstance(result["field"].get("path"), str), f"{where}.field.path is not a string")


def foreign_identities(items: Iterable[Any], function: str) -> Counter:
    """The identities of the items a function does not own (it must never drop one)."""
    return Counter(
        resource.identity(item) for item in items if isinstance(item, Mapping) and ownership.owner(item) != function
    )


def check_nothing_lost(stdin_doc: Any, stdin: bytes, stdout: str, function: str) -> None:
    """Every item the function does not own comes back, whatever else happened.

    stdin_doc is the input as data, so the common case costs no YAML 1.2 parse; an
    apparent loss is confirmed on both texts as the SDK reads them (it may refuse
    the input whole, and YAML 1.1 reads `yes` or `on` differently).
    """
    missing = _missing(stdin_doc, load(stdout), function)
    if missing:
        try:
            items = yaml_io.parse_resource_list(stdin.decode("utf-8")).items
        except (yaml_io.InputError, UnicodeDecodeError, RecursionError):
            return
        missing = _missing({"items": items}, yaml_io._yaml().load(stdout), function)
    _require(not missing, f"{function} dropped items it does not own: {sorted(missing)[:3]}")


def _missing(stdin_doc: Any, stdout_doc: Mapping[str, Any], function: str) -> Counter:
    if not (isinstance(stdin_doc, Mapping) and isinstance(stdin_doc.get("items"), list)):
        return Counter()
    if not all(isinstance(item, Mapping) for item in stdin_doc["items"]):
        return Counter()
    return foreign_identities(stdin_doc["items"], function) - foreign_identities(stdout_doc["items"], function)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise BrokenContract(message)
