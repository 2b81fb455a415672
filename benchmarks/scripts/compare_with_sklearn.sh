#!/usr/bin/env bash
# Ours vs scikit-learn/scipy on the same label files, in one command. Builds nothing: expects
# benchmarks/target/benchmarks.jar (mvn -q -pl benchmarks -am -DskipTests package).
#
#   benchmarks/scripts/compare_with_sklearn.sh [labels-dir]
#
# 1. writes the label files (one label per line) and our values with the Java main WriteLabelFiles;
# 2. runs the JMH full-report and per-metric benchmarks for ours (FullReportBenchmark, 1,000 and 2,000
#    clusters) and the 1.28M x 8,000 accuracy (OverClusteringAccuracyBenchmark.acc), raw JSON kept;
# 3. times scikit-learn / scipy on the same files (sklearn_metrics_timing.py, Debian's /usr/bin/python3);
# 4. prints both times, the ratio sklearn/ours and both values side by side.
#
# Environment (all optional): JAR, PYTHON (default /usr/bin/python3), RESULTS (default benchmarks/results),
# JMH_OPTS (extra JMH options, e.g. "-wi 2 -i 3" for a quicker run), REPEATS (sklearn repeats, default 5).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${JAR:-$root/benchmarks/target/benchmarks.jar}
labels=${1:-$root/benchmarks/target/labels}
results=${RESULTS:-$root/benchmarks/results}
python=${PYTHON:-/usr/bin/python3}
repeats=${REPEATS:-5}

if [[ ! -f $jar ]]; then
  echo "missing $jar: build it first with 'mvn -q -pl benchmarks -am -DskipTests package'" >&2
  exit 1
fi
mkdir -p "$labels" "$results"
jmh_json=$results/compare_with_sklearn_jmh.json

echo "== $(date -u +%FT%TZ) $(uname -m), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1

echo "== 1/4 label files"
java -cp "$jar" io.github.selfclassifier.benchmarks.WriteLabelFiles "$labels"

echo "== 2/4 JMH, ours"
# shellcheck disable=SC2086
java -jar "$jar" 'FullReportBenchmark|OverClusteringAccuracyBenchmark\.acc$' -f 1 ${JMH_OPTS:-} \
  -rf json -rff "$jmh_json"

echo "== 3/4 scikit-learn / scipy"
"$python" "$here/sklearn_metrics_timing.py" "$labels" --repeats "$repeats"
cp "$labels/sklearn_timings.json" "$labels/sklearn_values.properties" "$labels/ours_values.properties" "$results/"

echo "== 4/4 comparison"
"$python" "$here/format_comparison.py" "$jmh_json" "$labels" | tee "$results/compare_with_sklearn.txt"
