#!/usr/bin/python3
"""Prints ours (JMH JSON) vs scikit-learn/scipy (sklearn_timings.json, *_values.properties): times, the ratio
sklearn/ours and the values side by side. Called by compare_with_sklearn.sh.

    format_comparison.py <jmh.json> <labels-dir>
"""
import json
import os
import sys


def properties(path):
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                k, v = line.split("=", 1)
                out[k] = float(v)
    return out


def main():
    jmh_path, labels = sys.argv[1], sys.argv[2]
    with open(jmh_path) as f:
        jmh = json.load(f)
    with open(os.path.join(labels, "sklearn_timings.json")) as f:
        sk_times = json.load(f)
    sk_values = properties(os.path.join(labels, "sklearn_values.properties"))
    our_values = properties(os.path.join(labels, "ours_values.properties"))

    ours = {}  # (stem, metric) -> (ms, error ms)
    for r in jmh:
        cls, method = r["benchmark"].rsplit(".", 2)[-2:]
        p = r["params"]
        stem = "n%s_c%s_k%s" % (p["n"], p["classes"], p["clusters"])
        pm = r["primaryMetric"]
        assert pm["scoreUnit"] == "ms/op", pm["scoreUnit"]
        ours[(stem, method)] = (float(pm["score"]), float(pm["scoreError"]))  # "NaN" with one iteration

    value_key = {"nmi": "nmi_arithmetic", "ami": "ami_arithmetic", "ari": "ari", "acc": "acc"}
    print("sklearn %s, scipy %s; ours: JMH AverageTime (mean +- 99.9%% CI); sklearn: best of repeats, AMI once;"
          % (sk_times["versions"]["sklearn"], sk_times["versions"]["scipy"]))
    print("sklearn 'full' = NMI + AMI + ARI + ACC (four calls); ours 'full' = one scores() call.")
    print()
    header = "%-22s %-5s %18s %14s %13s %19s %19s %9s" % (
        "set", "what", "ours ms", "sklearn ms", "sklearn/ours", "ours value", "sklearn value", "|diff|")
    print(header)
    print("-" * len(header))
    for (stem, metric), (ms, err) in sorted(ours.items(), key=lambda kv: (kv[0][0], ["full", "nmi", "ami", "ari", "acc"].index(kv[0][1]))):
        sk = sk_times.get(stem, {}).get(metric)
        sk_ms = sk * 1000 if sk is not None else None
        vk = value_key.get(metric)
        ov = our_values.get("%s.%s" % (stem, vk)) if vk else None
        sv = sk_values.get("%s.%s" % (stem, vk)) if vk else None
        print("%-22s %-5s %18s %14s %13s %19s %19s %9s" % (
            stem, metric,
            "%.3f +- %.3f" % (ms, err) if err == err else "%.3f" % ms,
            "%.1f" % sk_ms if sk_ms is not None else "-",
            "%.0fx" % (sk_ms / ms) if sk_ms is not None else "-",
            "%.15f" % ov if ov is not None else "",
            "%.15f" % sv if sv is not None else "",
            "%.1e" % abs(ov - sv) if ov is not None and sv is not None else ""))


if __name__ == "__main__":
    main()
