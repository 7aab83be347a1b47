"""Per-replica container resources that add up exactly to the PR's resourceRequirements.

- NFs that state a resource keep it; what the requirements leave is shared, by the catalog's
  split weights, among the NFs that do not (rounded to the coarsest grain that divides exactly).
- For cpu, memory and storage the total over NFs (replicas x per replica) must equal the
  requirement; for hugepages and extended resources it must when the requirement names them.
- Guaranteed-QoS NFs (dedicatedCpu, or a profile asking for it) need whole CPUs and memory.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, Mapping, Sequence

from oran_intent_krm.sdk import quantity

from .catalog import CU_PAIR, CU_PAIR_SUFFIX
from .params import PAIR, PARAMS, SPLIT_RESOURCES, NFRequest, Problems, PRParams

GRAINS = {
    "cpu": [Fraction(1), Fraction(1, 10), Fraction(1, 100), Fraction(1, 1000)],
    "memory": [Fraction(2**30), Fraction(2**20), Fraction(2**10), Fraction(1)],
    "storage": [Fraction(2**30), Fraction(2**20), Fraction(2**10), Fraction(1)],
}


@dataclass
class Sized:
    nf: NFRequest
    resources: dict[str, Fraction]  # per replica, complete
    guaranteed: bool
    node_selector: dict[str, str]


def split_exact(total: Fraction, weights: Sequence[int], replicas: Sequence[int], min_steps: Sequence[Fraction],
                grains: Sequence[Fraction]) -> list[Fraction] | None:
    """Per-replica amounts a_i with sum(replicas_i * a_i) == total, each a_i a multiple of its grain,
    close to total * w_i / sum(w); the coarsest grain that is at most a tenth of every share and makes
    the split exact wins.  None if none does."""
    weight_sum = sum(weights)
    if total == 0:
        return [Fraction(0)] * len(weights)
    if weight_sum <= 0 or total < 0:
        return None
    ideal = [total * w / weight_sum for w in weights]
    # A grain at most a tenth of every share keeps each part within 10 % of its ideal.
    smallest = min((i for i, m in zip(ideal, min_steps) if i > 0 and not m), default=None)
    usable = [g for g in grains if smallest is None or g * 10 <= smallest] or list(grains[-1:])
    for grain in usable:
        steps = [r * max(grain, m) for r, m in zip(replicas, min_steps)]
        given = [math.floor(i / s) * s for i, s in zip(ideal, steps)]
        left = total - sum(given)
        # Hand out whole steps, largest shortfall first, until nothing fits.
        order = sorted(range(len(weights)), key=lambda i: (-(ideal[i] - given[i]) / steps[i], i))
        progress = True
        while left > 0 and progress:
            progress = False
            for i in order:
                if weights[i] and steps[i] <= left:
                    given[i] += steps[i]
                    left -= steps[i]
                    progress = True
        if left == 0:
            return [g / r for g, r in zip(given, replicas)]
    return None


def expand_pairs(nfs: list[NFRequest], catalog: Mapping[str, Any], problems: Problems) -> list[NFRequest]:
    """An O-CU entry is the CU pair: `<name>-cp` (O-CU-CP) and `<name>-up` (O-CU-UP), its resources split by weight."""
    out: list[NFRequest] = []
    for nf in nfs:
        if nf.nf_type != PAIR:
            out.append(nf)
            continue
        halves = {t: {} for t in CU_PAIR}
        for key, amount in nf.resources.items():
            weights = [int(catalog[t]["split"].get(key, 1)) if key in SPLIT_RESOURCES else 1 for t in CU_PAIR]
            parts = split_exact(amount, weights, [1, 1], _min_steps(key, [nf.dedicated_cpu] * 2), GRAINS.get(key, [Fraction(1)]))
            if parts is None:
                problems.error(f"the CU pair's {key} cannot be divided exactly between CU-CP and CU-UP",
                               f"{nf.path}.resources.{key}", quantity.format_quantity(key, amount),
                               "an amount divisible by the catalog split, or separate O-CU-CP and O-CU-UP entries")
                continue
            for nf_type, part in zip(CU_PAIR, parts):
                halves[nf_type][key] = part
        for nf_type in CU_PAIR:
            out.append(replace(nf, name=f"{nf.name}-{CU_PAIR_SUFFIX[nf_type]}", nf_type=nf_type,
                               resources=halves[nf_type], pair_of=nf.name))
    seen: dict[str, NFRequest] = {}
    for nf in out:
        if nf.name in seen:
            problems.error(f"network function name {nf.name!r} is used twice", f"{nf.path}.name", nf.name,
                           f"a name unique within the PR (also used by {seen[nf.name].path})")
        seen.setdefault(nf.name, nf)
    return out


def _min_steps(key: str, guaranteed: Sequence[bool]) -> list[Fraction]:
    return [Fraction(1) if key == "cpu" and g else Fraction(0) for g in guaranteed]


def size(params: PRParams, catalog: Mapping[str, Any], profiles: Mapping[str, Any], problems: Problems) -> list[Sized]:
    nfs = params.nfs
    guaranteed = [nf.dedicated_cpu or bool(profiles[nf.performance_class].get("guaranteedQos")) for nf in nfs]
    per_replica = [dict(nf.resources) for nf in nfs]
    for index, nf in enumerate(nfs):
        for key, amount in (profiles[nf.performance_class].get("hugepages") or {}).get(nf.nf_type, {}).items():
            if key not in per_replica[index]:
                per_replica[index][key] = quantity.parse(amount)
    for key in sorted(set(params.requirements) | {k for r in per_replica for k in r}):
        _settle(key, params, nfs, per_replica, guaranteed, catalog, problems)
    for index, nf in enumerate(nfs):
        if guaranteed[index]:
            _check_guaranteed(nf, per_replica[index], problems)
    return [
        Sized(nf, per_replica[i], guaranteed[i], dict(profiles[nf.performance_class].get("nodeSelector") or {}))
        for i, nf in enumerate(nfs)
    ]


def _settle(key: str, params: PRParams, nfs, per_replica, guaranteed, catalog, problems: Problems) -> None:
    """Fill in `key` for NFs without it (split keys only) and check the exact sum."""
    required = params.requirements.get(key)
    stated = sum((nf.replicas * r[key] for nf, r in zip(nfs, per_replica) if key in r), Fraction(0))
    takers = [i for i, r in enumerate(per_replica) if key not in r]
    path = f"{PARAMS}.resourceRequirements.{key}"
    if required is None:
        if key in SPLIT_RESOURCES and stated:
            problems.error(f"networkFunctions request {key} but resourceRequirements has none", path, None,
                           quantity.format_quantity(key, stated))
        return
    if key not in SPLIT_RESOURCES or not takers:
        if stated != required:
            problems.error(
                f"networkFunctions add up to {quantity.format_quantity(key, stated)} {key}, "
                f"not the {quantity.format_quantity(key, required)} the PR requires",
                path, quantity.format_quantity(key, required), quantity.format_quantity(key, stated),
            )
        return
    left = required - stated
    if left < 0:
        problems.error(f"networkFunctions already request {quantity.format_quantity(key, stated)} {key}, more than required",
                       path, quantity.format_quantity(key, required), f">= {quantity.format_quantity(key, stated)}")
        return
    weights = [int(catalog[nfs[i].nf_type]["split"].get(key, 1)) for i in takers]
    parts = split_exact(left, weights, [nfs[i].replicas for i in takers], _min_steps(key, [guaranteed[i] for i in takers]),
                        GRAINS[key])
    if parts is None:
        names = ", ".join(nfs[i].name for i in takers)
        problems.error(f"the remaining {quantity.format_quantity(key, left)} {key} cannot be divided exactly among {names}",
                       path, quantity.format_quantity(key, required), f"explicit {key} for {names}")
        return
    for i, part in zip(takers, parts):
        per_replica[i][key] = part


def _check_guaranteed(nf: NFRequest, resources: Mapping[str, Fraction], problems: Problems) -> None:
    cpu = resources.get("cpu", Fraction(0))
    if cpu < 1 or cpu.denominator != 1:
        problems.error(f"{nf.name} needs Guaranteed QoS (dedicated CPUs), so its CPU must be whole cores",
                       f"{nf.path}.resources.cpu", quantity.format_cpu(cpu) if (cpu * 1000).denominator == 1 else str(cpu),
                       "a whole number of cores >= 1, e.g. 4 or 4000m")
    if resources.get("memory", Fraction(0)) <= 0:
        problems.error(f"{nf.name} needs Guaranteed QoS, so it needs a memory amount", f"{nf.path}.resources.memory", None,
                       "a memory quantity")
