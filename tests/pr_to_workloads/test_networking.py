"""Services named after interfaces, one NAD per attachment on the PR's VLAN, and least-privilege NetworkPolicies."""

import ipaddress
import json

from .helpers import EDGE_NFS, config, pr, run

NET = ipaddress.ip_network("192.168.100.0/24")


def service_ports(result, name):
    return [(p["name"], p["protocol"], p["port"]) for p in result.get("Service", name)["spec"]["ports"]]


def test_services_carry_the_standard_ports_and_protocols():
    result = run(pr())
    assert service_ports(result, "cu-cp-f1c") == [("f1c", "SCTP", 38472)]
    assert service_ports(result, "cu-cp-e1") == [("e1", "SCTP", 38462)]
    assert service_ports(result, "cu-up-n3") == [("n3", "UDP", 2152)]
    assert service_ports(result, "cu-up-f1u") == [("f1u", "UDP", 2152)]
    assert service_ports(result, "du-f1u") == [("f1u", "UDP", 2152)]


def test_only_listening_ends_get_services():
    names = {s["metadata"]["name"] for s in run(pr()).kinds("Service")}
    assert names == {"cu-cp-e1", "cu-cp-f1c", "cu-up", "cu-up-f1u", "cu-up-n3", "du", "du-f1u"}


def test_interfaces_sharing_a_port_share_one_container_port():
    result = run(pr())
    ports = result.get("StatefulSet", "cu-up")["spec"]["template"]["spec"]["containers"][0]["ports"]
    assert {"containerPort": 2152, "name": "f1u-n3", "protocol": "UDP"} in ports
    assert result.get("Service", "cu-up-n3")["spec"]["ports"][0]["targetPort"] == "f1u-n3"


def nad_config(result, name):
    return json.loads(result.get("NetworkAttachmentDefinition", name)["spec"]["config"])


def test_each_attachment_is_a_macvlan_nad_on_the_vlan_subinterface_with_a_static_address():
    result = run(pr())
    nads = result.kinds("NetworkAttachmentDefinition")
    assert sorted(n["metadata"]["name"] for n in nads) == [
        "cu-cp-e1", "cu-cp-f1c", "cu-cp-n2", "cu-up-e1", "cu-up-f1u", "cu-up-n3", "du-f1c", "du-f1u"]
    addresses = []
    for nad in nads:
        cni = json.loads(nad["spec"]["config"])
        plugin = cni["plugins"][0]
        assert (plugin["type"], plugin["master"], plugin["mode"]) == ("macvlan", "eth1.100", "bridge")
        assert plugin["ipam"]["type"] == "static"
        (entry,) = plugin["ipam"]["addresses"]
        assert entry["gateway"] == "192.168.100.1"
        interface = ipaddress.ip_interface(entry["address"])
        assert interface.network == NET
        assert interface.ip not in (NET.network_address, NET.broadcast_address, ipaddress.ip_address("192.168.100.1"))
        addresses.append(interface.ip)
    assert len(set(addresses)) == len(addresses)


def test_pods_request_their_attachments_by_interface_name():
    annotations = run(pr()).get("StatefulSet", "du")["spec"]["template"]["metadata"]["annotations"]
    assert json.loads(annotations["k8s.v1.cni.cncf.io/networks"]) == [
        {"interface": "f1c", "name": "du-f1c"}, {"interface": "f1u", "name": "du-f1u"}]


def test_several_replicas_share_a_whereabouts_range_of_exactly_their_addresses():
    nfs = [dict(EDGE_NFS[2], replicas=2, resources={"cpu": "2", "memory": "4Gi", "storage": "15Gi"}), *EDGE_NFS[:2]]
    ipam = nad_config(run(pr(networkFunctions=nfs)), "du-f1u")["plugins"][0]["ipam"]
    assert ipam["type"] == "whereabouts" and ipam["range"] == "192.168.100.0/24"
    start, end = ipaddress.ip_address(ipam["range_start"]), ipaddress.ip_address(ipam["range_end"])
    assert int(end) - int(start) + 1 == 2


def test_a_block_around_a_reserved_address_excludes_it():
    nfs = [dict(EDGE_NFS[2], replicas=2, resources={"cpu": "2", "memory": "4Gi", "storage": "15Gi"}), *EDGE_NFS[:2]]
    result = run(pr(networkFunctions=nfs), function_config=config(reservedAddresses=["192.168.100.11"]))
    ipam = nad_config(result, "du-f1u")["plugins"][0]["ipam"]
    assert (ipam["range_start"], ipam["range_end"], ipam["exclude"]) == ("192.168.100.10", "192.168.100.12", ["192.168.100.11/32"])


def test_vlan_and_ipvlan_plugins_can_be_chosen():
    vlan = nad_config(run(pr(), function_config=config(cniType="vlan")), "du-f1u")["plugins"][0]
    assert (vlan["type"], vlan["master"], vlan["vlanId"]) == ("vlan", "eth1", 100)
    ipvlan = nad_config(run(pr(), function_config=config(cniType="ipvlan")), "du-f1u")["plugins"][0]
    assert (ipvlan["type"], ipvlan["master"], ipvlan["mode"]) == ("ipvlan", "eth1.100", "l2")


