"""The entry point every function shares: stdin to stdout, results, exit code."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from . import inputs, locate, ownership, resource
from .config import CONFIG_API_VERSION, ConfigSpec, bind
from .ownership import Generated, reconcile
from .results import Results
from .yaml_io import DATA, EDIT, SKIP, Opaque

DEBUG_ENV = "KRM_FN_DEBUG"
MAX_INPUT_ENV = "KRM_FN_MAX_INPUT_BYTES"
DEFAULT_MAX_INPUT = 32 * 1024 * 1024


@dataclass
class Context:
    """What a function's transform sees: the items, its configuration and the results."""

    items: list[Any]
    config: dict[str, Any]
    results: Results
    function_config: Any = None
    retired: set[tuple[str, str, str, str]] = field(default_factory=set)
    # Items of a validated kind that failed their schema: not in `items`, and already reported.
    rejected: list[Any] = field(default_factory=list)

    def retire(self, source: Mapping[str, Any]) -> None:
        """Say that a source present in the package is meant to generate nothing any more (an intent
        set DEACTIVATED): its generated items are pruned.  Without this, pruning every item of a
        source that is still present is an error, and the items are kept."""
        self.retired.add(resource.identity(source))

    def select(
        self,
        api_versions: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
        name: str | None = None,
        labels: Mapping[str, str] | None = None,
        include_local_config: bool = False,
    ) -> list[Any]:
        """Items matching all the given criteria, sorted by identity so order never matters."""
        found = [
            item
            for item in self.items
            if (include_local_config or not resource.is_local_config(item))
            and resource.matches(item, api_versions=api_versions, kinds=kinds, name_pattern=name, label_selector=labels)
        ]
        return sorted(found, key=resource.identity)


Transform = Callable[[Context], "Iterable[Generated] | None"]


@dataclass
class Function:
    """The declaration of a KRM function: its name, config and transform."""

    name: str
    version: str
    summary: str
    transform: Transform
    config: ConfigSpec | None = None
    usage: str = ""
    example: str = ""
    commands: dict[str, Callable[[Sequence[str]], int]] = field(default_factory=dict)
    # The kinds the transform reads, as "group/Kind" ("" is the core group, "*" any); None: every kind.
    # Items neither read nor owned by the function are not parsed, only passed through.
    reads: tuple[str, ...] | None = None
    # The kinds whose items the transform changes in place (their comments and styles are kept);
    # None: any.  Other items are read as plain data, which is several times faster.
    edits: tuple[str, ...] | None = None
    # "group/Kind" -> loader of the closed schema each item of the kind is checked against before
    # the transform runs (the kinds must be among those read).
    validates: Mapping[str, Callable[[], Mapping[str, Any]]] = field(default_factory=dict)
    # group -> kind -> versions read (None: any): the pipeline's kinds, whose near misses are errors.
    known_kinds: Mapping[str, Mapping[str, "tuple[str, ...] | None"]] = field(default_factory=dict)

    def wants(self, identity: Mapping[str, Any]) -> str | None:
        """How far an item, known by its identity, must be parsed for this function."""
        group, kind = resource.group_of(str(identity.get("apiVersion") or "")), identity.get("kind")
        if self.edits is None or any(_kind_matches(k, group, kind) for k in self.edits):
            edit = EDIT
        else:
            edit = DATA
        if (
            ownership.owner(identity) == self.name
            or self.reads is None
            or any(_kind_matches(k, group, kind) for k in self.reads)
            or f"{group}/{kind}" in self.validates
        ):
            return edit
        return SKIP

    def main(self, argv: Sequence[str] | None = None) -> int:
        args = list(sys.argv[1:] if argv is None else argv)
        if args and args[0] in self.commands:
            return self.commands[args[0]](args[1:])
        if "--help" in args or "-h" in args:
            sys.stdout.write(self.help_text())
            return 0
        if "--version" in args:
            sys.stdout.write(f"{self.name} {self.version}\n")
            return 0
        if args:
            sys.stderr.write(f"{self.name}: unexpected arguments {' '.join(args)}; see --help\n")
            return 2
        text, code = self.process(_read_stdin())
        sys.stdout.write(text)
        sys.stdout.flush()
        return code

    def process(self, data: bytes) -> tuple[str, int]:
        """The whole run on one input: the output ResourceList text and the exit code."""
        from .yaml_io import InputError, parse_resource_list

        results = Results()
        try:
            selective = self.reads is not None or self.edits is not None
            parsed = parse_resource_list(_decode(data), self.wants if selective else None)
        except InputError as exc:
            results.error(str(exc))
            return render_output("config.kubernetes.io/v1", [], {}, set(), 0, results), 1
        except RecursionError:
            results.error("input is nested too deeply to be read")
            return render_output("config.kubernetes.io/v1", [], {}, set(), 0, results), 1
        texts = {id(item): text for item, text in zip(parsed.items, parsed.item_texts)}
        try:
            fingerprints = _fingerprints(parsed.items, parsed.item_texts)
            items, changed = self.run(parsed.items, parsed.function_config, results)
        except Exception as exc:  # a bug must still give a result, not a traceback
            if os.environ.get(DEBUG_ENV):
                import traceback

                traceback.print_exc(file=sys.stderr)
            results.error(f"{self.name} failed unexpectedly: {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 for a traceback)")
            # Nothing is lost: every item goes back as the text it came in.
            items, changed, fingerprints = parsed.items, set(), None
        try:
            self.locate(results, parsed.items, texts, parsed.indent)
        except Exception as exc:  # positions are a help: a failure to find them must not cost the results
            if os.environ.get(DEBUG_ENV):
                traceback.print_exc(file=sys.stderr)
            results.info(f"{self.name} failed unexpectedly finding the lines of its results ({type(exc).__name__}: {exc}); they stand without")
        out = render_output(parsed.api_version, items, texts, changed, parsed.indent, results, fingerprints)
        return out, results.exit_code()

    def run(self, items: list[Any], function_config: Any, results: Results) -> tuple[list[Any], set[int]]:
        """Check the input, then transform what passes and reconcile (see sdk/inputs.py)."""
        config = bind(function_config, self.config, results)
        if config is None:
            return items, set()
        rejected = inputs.check(items, self.validates, self.known_kinds, results)
        hidden = {id(item) for item in rejected}
        readable = [i for i in items if not isinstance(i, Opaque) and id(i) not in hidden]
        ctx = Context(readable, config, results, function_config, rejected=rejected)
        desired = self.transform(ctx)
        items = _in_input_order(items, ctx.items + rejected)
        if desired is None:  # a function that generates nothing and owns nothing
            return items, set()
        return reconcile(items, list(desired), self.name, self.version, results, ctx.retired)

    def locate(self, results: Results, items: list[Any], texts: Mapping[int, str | None], indent: int) -> None:
        """Point errors and warnings at what the user wrote, with its line (see sdk/locate.py)."""
        if not any(r.severity != "info" for r in results):
            return
        found = locate.Inputs(items, texts, indent)
        locate.trace(results, found, self.name)
        locate.add_lines(results, found)

    def help_text(self) -> str:
        from .docs import usage

        return usage(self)


