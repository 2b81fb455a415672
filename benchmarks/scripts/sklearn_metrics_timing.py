#!/usr/bin/python3
"""Times scikit-learn's NMI, AMI and ARI and scipy's Hungarian ACC on the label files written by
io.github.selfclassifier.benchmarks.WriteLabelFiles, and prints their values.

Run with Debian's /usr/bin/python3 (scikit-learn 1.2.1, scipy 1.10.1, numpy 1.24):

    /usr/bin/python3 benchmarks/scripts/sklearn_metrics_timing.py benchmarks/target/labels

Every timing starts from the raw label arrays (numpy int64, already loaded), as a scikit-learn user calls the
functions: each metric builds its own contingency matrix. NMI, ARI and ACC: best of --repeats runs; AMI: one
run (it is the slow one). "full" is the sum NMI + AMI + ARI + ACC, scikit-learn having no call that returns all
four. These metrics are not BLAS-bound (contingency counting, log/gammaln loops, and scipy's C++
linear_sum_assignment), so thread settings do not matter; the environment is left as it is.

ACC is the Self-Classifier protocol, the same as ExactClusterMetrics: with at most as many clusters as classes,
a maximum-count matching (scipy.optimize.linear_sum_assignment); with more clusters than classes, every class is
matched to a distinct cluster by a maximum-count matching that, among those, prefers leaving clusters with large
majorities unmatched (weights count * (n + 1) - majority, exact in float64 here), and each unmatched cluster is
assigned its most frequent class.

Writes <dir>/sklearn_values.properties (keys <stem>.<metric>, read by PeerAgreement and the driver) and
<dir>/sklearn_timings.json (seconds, read by the driver).
"""
import argparse
import json
import os
import platform
import sys
import time

import numpy as np
import scipy
import sklearn
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score, normalized_mutual_info_score
from sklearn.metrics.cluster import contingency_matrix


def load(path):
    with open(path, "rb") as f:
        return np.array(f.read().split(), dtype=np.int64)


def accuracy(y, p):
    c = contingency_matrix(y, p)  # classes x clusters, dense int64
    n = len(y)
    if c.shape[1] <= c.shape[0]:
        rows, cols = linear_sum_assignment(c, maximize=True)
        return c[rows, cols].sum() / n
    majority = c.max(axis=0)
    weights = c * (n + 1) - majority[None, :]
    rows, cols = linear_sum_assignment(weights, maximize=True)
    matched = np.zeros(c.shape[1], dtype=bool)
    matched[cols] = True
    return (c[rows, cols].sum() + majority[~matched].sum()) / n


def best_of(repeats, fn):
    best = float("inf")
    value = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t0)
    return best, value


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", help="directory of <stem>.truth.txt / <stem>.pred.txt files")
    ap.add_argument("--repeats", type=int, default=5, help="runs of NMI, ARI and ACC, best kept (default 5)")
    ap.add_argument("--stems", nargs="*", help="label sets to use (default: all in dir)")
    args = ap.parse_args()

    stems = args.stems or sorted(f[: -len(".truth.txt")] for f in os.listdir(args.dir) if f.endswith(".truth.txt"))
    print("# scikit-learn %s, scipy %s, numpy %s, Python %s, %s"
          % (sklearn.__version__, scipy.__version__, np.__version__, platform.python_version(), platform.machine()))
    values = {}
    timings = {"versions": {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__}}
    print("%-22s %-16s %12s %20s" % ("set", "metric", "seconds", "value"))
    for stem in stems:
        y = load(os.path.join(args.dir, stem + ".truth.txt"))
        p = load(os.path.join(args.dir, stem + ".pred.txt"))
        acc_only = len(y) > 200_000  # the 1.28M x 8,000 set: ACC only, as the Java benchmark
        t = {}
        v = {}
        if not acc_only:
            t["nmi"], v["nmi_arithmetic"] = best_of(args.repeats, lambda: normalized_mutual_info_score(y, p))
            t["ami"], v["ami_arithmetic"] = best_of(1, lambda: adjusted_mutual_info_score(y, p))
            t["ari"], v["ari"] = best_of(args.repeats, lambda: adjusted_rand_score(y, p))
        t["acc"], v["acc"] = best_of(args.repeats if not acc_only else max(1, min(args.repeats, 3)),
                                     lambda: accuracy(y, p))
        if not acc_only:
            t["full"] = t["nmi"] + t["ami"] + t["ari"] + t["acc"]
            # Untimed: the min-normalised variants, to check Tribuo against.
            v["nmi_min"] = normalized_mutual_info_score(y, p, average_method="min")
            v["ami_min"] = adjusted_mutual_info_score(y, p, average_method="min")
        for k in ("nmi", "ami", "ari", "acc", "full"):
            if k in t:
                vk = {"nmi": "nmi_arithmetic", "ami": "ami_arithmetic"}.get(k, k)
                print("%-22s %-16s %12.4f %20s" % (stem, k, t[k], "%.15f" % v[vk] if vk in v else ""))
                sys.stdout.flush()
        timings[stem] = t
        values[stem] = v

    with open(os.path.join(args.dir, "sklearn_values.properties"), "w") as f:
        f.write("# scikit-learn %s / scipy %s values\n" % (sklearn.__version__, scipy.__version__))
        for stem, v in values.items():
            for k, x in sorted(v.items()):
                f.write("%s.%s=%.17g\n" % (stem, k, float(x)))
    with open(os.path.join(args.dir, "sklearn_timings.json"), "w") as f:
        json.dump(timings, f, indent=1)


if __name__ == "__main__":
    main()
