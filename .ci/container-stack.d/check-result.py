#!/usr/bin/env python3
"""Checks a job that `submit ... --json` printed, and prints one line saying what it found.

Usage: check-result.py pi|sweep FILE
Exits 1 with the failed check's message when the job is not what the CI step submitted and expects.
"""
import json
import math
import sys


def pi(job):
    r = job["result"]
    assert job["state"] == "succeeded", job["state"]
    assert job["tasks"]["total"] == 20 == job["tasks"]["succeeded"], job["tasks"]
    assert r["samples"] == 200_000_000 and r["tasks"] == 20 and r["seed"] == 7, r
    assert abs(r["estimate"] - 4 * r["inside"] / r["samples"]) < 1e-12, "the estimate is not 4 inside / samples"
    assert abs(r["estimate"] - math.pi) < 5 * r["stdError"], f"{r['estimate']} is over 5 standard errors from pi"
    return (f"pi job {job['id']}: {r['estimate']:.6f} ± {r['stdError']:.6f}, 20/20 tasks succeeded,"
            f" {r['runners']} runner(s)")


def sweep(job):
    cells = job["result"]["cells"]
    assert job["state"] == "succeeded", job["state"]
    assert job["tasks"]["total"] == 12 == job["tasks"]["succeeded"], job["tasks"]
    assert len(cells) == 4 and min(c["rank"] for c in cells) == 1, "not 4 cells ranked from 1"
    assert all(len(c["scores"]) == 3 and 0.5 < c["meanScore"] <= 1 for c in cells), "a cell's scores are off"
    best = min(cells, key=lambda c: c["rank"])
    return f"sweep {job['id']}: 4 cells x 3 folds succeeded, best {best['params']} at {best['meanScore']:.4f}"


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    try:
        with open(path) as f:
            print({"pi": pi, "sweep": sweep}[kind](json.load(f)))
    except (AssertionError, KeyError, ValueError) as e:
        sys.exit(f"{type(e).__name__}: {e}")
