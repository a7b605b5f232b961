#!/usr/bin/env python3
"""Writes rendered Kubernetes objects (kubectl kustomize k8s/overlays/dev) as `podman kube play` (podman 4.3,
Debian 12's) can run them, and says what it changed and what it cannot run.

Usage: adapt-kube.py RENDERED OUT_DIR SCATTER_IMAGE REDIS_IMAGE HOST_PORTS

HOST_PORTS: free ports of the host's loopback, comma-separated, at least one for each containerPort.
Writes, in OUT_DIR:
  PART.yaml          one file per workload, to play one at a time (runner, redis, sweep: the workload's name
                     without "scatter-"), with the ConfigMaps and volume claims it uses;
  secrets/NAME.json  each Secret's data, to create with `podman secret create NAME FILE` before playing;
  ports              a line "POD/PORT-NAME HOST-PORT" for each port published.
Prints the runner Deployment's terminationGracePeriodSeconds; the changes go to stderr, one line each.
docs/deploy.md lists them with their reasons.
"""
import base64
import json
import os
import re
import sys

import yaml

NOT_PLAYED = ("Namespace", "Service", "PodDisruptionBudget")


def say(text):
    print(f"adapted for kube play: {text}", file=sys.stderr)


def pod_of(workload):
    """The Pod that a workload's template describes, named as the workload."""
    template = workload["spec"]["template"]
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": workload["metadata"]["name"], "labels": template["metadata"].get("labels", {}),
                     "annotations": template["metadata"].get("annotations", {})},
        "spec": template["spec"],
    }


def pod_spec(o):
    return o["spec"] if o["kind"] == "Pod" else o["spec"]["template"]["spec"]


def containers(spec):
    return spec.get("initContainers", []) + spec.get("containers", [])