def render_output(
    api_version: str,
    items: list[Any],
    texts: Mapping[int, str | None],
    changed: set[int],
    indent: int,
    results: Results,
    fingerprints: Mapping[int, str] | None = None,
) -> str:
    """The ResourceList text: original text for untouched items, fresh YAML for the rest.

    An item is untouched if it was not replaced and its data still has the
    fingerprint it was read with; without fingerprints every original text is used.
    """
    from .yaml_io import dump_items, dump_value, indent_block, ordered_json

    chunks = [f"apiVersion: {api_version}\n", "kind: ResourceList\n"]
    body: list[str] = []
    for item in items:
        original = texts.get(id(item))
        untouched = original is not None and (
            isinstance(item, Opaque)
            or (id(item) not in changed and (fingerprints is None or fingerprints.get(id(item)) == ordered_json(item)))
        )
        body.append(original if untouched else indent_block(dump_items([item]), indent))
    chunks.append("items:\n" + "".join(body) if body else "items: []\n")
    if results:
        chunks.append(dump_value({"results": [r.to_krm() for r in results]}))
    return "".join(chunks)


def _fingerprints(items: list[Any], texts: list[str | None]) -> dict[int, str]:
    from .yaml_io import ordered_json

    return {id(item): ordered_json(item) for item, text in zip(items, texts) if text is not None and not isinstance(item, Opaque)}


def _in_input_order(before: list[Any], after: list[Any]) -> list[Any]:
    """The items the transform left, unparsed ones among them where they were; new ones last."""
    kept = {id(item) for item in after}
    known = {id(item) for item in before}
    ordered = [item for item in before if isinstance(item, Opaque) or id(item) in kept]
    return ordered + [item for item in after if id(item) not in known]


def _kind_matches(pattern: str, group: str, kind: Any) -> bool:
    want_group, _, want_kind = pattern.rpartition("/")
    return want_group in ("*", group) and want_kind in ("*", kind)


def _read_stdin() -> bytes:
    # Read one byte past the limit: enough to tell that the input is too large.
    return sys.stdin.buffer.read(_max_input() + 1)


def _decode(data: bytes) -> str:
    from .yaml_io import InputError

    limit = _max_input()
    if len(data) > limit:
        raise InputError(f"input is over the limit of {limit} bytes ({MAX_INPUT_ENV})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"input is not UTF-8 text: byte {exc.start} cannot be decoded") from None


def _max_input() -> int:
    try:
        return int(os.environ.get(MAX_INPUT_ENV, DEFAULT_MAX_INPUT))
    except ValueError:
        return DEFAULT_MAX_INPUT


__all__ = ["CONFIG_API_VERSION", "Context", "Function", "Generated"]
