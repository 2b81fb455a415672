#!/usr/bin/python3
"""Prints the README's Markdown tables from the raw JMH JSON and sklearn_timings.json in benchmarks/results/,
so that the README's numbers are the committed results'.

    /usr/bin/python3 benchmarks/scripts/results_tables.py [results-dir]
"""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
results = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "results")
labels = results


def load(name):
    with open(os.path.join(results, name + ".json")) as f:
        out = {}
        for r in json.load(f):
            method = r["benchmark"].rsplit(".", 1)[1]
            pm = r["primaryMetric"]
            out[(method, tuple(sorted(r["params"].items())))] = (
                float(pm["score"]), float(pm["scoreError"]), r["mode"], pm["rawData"])
        return out


def fmt_ms(score, err, mode):
    if mode == "ss":
        return "%s s (single shots)" % "%.1f" % (score / 1000)
    return "%.3f ms ± %.3f" % (score, err) if err == err else "%.3f ms" % score


def fmt_ratio(x):
    return "%s×" % format(round(x), ",") if x >= 10 else "%.1f×" % x


def peers_table():
    r = load("metrics_vs_peers")
    g = {m: v for (m, _), v in r.items()}
    print("| metric | ours | peer | peer time | peer / ours |")
    print("|---|---|---|---|---|")
    rows = [("NMI", "nmi_ours", "Smile 3.1.1 `NormalizedMutualInformation.sum`", "nmi_smile"),
            ("NMI", "nmi_ours", "Tribuo 4.3.2 `normalizedMI` (min)", "nmi_tribuo"),
            ("AMI", "ami_ours", "Tribuo 4.3.2 `adjustedMI` (min)", "ami_tribuo"),
            ("AMI", "ami_ours", "Smile 3.1.1 `AdjustedMutualInformation.sum`", None),
            ("ARI", "ari_ours", "Smile 3.1.1 `AdjustedRandIndex.of`", "ari_smile")]
    for metric, ours, peer, key in rows:
        o = g[ours]
        if key is None:
            print("| %s | %s | %s | not run: hours (estimate below) | – |" % (metric, fmt_ms(*o[:3]), peer))
            continue
        p = g[key]
        print("| %s | %s | %s | %s | %s |" % (metric, fmt_ms(*o[:3]), peer, fmt_ms(*p[:3]), fmt_ratio(p[0] / o[0])))
    r = load("assignment_vs_jgrapht")
    g = {m: v for (m, _), v in r.items()}
    o, p = g["acc_ours"], g["acc_jgrapht"]
    print("| ACC | %s | JGraphT 1.5.2 `KuhnMunkresMinimalWeightBipartitePerfectMatching` | %s | %s |"
          % (fmt_ms(*o[:3]), fmt_ms(*p[:3]), fmt_ratio(p[0] / o[0])))


def smile_ami_table():
    r = load("smile_ami_cost")
    rows = {}
    for (m, params), v in r.items():
        rows.setdefault(int(dict(params)["classes"]), {})[m] = v
    print("| classes (n = 50 × classes) | Smile AMI | ours AMI |")
    print("|---|---|---|")
    for c in sorted(rows):
        print("| %d (n = %s) | %.2f s | %.3f ms |" % (c, format(50 * c, ","), rows[c]["ami_smile"][0] / 1000,
                                                    rows[c]["ami_ours"][0]))
    cs = sorted(rows)
    import math
    t = [rows[c]["ami_smile"][0] / 1000 for c in cs]
    k = math.log(t[-1] / t[-2]) / math.log(cs[-1] / cs[-2])
    est = t[-1] * (1000 / cs[-1]) ** k
    print()
    print("Growth exponent from the last two sizes: %.2f; extrapolated to 1,000 classes (n = 50,000): %.0f s = %.1f h."
          % (k, est, est / 3600))


def scaling_table():
    r = load("metrics_scaling")
    cells = {}
    for (m, params), v in r.items():
        p = dict(params)
        cells[(int(p["n"]), int(p["classes"]))] = v
    ns = sorted({n for n, _ in cells})
    cs = sorted({c for _, c in cells})
    print("| n \\ classes (= clusters) | " + " | ".join(format(c, ",") for c in cs) + " |")
    print("|---" * (len(cs) + 1) + "|")
    for n in ns:
        print("| %s | " % format(n, ",") + " | ".join(
            "%.3f ± %.3f" % cells[(n, c)][:2] if (n, c) in cells else "" for c in cs) + " |")


def over_clustering():
    r = load("over_clustering_accuracy")
    for (m, _), v in sorted(r.items()):
        print("- `%s`: %s" % (m, fmt_ms(*v[:3])))


def sklearn_table():
    jmh = load("compare_with_sklearn_jmh")
    with open(os.path.join(labels, "sklearn_timings.json")) as f:
        sk = json.load(f)
    print("| set | what | ours | scikit-learn / scipy | sklearn / ours |")
    print("|---|---|---|---|---|")
    order = ["full", "nmi", "ami", "ari", "acc"]
    rows = []
    for (m, params), v in jmh.items():
        p = dict(params)
        stem = "n%s_c%s_k%s" % (p["n"], p["classes"], p["clusters"])
        rows.append((stem, m, v))
    for stem, m, v in sorted(rows, key=lambda x: (-int(x[0].split("_")[0][1:]), x[0], order.index(x[1]))):
        s = sk[stem][m] * 1000
        print("| %s | %s | %s | %s ms | %s |" % (stem, m, fmt_ms(*v[:3]), format(round(s, 1), ",") if s >= 100 else "%.1f" % s,
                                            fmt_ratio(s / v[0])))


for title, fn in (("peers", peers_table), ("smile ami", smile_ami_table), ("scaling", scaling_table),
                  ("over-clustering", over_clustering), ("sklearn", sklearn_table)):
    print("### " + title)
    try:
        fn()
    except (OSError, KeyError) as e:
        print("(missing: %s)" % e)
    print()