VAR = re.compile(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def expand(text, values):
    """Kubernetes' $(VAR) expansion: a defined variable's value; $$ for a literal $; anything else as it is."""
    def one(m):
        return "$" if m.group(0) == "$$" else values.get(m.group(1), m.group(0))
    return VAR.sub(one, text)


def expand_references(pod_name, spec, secrets):
    """Puts in the values of $(VAR) references in env values, command and args, as the kubelet does."""
    for c in containers(spec):
        before = json.dumps([c.get("env"), c.get("command"), c.get("args")])
        values = {}
        for e in c.get("env", []):
            if "value" in e:
                e["value"] = expand(e["value"], values)
                values[e["name"]] = e["value"]
                continue
            source = e.get("valueFrom", {})
            if source.get("fieldRef", {}).get("fieldPath") == "metadata.name":
                values[e["name"]] = pod_name
            elif "secretKeyRef" in source:
                ref = source["secretKeyRef"]
                values[e["name"]] = base64.b64decode(secrets[ref["name"]][ref["key"]]).decode()
        for key in ("command", "args"):
            if key in c:
                c[key] = [expand(word, values) for word in c[key]]
        if json.dumps([c.get("env"), c.get("command"), c.get("args")]) != before:
            say(f"$(VAR) references of container {c['name']} in pod {pod_name} filled in beforehand:"
                " podman 4.3 passes them on as written (the runner would log in with the password '$(REDIS_PASSWORD)')")


def config_maps_used(spec):
    names = {v["configMap"]["name"] for v in spec.get("volumes", []) if "configMap" in v}
    for c in containers(spec):
        names |= {e["valueFrom"]["configMapKeyRef"]["name"] for e in c.get("env", [])
                  if "configMapKeyRef" in e.get("valueFrom", {})}
        names |= {e["configMapRef"]["name"] for e in c.get("envFrom", []) if "configMapRef" in e}
    return names


def main(rendered, out_dir, scatter_image, redis_image, host_ports):
    with open(rendered) as f:
        objects = [o for o in yaml.safe_load_all(f) if o]
    free_ports = [int(p) for p in host_ports.split(",") if p]
    config_maps = {o["metadata"]["name"]: o for o in objects if o["kind"] == "ConfigMap"}
    secrets = {}
    parts = {}  # part name -> [objects]
    grace = 30
    for o in objects:
        kind, name = o["kind"], o["metadata"]["name"]
        part = name.removeprefix("scatter-")
        if kind in NOT_PLAYED:
            say(f"not run: {kind} {name}: podman kube play has no such object")
        elif kind == "ConfigMap":
            pass  # goes with the workloads that use it
        elif kind == "Secret":
            # podman 4.3 plays a Secret into a podman secret holding the whole object as YAML, but reads a
            # secretKeyRef's secret as a JSON map of keys to base64 values (the object's data alone), and fails.
            data = dict(o.get("data", {}))
            for key, value in o.get("stringData", {}).items():
                data[key] = base64.b64encode(value.encode()).decode()
            secrets[name] = data
            os.makedirs(os.path.join(out_dir, "secrets"), exist_ok=True)
            with open(os.path.join(out_dir, "secrets", name + ".json"), "w") as f:
                json.dump(data, f)
            say(f"Secret {name} made a podman secret beforehand from its data in JSON: podman 4.3 stores a played"
                " Secret as the whole object in YAML, then reads it back as data in JSON and fails")
        elif kind == "StatefulSet":
            pod = pod_of(o)
            claims = []
            for claim in o["spec"].get("volumeClaimTemplates", []):
                claim_name = f"{claim['metadata']['name']}-{name}-0"
                claims.append({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                               "metadata": {"name": claim_name}, "spec": claim["spec"]})
                pod["spec"].setdefault("volumes", []).append(
                    {"name": claim["metadata"]["name"], "persistentVolumeClaim": {"claimName": claim_name}})
            say(f"StatefulSet {name} run as its pod, named {name} (its Service's name, which the other pods"
                " resolve on the network), its volume claim template a PersistentVolumeClaim: podman 4.3 plays no"
                " StatefulSet")
            parts[part] = claims + [pod]
        elif kind == "Job":
            say(f"Job {name} run as its pod (restartPolicy Never): podman 4.3 plays no Job")
            parts[part] = [pod_of(o)]
        elif kind in ("Deployment", "Pod"):
            if kind == "Deployment":
                grace = pod_spec(o).get("terminationGracePeriodSeconds", grace)
            parts[part] = [o]
        else:
            say(f"not run: {kind} {name}: podman kube play has no such object")

    ports = []
    for part, objs in parts.items():
        used = set()
        for o in objs:
            if o["kind"] not in ("Pod", "Deployment"):
                continue
            # podman 4.3 names a Deployment's (single) pod NAME-pod-0.
            pod_name = o["metadata"]["name"] + ("-pod-0" if o["kind"] == "Deployment" else "")
            spec = pod_spec(o)
            expand_references(pod_name, spec, secrets)
            for c in containers(spec):
                for port in c.get("ports", []):
                    if "hostPort" in port:
                        continue
                    if not free_ports:
                        sys.exit("adapt-kube.py: fewer HOST_PORTS than containerPorts")
                    port["hostIP"] = "127.0.0.1"
                    port["hostPort"] = free_ports.pop(0)
                    ports.append(f"{pod_name}/{port.get('name', port['containerPort'])} {port['hostPort']}")
                    say(f"containerPort {port['containerPort']} of pod {pod_name} published on 127.0.0.1:"
                        f"{port['hostPort']}: podman 4.3 publishes a containerPort without hostPort on the same"
                        " port of every address of the host (clashing with a Redis already there)")
                image = c["image"]
                if image.split("@")[0].rsplit(":", 1)[0] == "redis":
                    c["image"] = redis_image
                elif image.rsplit(":", 1)[0] == "scatter":
                    c["image"] = scatter_image
                if c["image"] != image:
                    say(f"image {image} -> {c['image']} in pod {pod_name}: no registry can be reached")
            used |= config_maps_used(spec)
        objs[:0] = [config_maps[n] for n in sorted(used)]

    for part, objs in parts.items():
        with open(os.path.join(out_dir, part + ".yaml"), "w") as f:
            yaml.safe_dump_all(objs, f, sort_keys=False)
    with open(os.path.join(out_dir, "ports"), "w") as f:
        f.write("".join(line + "\n" for line in ports))
    print(grace)


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit("usage: adapt-kube.py RENDERED OUT_DIR SCATTER_IMAGE REDIS_IMAGE HOST_PORTS")
    main(*sys.argv[1:])
