#!/usr/bin/python3
"""Makes reference.json: scikit-learn's cross-validated SVC accuracy on demo:rgba, per grid cell.

    /usr/bin/python3 submitter/src/test/resources/sweep-reference/make_reference.py

Needs Debian's python3-sklearn (apt-get install python3-sklearn); run with /usr/bin/python3. SweepReferenceTest
runs the same sweeps through Scatter and checks every cell's mean accuracy against this table (within 0.005), so
the test needs no Python. Same data (rgba.py generates demo:rgba byte for byte), same folds (Scatter's fold
assignment, computed by rgba.py and given to scikit-learn as a PredefinedSplit), same grid in the same order
(scikit-learn's ParameterGrid order, which Scatter follows).
"""

import json
import os
import sys

import numpy as np
import sklearn
from sklearn.model_selection import GridSearchCV, PredefinedSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

import rgba

ROWS = 1000
FOLDS = 5
SEED = 0

# Each sweep: the --param options Scatter gets, the same grid for scikit-learn, and whether features are scaled.
SWEEPS = [
    {
        "name": "the issue's grid",
        "params": ["kernel=rbf,poly", "C=0.001,0.025,2.5,5,10"],
        "grid": [{"kernel": ["rbf", "poly"], "C": [0.001, 0.025, 2.5, 5, 10]}],
        "scale": False,
    },
    {
        "name": "gamma numbers and auto",
        "params": ["kernel=rbf", "C=1,10", "gamma=0.1,1,10,auto"],
        "grid": [{"kernel": ["rbf"], "C": [1, 10], "gamma": [0.1, 1, 10, "auto"]}],
        "scale": False,
    },
    {
        "name": "linear and poly with degree and coef0",
        "params": ["kernel=linear,poly", "C=0.1,1", "degree=2,3", "coef0=0,1"],
        "grid": [{"kernel": ["linear", "poly"], "C": [0.1, 1], "degree": [2, 3], "coef0": [0, 1]}],
        "scale": False,
    },
    {
        "name": "linear, rbf and sigmoid, standardized",
        "params": ["kernel=linear,rbf,sigmoid", "C=0.1,1", "gamma=scale,0.5"],
        "grid": [{"kernel": ["linear", "rbf", "sigmoid"], "C": [0.1, 1], "gamma": ["scale", 0.5]}],
        "scale": True,
    },
]


def main():
    data = rgba.rgba_csv(ROWS)
    table = np.genfromtxt(data.decode("ascii").splitlines(), delimiter=",", names=True, dtype=None,
                          encoding="ascii")
    x = np.column_stack([table[c].astype(float) for c in ("r", "g", "b", "a")])
    labels = table["label"]
    classes = sorted(set(labels))
    y = np.array([classes.index(v) for v in labels])
    folds = rgba.stratified_folds(list(y), len(classes), FOLDS, SEED)

    sweeps = []
    for sweep in SWEEPS:
        model = make_pipeline(StandardScaler(), SVC()) if sweep["scale"] else SVC()
        prefix = "svc__" if sweep["scale"] else ""
        grid = [{prefix + k: v for k, v in g.items()} for g in sweep["grid"]]
        search = GridSearchCV(model, grid, cv=PredefinedSplit(folds), scoring="accuracy", n_jobs=1)
        search.fit(x, labels)
        results = search.cv_results_
        cells = []
        for i, params in enumerate(results["params"]):
            cells.append({
                "params": {k[len(prefix):]: v for k, v in params.items()},
                "meanScore": float(results["mean_test_score"][i]),
                "stdScore": float(results["std_test_score"][i]),
                "scores": [float(results[f"split{f}_test_score"][i]) for f in range(FOLDS)],
                "rank": int(results["rank_test_score"][i]),
            })
        sweeps.append({"name": sweep["name"], "params": sweep["params"], "scale": sweep["scale"],
                       "cells": cells, "bestIndex": int(search.best_index_)})

    reference = {
        "madeBy": "make_reference.py with scikit-learn " + sklearn.__version__ + ", numpy " + np.__version__,
        "data": "demo:rgba:%d" % ROWS,
        "dataSha256": rgba.sha256(data),
        "folds": FOLDS,
        "seed": SEED,
        "foldOfRow": folds,
        "sweeps": sweeps,
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
    with open(out, "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")
    for sweep in sweeps:
        print(sweep["name"])
        for c in sweep["cells"]:
            print("  %-45s %.4f ± %.4f  rank %d" % (c["params"], c["meanScore"], c["stdScore"], c["rank"]))
    print("wrote", out, file=sys.stderr)


if __name__ == "__main__":
    main()
