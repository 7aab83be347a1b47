"""The SLO assurance vocabulary shared by the functions and the measurement collector.

What an SLOGate asks for (`gate`, `operators`), the evidence a MeasurementReport
holds (`evidence`), which revision of the workloads that evidence is of
(`revision`), durations and timestamps (`timing`), reading a package from disk
(`package`) and the PromQL checks every measurement query gets (`promql`).

It holds no function's logic: 28312-to-pr, pr-to-workloads, slo-gate-validator
and measurement-collector each import from here, never from one another.
"""
