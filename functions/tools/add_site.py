"""Add a site to a package: its Nephio WorkloadCluster and its SiteNetworkPlan, in one file.

    oran-add-site PKG --site SITE --vlan N --subnet CIDR [--gateway IP] [--cluster NAME]
                  [--site-type TYPE] [--region REGION] [--master-interface IF] [--cni CNI] [--render]

28312-to-pr places an intent's network functions only on clusters it finds in the
package's inventory, on the VLAN and subnet of the cluster's SiteNetworkPlan.  A new
site therefore needs both; this writes them next to the package's other
WorkloadClusters (or into `inventory/`) as `<cluster>.yaml`, local-config.

The cluster is `<site-type>-cluster-<site>` (`edge-cluster-us-east-1`) unless --cluster
names it; its `nephio.org/region` label is the site unless --region says otherwise.  The
gateway defaults to the subnet's first address.  Nothing is guessed about the network:
VLAN and subnet are given.  With --render the package is rendered afterwards (exec
functions) and the file is removed again if the render fails.
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROG = "oran-add-site"
DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
LABEL_VALUE = re.compile(r"^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")
IFNAMSIZ = 15  # longest Linux interface name; the VLAN sub-interface is <master>.<vlan>
WORKLOAD_CLUSTER = ("infra.nephio.org/v1alpha1", "WorkloadCluster")
NETWORK_PLAN = ("fn.oran-intent.io/v1alpha1", "SiteNetworkPlan")


class Refused(Exception):
    """The site cannot be added as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Site:
    cluster: str
    region: str
    site_type: str
    vlan: int
    subnet: str
    gateway: str
    master_interface: str
    cni: str


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=PROG, description="Add a site's WorkloadCluster and SiteNetworkPlan to a kpt package.")
    p.add_argument("package", metavar="PKG", help="kpt package directory (has a Kptfile)")
    p.add_argument("--site", required=True, help="site name, e.g. us-east-1")
    p.add_argument("--vlan", required=True, type=int, help="RAN VLAN of the site (1-4094)")
    p.add_argument("--subnet", required=True, help="RAN subnet of the site in CIDR form, e.g. 10.120.0.0/24")
    p.add_argument("--gateway", help="gateway in the subnet (default: its first address)")
    p.add_argument("--cluster", help="cluster name (default: <site-type>-cluster-<site>)")
    p.add_argument("--site-type", default="edge", help="nephio.org/site-type label (default: edge)")
    p.add_argument("--region", help="nephio.org/region label (default: the site)")
    p.add_argument("--master-interface", default="eth1", help="node interface the VLAN rides on (default: eth1)")
    p.add_argument("--cni", default="macvlan", help="CNI the cluster offers for the RAN attachments (default: macvlan)")
    p.add_argument("--render", action="store_true", help="render the package afterwards; undo the addition if that fails")
    return p


def site_from(args: argparse.Namespace) -> Site:
    cluster = args.cluster or f"{args.site_type}-cluster-{args.site}"
    region = args.region or args.site
    for what, value in (("cluster name", cluster), ("site type", args.site_type), ("CNI", args.cni)):
        if len(value) > 63 or not DNS_LABEL.match(value):
            raise Refused(f"{what} {value!r} is not a DNS label (lower-case letters, digits and '-', at most 63 characters)")
    if len(region) > 63 or not LABEL_VALUE.match(region):
        raise Refused(f"region {region!r} is not a Kubernetes label value")
    if not 1 <= args.vlan <= 4094:
        raise Refused(f"VLAN {args.vlan} is outside 1-4094")
    subnet = network(args.subnet)
    gateway = gateway_in(subnet, args.gateway)
    interface = args.master_interface
    if not interface or len(f"{interface}.{args.vlan}") > IFNAMSIZ or any(c in interface for c in "/ \t:."):
        raise Refused(f"master interface {interface!r}: {interface}.{args.vlan} must be a Linux interface name of at most {IFNAMSIZ} characters")
    return Site(cluster, region, args.site_type, args.vlan, str(subnet), str(gateway), interface, args.cni)


def network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    try:
        return ipaddress.ip_network(text, strict=True)
    except ValueError:
        pass
    try:
        proposed = ipaddress.ip_network(text, strict=False)
    except ValueError:
        raise Refused(f"subnet {text!r} is not a network in CIDR form, e.g. 10.120.0.0/24") from None
    raise Refused(f"subnet {text} has host bits set: the network is {proposed}")


