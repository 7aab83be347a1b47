"""The RDF graph of a TMF921 expression, read from JSON-LD or Turtle into plain nodes.

TM Forum intents name the same ontology terms with different IRIs (TIO v1.0.0
`...#`, v3.4.0, v3.6.0, compact `icm:` or full), so everything downstream
matches on local names.  JSON-LD is read without a JSON-LD processor: the
TMF921 examples key nodes by id inside plain maps (`"icm:hasExpectation":
{"idan:Delivery_service": {...}}`), which a strict processor would not treat
as nodes at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping


class GraphError(ValueError):
    """The expression is not a graph this function can read."""

    def __init__(self, message: str, path: str, expected: str):
        super().__init__(message)
        self.path = path
        self.expected = expected


@dataclass(frozen=True)
class Ref:
    id: str


@dataclass
class Node:
    id: str
    path: str
    types: list[str] = field(default_factory=list)
    props: dict[str, list[Any]] = field(default_factory=dict)  # values: Node, Ref or a literal
    value_paths: dict[str, list[str]] = field(default_factory=dict)

    @property
    def type_names(self) -> set[str]:
        return {local_name(t) for t in self.types}

    def items(self) -> Iterator[tuple[str, str, list[Any], list[str]]]:
        """(local name, property as written, values, value paths), in a stable order."""
        for key in self.props:
            yield local_name(key), key, self.props[key], self.value_paths[key]

    def values(self, *names: str) -> list[tuple[Any, str]]:
        wanted = {n.lower() for n in names}
        return [(v, p) for local, _, values, paths in self.items() if local.lower() in wanted for v, p in zip(values, paths)]

    def add(self, key: str, value: Any, path: str) -> None:
        self.props.setdefault(key, []).append(value)
        self.value_paths.setdefault(key, []).append(path)


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)

    def expand(self, term: str) -> str:
        prefix, sep, rest = term.partition(":")
        if sep and prefix in self.prefixes and not rest.startswith("//"):
            return self.prefixes[prefix] + rest
        return term

    def resolve(self, value: Any) -> Node | None:
        if isinstance(value, Node):
            return value
        if isinstance(value, Ref):
            return self.nodes.get(self.expand(value.id))
        if isinstance(value, str):
            return self.nodes.get(self.expand(value))
        return None

    def register(self, node: Node) -> Node:
        key = self.expand(node.id)
        existing = self.nodes.get(key)
        if existing is None:
            self.nodes[key] = node
            return node
        existing.types += [t for t in node.types if t not in existing.types]
        for key_, values in node.props.items():
            for value, path in zip(values, node.value_paths[key_]):
                existing.add(key_, value, path)
        return existing


def local_name(iri: Any) -> str:
    """`icm:hasExpectation`, `http://.../IntentCommonModel/hasExpectation`, `...#hasExpectation` -> `hasExpectation`."""
    text = str(iri).strip().rstrip("/#")
    return re.split(r"[#/:]", text)[-1] if text else text


# --- JSON-LD ---------------------------------------------------------------------------------------

_KEYWORDS = ("@id", "@type", "@context")


def from_jsonld(document: Any, path: str) -> Graph:
    if not isinstance(document, Mapping):
        raise GraphError("a JsonLdExpression's expressionValue must be a JSON-LD object", path, "an object with @context and nodes")
    graph = Graph(prefixes=_prefixes(document.get("@context"), f"{path}.@context"))
    if "@graph" in document:
        nodes = document["@graph"]
        if not isinstance(nodes, list):
            raise GraphError("@graph must be a list of nodes", f"{path}.@graph", "a list")
        for index, item in enumerate(nodes):
            _node(graph, item, f"{path}.@graph[{index}]", None)
    elif "@type" in document or "@id" in document:
        _node(graph, document, path, None)
    else:
        for key, value in document.items():
            if key.startswith("@"):
                continue
            if not isinstance(value, Mapping):
                raise GraphError(f"top-level entry {key!r} is not a node", f"{path}.{key}", "an object describing a node")
            _node(graph, value, f"{path}.{key}", key)
    if not graph.nodes:
        raise GraphError("the expression holds no nodes", path, "at least an icm:Intent node")
    return graph


def _prefixes(context: Any, path: str) -> dict[str, str]:
    if context is None or isinstance(context, str):
        return {}
    contexts = context if isinstance(context, list) else [context]
    prefixes: dict[str, str] = {}
    for item in contexts:
        if isinstance(item, str):
            continue
        if not isinstance(item, Mapping):
            raise GraphError("@context must be an object, a string or a list of them", path, "a JSON-LD @context")
        for term, value in item.items():
            iri = value.get("@id") if isinstance(value, Mapping) else value
            if isinstance(iri, str):
                prefixes[str(term)] = iri
    return prefixes


def _node(graph: Graph, obj: Any, path: str, id_hint: str | None) -> Node:
    if not isinstance(obj, Mapping):
        raise GraphError("a node must be an object", path, "a JSON-LD node object")
    node_id = obj.get("@id") or id_hint or f"_:{path}"
    types = obj.get("@type", [])
    types = [types] if isinstance(types, str) else list(types) if isinstance(types, list) else None
    if types is None or not all(isinstance(t, str) for t in types):
        raise GraphError("@type must be a string or a list of strings", f"{path}.@type", "a type such as icm:Intent")
    node = Node(str(node_id), path, [str(t) for t in types])
    for key, value in obj.items():
        if key in _KEYWORDS:
            continue
        for item, item_path in _values(graph, value, f"{path}.{key}"):
            node.add(str(key), item, item_path)
    return graph.register(node)


def _values(graph: Graph, value: Any, path: str) -> list[tuple[Any, str]]:
    if isinstance(value, list):
        out = []
        for index, item in enumerate(value):
            out += _values(graph, item, f"{path}[{index}]")
        return out
    if not isinstance(value, Mapping):
        return [(value, path)]
    if "@value" in value:
        extra = {k: v for k, v in value.items() if not str(k).startswith("@")}
        if not extra:
            return [(value["@value"], path)]
        # `{"@value": 500, "quan:unit": "us"}`: not JSON-LD, but peers write quantities so.
        return [(_node(graph, {**extra, "rdf:value": value["@value"]}, path, None), path)]
    if set(value) == {"@id"}:
        return [(Ref(str(value["@id"])), path)]
    for keyword in ("@list", "@set"):
        if keyword in value:
            return _values(graph, value[keyword], f"{path}.{keyword}")
    if _is_keyed_node_map(value):
        return [(_node(graph, item, f"{path}.{key}", str(key)), f"{path}.{key}") for key, item in value.items()]
    return [(_node(graph, value, path, None), path)]


def _is_keyed_node_map(value: Mapping) -> bool:
    """TMF921's `{"idan:Delivery_service": {"@type": ...}, ...}`: ids as keys, typed nodes as values."""
    return bool(value) and not any(str(k).startswith("@") for k in value) and all(
        isinstance(v, Mapping) and "@type" in v for v in value.values()
    )


