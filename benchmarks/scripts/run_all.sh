#!/usr/bin/env bash
# Every measurement in benchmarks/README.md, raw JMH JSON and console logs into benchmarks/results/.
# Builds nothing: expects benchmarks/target/benchmarks.jar. About 25 minutes on 2 cores; run when the machine
# is otherwise idle (check `uptime`; each step logs the load average when it starts).
#
#   benchmarks/scripts/run_all.sh            # all steps, in this order
#   benchmarks/scripts/run_all.sh scaling sklearn   # only some steps
#
# Steps: peers jgrapht smile_ami scaling over_clustering sklearn agreement exact
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${JAR:-$root/benchmarks/target/benchmarks.jar}
results=${RESULTS:-$root/benchmarks/results}
labels=$root/benchmarks/target/labels
mkdir -p "$results"
steps=${*:-peers jgrapht smile_ami scaling over_clustering sklearn agreement exact}

load() { cut -d' ' -f1-3 /proc/loadavg; }

jmh() { # name, JMH arguments...
  local name=$1
  shift
  echo "== $name  ($(date -u +%FT%TZ), load: $(load))"
  java -jar "$jar" "$@" -rf json -rff "$results/$name.json" 2>&1 | tee "$results/$name.log" \
    | sed -n '/^Benchmark /,$p'
  echo "   (load at the end: $(load))"
}

for step in $steps; do
  case $step in
    peers) jmh metrics_vs_peers 'MetricsVsPeersBenchmark' ;;
    jgrapht) jmh assignment_vs_jgrapht 'AssignmentVsJGraphTBenchmark' ;;
    smile_ami) jmh smile_ami_cost 'SmileAmiCostBenchmark' ;;
    scaling) jmh metrics_scaling 'MetricsScalingBenchmark' ;;
    over_clustering) jmh over_clustering_accuracy 'OverClusteringAccuracyBenchmark' ;;
    sklearn)
      echo "== compare_with_sklearn ($(date -u +%FT%TZ), load: $(load))"
      RESULTS=$results "$here/compare_with_sklearn.sh" "$labels" 2>&1 | tee "$results/compare_with_sklearn.log" \
        | sed -n '/== 4\/4/,$p'
      echo "   (load at the end: $(load))" ;;
    agreement)
      echo "== PeerAgreement"
      [[ -f $labels/sklearn_values.properties ]] || echo "(no sklearn values yet: run the sklearn step first)"
      java -cp "$jar" io.github.selfclassifier.benchmarks.PeerAgreement "$labels/sklearn_values.properties" 2>&1 \
        | grep -v -e '^SLF4J' -e 'InformationTheory innerMI' -e '^INFO: MI estimate' | tee "$results/peer_agreement.txt" ;;
    exact)
      echo "== exact_ami_check"
      /usr/bin/python3 "$here/exact_ami_check.py" "$labels" | tee "$results/exact_ami_check.txt" ;;
    *) echo "unknown step $step" >&2; exit 2 ;;
  esac
done