def gateway_in(subnet: Any, text: str | None) -> Any:
    if subnet.num_addresses < 4:
        raise Refused(f"subnet {subnet} is too small for a gateway and the network functions' addresses")
    if text is None:
        return subnet.network_address + 1
    try:
        gateway = ipaddress.ip_address(text)
    except ValueError:
        raise Refused(f"gateway {text!r} is not an IP address") from None
    reserved = {subnet.network_address} | ({subnet.broadcast_address} if subnet.version == 4 else set())
    if gateway not in subnet or gateway in reserved:
        raise Refused(f"gateway {gateway} is not a host address of {subnet}")
    return gateway


def scalar(value: str) -> str:
    """value as a plain YAML scalar, quoted where YAML would read it as something else (`true`, `123`, `1e3`)."""
    from ruamel.yaml import YAML

    return value if YAML(typ="safe").load(value) == value else f'"{value}"'


def manifest(site: Site) -> str:
    cluster, region, site_type, cni, interface, subnet, gateway = (
        scalar(v) for v in (site.cluster, site.region, site.site_type, site.cni, site.master_interface, site.subnet, site.gateway)
    )
    return f"""\
# Site {cluster}: the cluster 28312-to-pr may place network functions on, and its RAN network.
apiVersion: infra.nephio.org/v1alpha1
kind: WorkloadCluster
metadata:
  name: {cluster}
  labels:
    nephio.org/region: {region}
    nephio.org/site-type: {site_type}
  annotations:
    config.kubernetes.io/local-config: "true"
spec:
  clusterName: {cluster}
  cnis:
  - {cni}
  masterInterface: {interface}
---
apiVersion: fn.oran-intent.io/v1alpha1
kind: SiteNetworkPlan
metadata:
  name: {cluster}
  annotations:
    config.kubernetes.io/local-config: "true"
spec:
  clusterName: {cluster}
  vlan: {site.vlan}
  subnet: {subnet}
  gateway: {gateway}
"""


def inventory(package: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Every WorkloadCluster and SiteNetworkPlan of the package (its own files, hidden folders skipped)."""
    from ruamel.yaml import YAML

    loader = YAML(typ="safe")
    found = []
    for path in sorted(package.rglob("*.y*ml")):
        relative = path.relative_to(package)
        if any(part.startswith(".") for part in relative.parts) or path.suffix not in (".yaml", ".yml"):
            continue
        try:
            documents = list(loader.load_all(path.read_text()))
        except Exception:  # not this tool's to judge: the render reports unreadable files
            continue
        for doc in documents:
            if isinstance(doc, dict) and (doc.get("apiVersion"), doc.get("kind")) in (WORKLOAD_CLUSTER, NETWORK_PLAN):
                found.append((relative, doc))
    return found


def destination(package: Path, site: Site, existing: list[tuple[Path, dict[str, Any]]]) -> Path:
    taken = []
    for relative, doc in existing:
        spec = doc.get("spec") if isinstance(doc.get("spec"), dict) else {}
        if site.cluster in ((doc.get("metadata") or {}).get("name"), spec.get("clusterName")):
            taken.append(f"{doc['kind']} in {relative.as_posix()}")
    if taken:
        raise Refused(f"{site.cluster} is already in the package ({', '.join(taken)}): edit it there, or choose another --site/--cluster")
    clusters = [relative for relative, doc in existing if (doc.get("apiVersion"), doc.get("kind")) == WORKLOAD_CLUSTER]
    folder = package / (clusters[0].parent if clusters else Path("inventory"))
    path = folder / f"{site.cluster}.yaml"
    if path.exists():
        raise Refused(f"{path.relative_to(package)} exists already")
    return path


def add(package: Path, site: Site) -> Path:
    path = destination(package, site, inventory(package))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(manifest(site))
    return path


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    package = Path(args.package)
    if not (package / "Kptfile").is_file():
        sys.stderr.write(f"{PROG}: {args.package} is not a kpt package (no Kptfile)\n")
        return 1
    try:
        site = site_from(args)
        path = add(package, site)
    except Refused as refused:
        sys.stderr.write(f"{PROG}: {refused}\n")
        return 1
    shown = path.relative_to(package).as_posix()
    print(f"{PROG}: wrote {shown}: WorkloadCluster {site.cluster} ({site.site_type}, region {site.region}), "
          f"SiteNetworkPlan VLAN {site.vlan} {site.subnet} via {site.gateway} on {site.master_interface}")
    if args.render:
        from . import render

        sys.stdout.flush()  # before kpt's output

        code = render.main([str(package)])
        if code != 0:
            path.unlink()
            sys.stderr.write(f"{PROG}: the render failed, so {shown} was removed again; the package is as it was\n")
            return code
    print(f"Next: name {site.cluster} in an intent's expectationTargets (targetName), or match it with a pattern such as "
          f"edge-cluster-*, and render the package.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
