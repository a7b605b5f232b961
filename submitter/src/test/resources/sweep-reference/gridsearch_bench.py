#!/usr/bin/python3
"""Times scikit-learn's GridSearchCV(n_jobs=2) on the sweep benchmark: the issue's 10-cell grid (kernel rbf, poly
x C 0.001, 0.025, 2.5, 5, 10), 5 folds, on demo:rgba, with the same folds Scatter makes (seed 0).

    /usr/bin/python3 submitter/src/test/resources/sweep-reference/gridsearch_bench.py [ROWS]

Compare the wall time of this whole command (`time`) with that of
    bin/submit sweep --data demo:rgba:ROWS --param kernel=rbf,poly --param C=0.001,0.025,2.5,5,10 --folds 5 \
        --seed 0 --local 2
Prints one line: the time of search.fit alone, and the best cell.
"""

import sys
import time

import numpy as np
from sklearn.model_selection import GridSearchCV, PredefinedSplit
from sklearn.svm import SVC

import rgba


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    data = rgba.rgba_csv(rows).decode("ascii").splitlines()[1:]
    x = np.array([[float(v) for v in line.split(",")[:4]] for line in data])
    labels = np.array([line.split(",")[4] for line in data])
    classes = sorted(set(labels))
    folds = rgba.stratified_folds([classes.index(v) for v in labels], len(classes), 5, 0)
    grid = {"kernel": ["rbf", "poly"], "C": [0.001, 0.025, 2.5, 5, 10]}
    search = GridSearchCV(SVC(), grid, cv=PredefinedSplit(folds), scoring="accuracy", n_jobs=2,
                          refit=False)  # Scatter does not refit the best cell on all the data: neither here
    start = time.perf_counter()
    search.fit(x, labels)
    fit = time.perf_counter() - start
    print("gridsearch fit %.3f s; best %s accuracy %.4f" % (fit, search.best_params_, search.best_score_))


if __name__ == "__main__":
    main()
