#!/usr/bin/env bash
# Every measurement in benchmarks/README.md, in order, raw JMH JSON and console logs into benchmarks/results/.
# Builds nothing: expects benchmarks/target/benchmarks.jar. About 20 minutes on 2 cores; run when the machine
# is otherwise idle (check `uptime`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${JAR:-$root/benchmarks/target/benchmarks.jar}
results=${RESULTS:-$root/benchmarks/results}
labels=$root/benchmarks/target/labels
mkdir -p "$results"

jmh() { # name, JMH arguments...
  local name=$1
  shift
  echo "== $name  (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  java -jar "$jar" "$@" -rf json -rff "$results/$name.json" 2>&1 | tee "$results/$name.log" \
    | sed -n '/^Benchmark /,$p'
}

jmh metrics_vs_peers 'MetricsVsPeersBenchmark'
jmh assignment_vs_jgrapht 'AssignmentVsJGraphTBenchmark'
jmh smile_ami_cost 'SmileAmiCostBenchmark'
jmh metrics_scaling 'MetricsScalingBenchmark'
jmh over_clustering_accuracy 'OverClusteringAccuracyBenchmark'
RESULTS=$results "$here/compare_with_sklearn.sh" "$labels" 2>&1 | tee "$results/compare_with_sklearn.log" | sed -n '/== 4\/4/,$p'
echo "== PeerAgreement"
java -cp "$jar" io.github.selfclassifier.benchmarks.PeerAgreement "$labels/sklearn_values.properties" 2>&1 \
  | grep -v -e '^SLF4J' -e 'InformationTheory innerMI' -e '^INFO: MI estimate' | tee "$results/peer_agreement.txt"
echo "== exact_ami_check"
/usr/bin/python3 "$here/exact_ami_check.py" "$labels" | tee "$results/exact_ami_check.txt"
