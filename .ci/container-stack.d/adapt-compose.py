#!/usr/bin/env python3
"""Writes docker-compose.yml as podman-compose 1.0.3 (Debian 12's) can run it, and says what it changed.

Usage: adapt-compose.py COMPOSE_FILE OUT_FILE REDIS_IMAGE REPLICAS

Only what podman-compose cannot read is changed; docs/deploy.md lists each change with its reason. What it
ignores without harm to the checks (profiles, depends_on conditions, stop_grace_period, name:) the CI step
makes up for on the command line instead, and also lists there. Prints the runner's stop_grace_period in seconds
on stdout (the step stops runners with it); the changes go to stderr.
"""
import os
import re
import sys

import yaml


def seconds(duration):
    """A Compose duration ('45s', '1m30s', '500ms') in whole seconds, rounded up."""
    units = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, "us": 0.000001}
    total = 0.0
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)(ms|us|h|m|s)", str(duration)):
        total += float(number) * units[unit]
    return max(1, int(-(-total // 1)))


def main(source, target, redis_image, replicas):
    with open(source) as f:
        compose = yaml.safe_load(f)
    services = compose["services"]
    repo = os.path.dirname(os.path.abspath(source))

    def change(what, why):
        print(f"adapted for podman-compose: {what}: {why}", file=sys.stderr)

    redis = services["redis"]
    change(f"redis image {redis['image']} -> {redis_image}", "no registry can be reached")
    redis["image"] = redis_image

    for name, service in services.items():
        if "build" in service:
            service["build"] = repo
            change(f"{name} build context -> {repo}", "the adapted file lives outside the repository")

    runner = services["runner"]
    runner.setdefault("deploy", {})["replicas"] = int(replicas)
    change(f"runner deploy.replicas: {replicas}", "podman-compose ignores --scale")

    test = runner["healthcheck"]["test"]
    if isinstance(test, list) and test and test[0] == "CMD":
        runner["healthcheck"]["test"] = " ".join(test[1:])
        change(f"runner healthcheck {test} -> '{runner['healthcheck']['test']}' (the same command, string form)",
               "with two replicas podman-compose consumes the list's CMD for the first and fails on the second")

    with open(target, "w") as f:
        yaml.safe_dump(compose, f, sort_keys=False)
    print(seconds(runner.get("stop_grace_period", "10s")))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__.strip().splitlines()[2])
    main(*sys.argv[1:])
