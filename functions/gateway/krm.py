"""Reading and writing the KRM files of a package, by kind and provenance (never by path).

Files are YAML streams; a resource is known by its apiVersion group, kind and the SDK's
provenance annotations (`krm.oran-intent.io/generated-by`, `.../source`), so the code keeps
working wherever the pipeline chooses to write its outputs.
"""

from __future__ import annotations

import io
import threading
from typing import Any, Iterable, Iterator, Mapping

from oran_intent_krm.sdk import resource

# The SDK's accessors and provenance annotations, read through this module by the rest of the gateway.
from oran_intent_krm.sdk.ownership import GENERATED_BY, SOURCE  # noqa: F401
from oran_intent_krm.sdk.resource import LOCAL_CONFIG, annotations, labels, metadata, name, namespace, ref_string  # noqa: F401

TMF921 = "tmf921.intent.tmforum.org"
TS28312 = "intent.3gpp.org"
O2IMS_PROVISIONING = "o2ims.provisioning.oran.org"
SLO = "gate.slo.nephio.org"
MEASUREMENT = "measurement.o2ims.org"
NEPHIO_INFRA = "infra.nephio.org"
FN = "fn.oran-intent.io"
NAD_GROUP = "k8s.cni.cncf.io"


# A ruamel.yaml instance keeps parser and emitter state: one per thread (renders run in several).
_local = threading.local()


def _safe():
    if not hasattr(_local, "safe"):
        from ruamel.yaml import YAML

        _local.safe = YAML(typ="safe", pure=False)
        _local.safe.allow_duplicate_keys = False
    return _local.safe


def _round_trip():
    if not hasattr(_local, "round_trip"):
        from ruamel.yaml import YAML

        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 4096
        yaml.indent(mapping=2, sequence=2, offset=0)
        _local.round_trip = yaml
    return _local.round_trip


def is_yaml_file(path: str) -> bool:
    base = path.rsplit("/", 1)[-1]
    return base == "Kptfile" or base.endswith((".yaml", ".yml"))


def documents(text: str | bytes) -> list[dict[str, Any]]:
    """The mapping documents of a YAML stream (plain data)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return [d for d in _safe().load_all(text) if isinstance(d, dict)]


def load_round_trip(text: str) -> list[Any]:
    """Documents with comments and styles kept, to edit and write back."""
    return [d for d in _round_trip().load_all(text) if d is not None]


def dump_round_trip(docs: Iterable[Any]) -> str:
    out = io.StringIO()
    docs = list(docs)
    if len(docs) == 1:
        _round_trip().dump(docs[0], out)
    else:
        _round_trip().dump_all(docs, out)
    return out.getvalue()


def dump(obj: Any) -> str:
    """A plain object as a YAML document, as kpt writes them."""
    from oran_intent_krm.sdk import emit

    text = emit.dump_items([obj])
    # dump_items writes a sequence entry: drop the "- " and dedent.
    return "".join(line[2:] for line in text.splitlines(keepends=True))


def group_of(obj: Mapping[str, Any]) -> str:
    return resource.group_of(str(obj.get("apiVersion") or ""))


def is_kind(obj: Mapping[str, Any], group: str, kind: str) -> bool:
    return obj.get("kind") == kind and group_of(obj) == group


def source(obj: Mapping[str, Any]) -> str:
    return str(annotations(obj).get(SOURCE) or "")


def generated(obj: Mapping[str, Any]) -> bool:
    return GENERATED_BY in annotations(obj)


def generated_from(items: Iterable[Mapping[str, Any]], origin: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """The items whose provenance names `origin` as their source."""
    wanted = ref_string(origin)
    return (item for item in items if source(item) == wanted)
