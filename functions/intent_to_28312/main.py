"""Entry point of the intent-to-28312 KRM function."""

from __future__ import annotations

from oran_intent_krm import __version__
from oran_intent_krm.models import schemas
from oran_intent_krm.models.terms import PIPELINE_KINDS
from oran_intent_krm.sdk import ConfigSpec, Function, schema_beside

from . import CONFIG_KIND
from .transform import transform

USAGE = """
Translates every TMF921 Intent (tmf921.intent.tmforum.org/*, kind Intent) into a 3GPP TS 28.312
Rel-18 Intent (intent.3gpp.org/v1alpha1) written to generated/management/ts28312/[<namespace>/]intent_<name>.yaml,
the folder the management cluster syncs. The TMF921 Intent itself is never applied: it is marked
config.kubernetes.io/local-config (an explicit "false" is an error).
Accepted forms: the KRM form (spec.intentExpectations with expectationVerbs, expectationObjects,
expectationTargets, expectationContexts) and a TMF921 v5 Intent body under spec whose expression
is a JsonLdExpression or a TurtleExpression (TM Forum Intent Ontology, any version).
Network functions become a DELIVER expectation, constraints such as latency<10ms an ENSURE
expectation. A 28.312 intent whose TMF921 intent is gone is pruned.
"""

EXAMPLE = """
apiVersion: tmf921.intent.tmforum.org/v1
kind: Intent
metadata: {name: deploy-edge-ran}
spec:
  intentExpectations:
  - expectationTargets: [{targetName: edge-cluster-us-west-1}]
    expectationVerbs: [deploy]
    expectationObjects: [o-ran-cu, o-ran-du]
  - expectationTargets: [{targetName: performance}]
    expectationVerbs: [maintain]
    expectationObjects: ["latency<10ms", "throughput>1Gbps"]
"""

FUNCTION = Function(
    name="intent-to-28312",
    version=__version__,
    summary="TMF921 intents to 3GPP TS 28.312 intents",
    transform=transform,
    config=ConfigSpec(CONFIG_KIND, schema_beside(__file__)),
    usage=USAGE,
    example=EXAMPLE,
    reads=("tmf921.intent.tmforum.org/Intent",),
    edits=("tmf921.intent.tmforum.org/Intent",),  # marked local-config, its comments kept
    validates=schemas.loaders("tmf921.intent.tmforum.org/Intent"),
    known_kinds=PIPELINE_KINDS,
)


def main() -> None:
    raise SystemExit(FUNCTION.main())


if __name__ == "__main__":
    main()
