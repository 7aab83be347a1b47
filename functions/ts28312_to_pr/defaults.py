"""The sizing, class and metric catalogue shipped with the function.

functionConfig overrides any part of it (see config.py); everything here is
documented in README.md.  Sizes are per replica.
"""

from __future__ import annotations

CLASSES = ("standard", "high-throughput", "urllc")

# Network functions as an intent names them -> the components deployed for them.
NETWORK_FUNCTIONS: dict[str, list[str]] = {
    "o-ran-cu": ["cu-cp", "cu-up"],
    "o-cu": ["cu-cp", "cu-up"],
    "cu": ["cu-cp", "cu-up"],
    "o-ran-cu-cp": ["cu-cp"],
    "o-cu-cp": ["cu-cp"],
    "cu-cp": ["cu-cp"],
    "o-ran-cu-up": ["cu-up"],
    "o-cu-up": ["cu-up"],
    "cu-up": ["cu-up"],
    "o-ran-du": ["du"],
    "o-du": ["du"],
    "du": ["du"],
    "o-ran-ru": ["ru"],
    "o-ru": ["ru"],
    "ru": ["ru"],
}

# Component -> its O-RAN NF type and one profile per performance class.
# The guide's deploy-edge-ran request (cu-cp + cu-up standard, du high-throughput)
# adds up to exactly 8000m CPU, 16Gi memory and 50Gi storage.
SIZING_PROFILES: dict[str, dict] = {
    "cu-cp": {
        "nfType": "O-CU-CP",
        "classes": {
            "standard": {"replicas": 1, "cpu": "2000m", "memory": "4Gi", "storage": "10Gi"},
            "high-throughput": {"replicas": 1, "cpu": "2000m", "memory": "4Gi", "storage": "10Gi"},
            "urllc": {"replicas": 1, "cpu": "2000m", "memory": "4Gi", "storage": "10Gi", "dedicatedCpu": True},
        },
    },
    "cu-up": {
        "nfType": "O-CU-UP",
        "classes": {
            "standard": {"replicas": 1, "cpu": "2000m", "memory": "4Gi", "storage": "10Gi"},
            "high-throughput": {"replicas": 1, "cpu": "4000m", "memory": "8Gi", "storage": "20Gi"},
            "urllc": {
                "replicas": 1,
                "cpu": "4000m",
                "memory": "8Gi",
                "storage": "20Gi",
                "dedicatedCpu": True,
                "hugepages-1Gi": "2Gi",
            },
        },
    },
    "du": {
        "nfType": "O-DU",
        "classes": {
            "standard": {"replicas": 1, "cpu": "2000m", "memory": "4Gi", "storage": "20Gi"},
            "high-throughput": {"replicas": 1, "cpu": "4000m", "memory": "8Gi", "storage": "30Gi"},
            "urllc": {
                "replicas": 1,
                "cpu": "8000m",
                "memory": "16Gi",
                "storage": "30Gi",
                "dedicatedCpu": True,
                "hugepages-1Gi": "8Gi",
            },
        },
    },
    "ru": {
        "nfType": "O-RU",
        "classes": {
            "standard": {"replicas": 1, "cpu": "1000m", "memory": "2Gi", "storage": "5Gi"},
            "high-throughput": {"replicas": 1, "cpu": "2000m", "memory": "4Gi", "storage": "5Gi"},
            "urllc": {
                "replicas": 1,
                "cpu": "2000m",
                "memory": "4Gi",
                "storage": "5Gi",
                "dedicatedCpu": True,
                "hugepages-2Mi": "1Gi",
            },
        },
    },
}

# First matching rule wins; a component a rule does not list stays `standard`.
# `atMost`/`atLeast` compare the intent's threshold, in the metric's unit.
CLASS_RULES: list[dict] = [
    {"class": "urllc", "metric": "latency_p95_ms", "atMost": 1, "components": ["cu-up", "du", "ru"]},
    {"class": "urllc", "metric": "success_rate", "atLeast": 0.99999, "components": ["cu-up", "du", "ru"]},
    {"class": "high-throughput", "metric": "throughput_p95_mbps", "atLeast": 1000, "components": ["du"]},
]

# Metric -> unit, the intent target names it measures (exact names first, then
# case-insensitive globs) and its PromQL template.  Placeholders: ${cluster},
# ${window} (measurementWindow), ${step} (evaluationPeriod), ${rateWindow} (four scrape
# intervals), ${provisioningRequest}, ${intent}, ${revision} (the pods' krm.oran-intent.io/revision).
# Every selector selects the revision, so a value never mixes in the previous revision's pods.
_OF = 'cluster="${cluster}",krm_oran_intent_io_revision="${revision}"'
METRICS: dict[str, dict] = {
    "latency_p95_ms": {
        "unit": "ms",
        "targetNames": ["DlLatency", "UlLatency", "*latency*"],
        "query": (
            "1000 * histogram_quantile(0.95, sum by (le) "
            "(rate(request_duration_seconds_bucket{" + _OF + "}[${window}])))"
        ),
    },
    "throughput_p95_mbps": {
        "unit": "Mbps",
        "targetNames": ["DlThptPerUE", "UlThptPerUE", "*throughput*", "*thpt*"],
        "query": (
            "quantile_over_time(0.95, (sum(rate(bytes_transferred_total{" + _OF + "}[${rateWindow}])) * 8 / 1000000)"
            "[${window}:${step}])"
        ),
    },
    "success_rate": {
        "unit": "ratio",
        "targetNames": ["*reliability*", "*success*"],
        "query": (
            "sum(rate(requests_total{" + _OF + ',status=~"2.."}[${window}])) '
            "/ sum(rate(requests_total{" + _OF + "}[${window}]))"
        ),
    },
    "availability_ratio": {
        "unit": "ratio",
        "targetNames": ["*availability*"],
        "query": "avg(avg_over_time(up{" + _OF + "}[${window}]))",
    },
}

# Objectives every assurance plan gets unless the intent already targets the metric.
DEFAULT_OBJECTIVES: list[dict] = [{"metric": "success_rate", "operator": ">=", "threshold": 0.995}]