# --- Turtle ----------------------------------------------------------------------------------------


def from_turtle(text: Any, path: str) -> Graph:
    if not isinstance(text, str) or not text.strip():
        raise GraphError("a TurtleExpression's expressionValue must be a non-empty string of Turtle", path, "Turtle text")
    try:
        import rdflib  # only intents written in Turtle pay for it
        from rdflib.collection import Collection
    except ImportError:
        raise GraphError(
            "a TurtleExpression needs rdflib, which is not installed", path, "rdflib installed (pip install 'oran-intent-krm[turtle]')"
        ) from None
    rdf = rdflib.Graph()
    try:
        rdf.parse(data=text, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for syntax errors
        message = " ".join(str(exc).split())[:300]
        raise GraphError(f"Turtle syntax error: {message}", path, "valid Turtle (RDF 1.1)") from None
    graph = Graph(prefixes={p: str(ns) for p, ns in rdf.namespaces()})

    def term(value):
        if isinstance(value, rdflib.BNode):
            return Ref(f"_:{value}")
        if isinstance(value, rdflib.URIRef):
            return Ref(str(value))
        return value.toPython()

    def subject_id(subject):
        return f"_:{subject}" if isinstance(subject, rdflib.BNode) else str(subject)

    for subject in sorted(set(rdf.subjects()), key=subject_id):
        if (subject, rdflib.RDF.first, None) in rdf:
            continue  # the cells of an RDF list are read through the list
        node = Node(subject_id(subject), f"{path} <{subject_id(subject)}>")
        node.types = sorted(str(t) for t in rdf.objects(subject, rdflib.RDF.type))
        for predicate, obj in sorted(rdf.predicate_objects(subject), key=lambda po: (str(po[0]), str(po[1]))):
            if predicate == rdflib.RDF.type:
                continue
            items = list(Collection(rdf, obj)) if (obj, rdflib.RDF.first, None) in rdf else [obj]
            for item in items:
                node.add(str(predicate), term(item), f"{node.path} {local_name(predicate)}")
        graph.register(node)
    if not graph.nodes:
        raise GraphError("the Turtle holds no triples", path, "at least an icm:Intent node")
    return graph