def test_a_missing_master_interface_takes_the_configured_default():
    network = {"vlan": 200, "subnet": "10.20.0.0/24", "gateway": "10.20.0.254"}
    result = run(pr(networkConfig=network), function_config=config(defaultMasterInterface="ens1f0"))
    assert nad_config(result, "du-f1u")["plugins"][0]["master"] == "ens1f0.200"
    assert nad_config(result, "cu-cp-e1")["plugins"][0]["ipam"]["addresses"][0]["address"] == "10.20.0.1/24"


def test_the_namespace_denies_all_traffic_by_default():
    policy = run(pr()).get("NetworkPolicy", "default-deny")
    assert policy["spec"] == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}


def selector_of(result, name):
    return result.get("StatefulSet" if name != "cu-cp" else "Deployment", name)["spec"]["selector"]["matchLabels"]


def test_ingress_is_open_only_to_the_peers_of_each_listening_interface():
    result = run(pr())
    ingress = result.get("NetworkPolicy", "cu-cp")["spec"]["ingress"]
    assert {"from": [{"podSelector": {"matchLabels": selector_of(result, "du")}}],
            "ports": [{"port": 38472, "protocol": "SCTP"}]} in ingress
    assert {"from": [{"podSelector": {"matchLabels": selector_of(result, "cu-up")}}],
            "ports": [{"port": 38462, "protocol": "SCTP"}]} in ingress
    assert len(ingress) == 2


def test_egress_is_open_only_to_peers_listening_ports_and_dns():
    result = run(pr())
    egress = result.get("NetworkPolicy", "du")["spec"]["egress"]
    assert {"ports": [{"port": 38472, "protocol": "SCTP"}],
            "to": [{"podSelector": {"matchLabels": selector_of(result, "cu-cp")}}]} in egress
    dns = egress[-1]
    assert dns["ports"] == [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}]
    assert dns["to"][0]["namespaceSelector"] == {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}}
    assert not [rule for rule in egress if any("ipBlock" in peer for peer in rule["to"])]


def test_configured_external_peers_are_reachable_on_their_interface_port_only():
    result = run(pr(), function_config=config(egressCidrs={"n2": ["10.0.0.0/24"]}))
    egress = result.get("NetworkPolicy", "cu-cp")["spec"]["egress"]
    assert {"ports": [{"port": 38412, "protocol": "SCTP"}], "to": [{"ipBlock": {"cidr": "10.0.0.0/24"}}]} in egress
    assert not [r for r in result.get("NetworkPolicy", "du")["spec"]["egress"] if any("ipBlock" in p for p in r["to"])]


def renamed(**names: str) -> list[dict]:
    nfs = json.loads(json.dumps(EDGE_NFS))
    for nf in nfs:
        nf["name"] = names.get(nf["name"].replace("-", "_"), nf["name"])
    return nfs


def test_a_governing_service_and_an_interface_service_that_read_alike_are_told_apart():
    """du's F1-U Service and the governing Service of a StatefulSet NF named du-f1u would both be du-f1u."""
    result = run(pr(networkFunctions=renamed(cu_up="du-f1u")))
    assert result.code == 0, result.errors()
    services = {s["metadata"]["name"] for s in result.kinds("Service")}
    assert len(result.kinds("Service")) == len(services) == 7
    governing = result.get("StatefulSet", "du-f1u")["spec"]["serviceName"]
    assert governing.startswith("du-f1u-") and governing in services
    assert result.get("Service", governing)["spec"]["clusterIP"] == "None"
    of_du = [s["metadata"]["name"] for s in result.kinds("Service") if s["spec"]["selector"]["app.kubernetes.io/instance"] == "du"]
    du_f1u = next(n for n in of_du if n != "du")
    assert du_f1u.startswith("du-f1u-") and du_f1u != governing
    peers = json.loads(result.get("ConfigMap", "du-f1u-config")["data"]["nf.json"])
    f1u = next(i for i in peers["interfaces"] if i["name"] == "f1u")
    assert [p["service"] for p in f1u["peers"] if p["nf"] == "du"] == [f"{du_f1u}.{result.get('Namespace', peers['nf']['provisioningRequest'])['metadata']['name']}.svc"]


def test_an_nf_named_default_deny_keeps_the_namespace_default_deny_policy():
    result = run(pr(networkFunctions=renamed(cu_cp="default-deny")))
    assert result.code == 0, result.errors()
    policies = {p["metadata"]["name"]: p for p in result.kinds("NetworkPolicy")}
    assert policies["default-deny"]["spec"] == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    own = [p for name, p in policies.items() if name.startswith("default-deny-")]
    assert len(own) == 1 and own[0]["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/instance"] == "default-deny"


def test_an_interface_named_like_the_probe_port_gets_a_port_name_of_its_own():
    interfaces = [{"name": "health", "protocol": "TCP", "port": 9000, "listens": True}, {"name": "f1u", "protocol": "UDP", "port": 2152, "listens": True}]
    result = run(pr(), function_config=config(catalog={"O-DU": {"interfaces": interfaces}}))
    assert result.code == 0, result.errors()
    du = result.get("StatefulSet", "du")["spec"]["template"]["spec"]["containers"][0]
    names = [p["name"] for p in du["ports"]]
    assert len(set(names)) == len(names) and "health" in names
    assert du["livenessProbe"]["httpGet"]["port"] == "health"
    health_service = result.get("Service", "du-health")["spec"]["ports"][0]
    assert health_service["targetPort"].startswith("health-") and health_service["targetPort"] in names
    assert all(len(n) <= 15 for n in names)
