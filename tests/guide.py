"""The user's guide's assurance plan as the guide writes it: its SLOGate and its MeasurementJob, word for word."""

# "SLO-Gated Deployment" and "Measurement Integration with SLO Gates".
SLO_GATE = """\
# SLO Gate Configuration
apiVersion: gate.slo.nephio.org/v1alpha1
kind: SLOGate
metadata:
  name: edge-ran-gate
spec:
  sloTargets:
    - metric: "latency_p95_ms"
      threshold: 10
      operator: "<="
    - metric: "success_rate"
      threshold: 0.995
      operator: ">="
    - metric: "throughput_p95_mbps"
      threshold: 1000
      operator: ">="
  measurementWindow: "5m"
  evaluationPeriod: "30s"
"""
MEASUREMENT_JOB = """\
# Measurement-driven SLO validation
apiVersion: measurement.o2ims.org/v1alpha1
kind: MeasurementJob
metadata:
  name: edge-ran-performance
spec:
  targetResources:
    - resourceType: "ProvisioningRequest"
      resourceName: "edge-ran-deployment"
  measurements:
    - name: "latency_p95"
      query: "histogram_quantile(0.95, rate(request_duration_seconds_bucket[5m]))"
      unit: "ms"
    - name: "success_rate"
      query: "rate(requests_total{status=~'2..'}[5m]) / rate(requests_total[5m])"
      unit: "ratio"
    - name: "throughput"
      query: "rate(bytes_transferred_total[5m]) * 8 / 1000000"
      unit: "mbps"
  schedule: "*/30 * * * * *"  # Every 30 seconds
"""
