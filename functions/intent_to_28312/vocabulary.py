"""Common metric names mapped to TS 28.312 target names.

A metric the vocabulary knows has a quantity (so its unit can be checked), a
"better" direction (what a bare value such as `reliability: 99.999%` means) and,
where TS 28.312 Rel-18 defines one, the standard target name for each
direction.  Names without a standard target keep a stable generic name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oran_intent_krm.models import terms
from oran_intent_krm.sdk import units

DL, UL = "DL", "UL"
LOWER, HIGHER = "lower", "higher"


@dataclass(frozen=True)
class MetricTerm:
    """A word users write for a metric, and the TS 28.312 target names it stands for."""

    key: str  # the generic target name when no standard one exists
    dimension: str
    better: str
    standard: dict[str, str] = field(default_factory=dict)  # direction -> TS 28.312 targetName
    directions: tuple[str, ...] = ()  # fixed direction, or () for "the configured default"

    def target_names(self, default_directions: tuple[str, ...]) -> list[str]:
        if not self.standard:
            return [self.key]
        wanted = self.directions or default_directions
        return [self.standard[d] for d in (DL, UL) if d in wanted]


_LATENCY = {DL: "DlLatency", UL: "UlLatency"}
_THROUGHPUT = {DL: "DlThptPerUE", UL: "UlThptPerUE"}

METRICS = {
    "latency": MetricTerm("latency", units.TIME, LOWER, _LATENCY),
    "dl_latency": MetricTerm("latency", units.TIME, LOWER, _LATENCY, (DL,)),
    "ul_latency": MetricTerm("latency", units.TIME, LOWER, _LATENCY, (UL,)),
    "throughput": MetricTerm("throughput", units.DATA_RATE, HIGHER, _THROUGHPUT),
    "dl_throughput": MetricTerm("throughput", units.DATA_RATE, HIGHER, _THROUGHPUT, (DL,)),
    "ul_throughput": MetricTerm("throughput", units.DATA_RATE, HIGHER, _THROUGHPUT, (UL,)),
    "reliability": MetricTerm("reliability", units.RATIO, HIGHER),
    "availability": MetricTerm("availability", units.RATIO, HIGHER),
    "success_rate": MetricTerm("successRate", units.RATIO, HIGHER),
    "packet_loss": MetricTerm("packetLoss", units.RATIO, LOWER),
    "jitter": MetricTerm("jitter", units.TIME, LOWER),
}

ALIASES = {
    "latency": ["latency", "delay", "e2e_latency", "end_to_end_latency", "user_plane_latency", "packet_delay", "rtt"],
    "dl_latency": ["dl_latency", "downlink_latency", "latency_dl"],
    "ul_latency": ["ul_latency", "uplink_latency", "latency_ul"],
    "throughput": ["throughput", "thpt", "data_rate", "bitrate", "bit_rate", "user_throughput", "thpt_per_ue", "bandwidth"],
    "dl_throughput": ["dl_throughput", "downlink_throughput", "dl_thpt_per_ue", "throughput_dl", "dl_thpt"],
    "ul_throughput": ["ul_throughput", "uplink_throughput", "ul_thpt_per_ue", "throughput_ul", "ul_thpt"],
    "reliability": ["reliability"],
    "availability": ["availability", "uptime"],
    "success_rate": ["success_rate", "successrate"],
    "packet_loss": ["packet_loss", "packet_loss_rate", "packet_loss_ratio", "loss", "loss_rate", "plr"],
    "jitter": ["jitter", "delay_variation", "packet_delay_variation"],
}
_BY_ALIAS = {alias: METRICS[key] for key, aliases in ALIASES.items() for alias in aliases}
_DECORATION = re.compile(r"^(?:max|min|maximum|minimum|target)_|_(?:requirement|requirements|target|sla|slo|objective|bound)$")


def normalise(name: str) -> str:
    """`Latency Requirement`, `latency-requirement`, `DlLatency` -> `latency`, `dl_latency`."""
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name.strip())
    text = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    previous = None
    while previous != text:
        previous, text = text, _DECORATION.sub("", text)
    return text


# TS 28.312 Rel-18 target names (TS28312_IntentExpectations.yaml) written as such by the user.
_STANDARD = {name.lower(): name for name in terms.STANDARD_TARGETS}


def lookup(name: str) -> MetricTerm | None:
    return _BY_ALIAS.get(normalise(name))


def standard_target(name: str) -> str | None:
    """The standard spelling of a TS 28.312 target name other than the vocabulary's."""
    return _STANDARD.get(name.strip().lower())
