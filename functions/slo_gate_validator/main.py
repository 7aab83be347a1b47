"""slo-gate-validator: SLOGate + MeasurementReport -> Passed / Failed / Inconclusive."""

from __future__ import annotations

from oran_intent_krm import __version__
from oran_intent_krm.models import schemas
from oran_intent_krm.models.terms import PIPELINE_KINDS
from oran_intent_krm.sdk import ConfigSpec, Function, schema_beside

from .transform import transform

KIND = "SloGateValidatorConfig"


def _explain(argv) -> int:
    from .explain import main as explain_main

    return explain_main(argv)


FUNCTION = Function(
    name="slo-gate-validator",
    version=__version__,
    summary="judge SLOGates on the MeasurementReports in the package: Passed, Failed or Inconclusive",
    transform=transform,
    config=ConfigSpec(KIND, schema_beside(__file__)),
    usage="""
Reads SLOGates (gate.slo.nephio.org/v1alpha1), MeasurementReports (measurement.o2ims.org/v1alpha1)
and the workloads generated from each gate's targetRef.  Writes each gate's status, a condition per
gate in the Kptfile (type gate.slo.nephio.org.SLOGate.<name>, listed in info.readinessGates for
enforcement block), an SLOGateRecord per gate, and an IntentReport per covered TS 28.312 Intent.
A Failed gate with enforcement block is an error (the render fails); onFailure: rollback restores
the workloads of the last revision that passed instead.

  slo-gate-validator explain PKG [--gate NAME] [--verbose] [-o table|json|yaml]
      print each gate's evaluation for a person (or a script) without changing anything
""",
    example="""
apiVersion: fn.oran-intent.io/v1alpha1
kind: SloGateValidatorConfig
metadata: {name: slo-gates}
defaultEnforcement: block
defaultMinSamples: 100
""",
    commands={"explain": _explain},
    validates=schemas.loaders("gate.slo.nephio.org/SLOGate", "gate.slo.nephio.org/SLOGateRecord", "measurement.o2ims.org/MeasurementReport", "measurement.o2ims.org/MeasurementJob"),
    known_kinds=PIPELINE_KINDS,
    # Status goes into the gates, the Kptfile and the intents; everything else is only read.
    edits=("gate.slo.nephio.org/SLOGate", "kpt.dev/Kptfile", "tmf921.intent.tmforum.org/Intent"),
)


def main() -> None:
    raise SystemExit(FUNCTION.main())


if __name__ == "__main__":
    main()
