#!/usr/bin/env bash
# One command: times the Self-Classifier training step in Java (DJL PyTorch and MXNet engines, StepTimeMain)
# and in Python PyTorch (step_time_pytorch.py) for the same models, batches and thread count, and prints
# a table. Run from anywhere in the repository:  benchmarks/scripts/compare_step_time.sh
# Environment: CONFIGS (default "cnn:256 resnet:128"), ENGINES (default "PyTorch MXNet"), PHASES (default
# "step"; "forward" times forward+loss only), WARMUP_CNN/STEPS_CNN, WARMUP_RESNET/STEPS_RESNET, OPTIMIZER
# (lars|sgd), SKIP_BUILD=1 to reuse the compiled classes, PYTHON (default /usr/bin/python3, Debian's torch),
# ROUNDS (default 1): how many times each Java/Python pair runs, back to back. This machine's speed drifts
# by up to 2x within minutes, so each round's ratio compares runs seconds apart, and the summary gives the
# median ratio over the rounds with its range.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
CONFIGS="${CONFIGS:-cnn:256 resnet:128}"
ENGINES="${ENGINES:-PyTorch MXNet}"
PHASES="${PHASES:-step}"
OPTIMIZER="${OPTIMIZER:-lars}"
ROUNDS="${ROUNDS:-1}"
PYTHON="${PYTHON:-/usr/bin/python3}"
THREADS="$(nproc)"   # what EngineSelector gives PyTorch: Runtime.availableProcessors()
if [[ "${SKIP_BUILD:-0}" != 1 || ! -f benchmarks/target/classpath.txt ]]; then
  mvn -q -o -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile='${project.build.directory}/classpath.txt' -Dmdep.includeScope=runtime >&2
fi
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
RESULTS="$(mktemp)"
echo "# $(date -u +%FT%TZ) $(uname -m) nproc=$THREADS load: $(cut -d' ' -f1-3 /proc/loadavg)"
for cfg in $CONFIGS; do
  model="${cfg%%:*}"; batch="${cfg##*:}"
  if [[ "$model" == cnn ]]; then w="${WARMUP_CNN:-3}"; n="${STEPS_CNN:-10}"; else w="${WARMUP_RESNET:-2}"; n="${STEPS_RESNET:-5}"; fi
  for phase in $PHASES; do
    for round in $(seq 1 "$ROUNDS"); do
      tag="s/^RESULT /RESULT round=$round /"
      for engine in $ENGINES; do
        echo "## round $round java $engine $model batch $batch $phase (load $(cut -d' ' -f1 /proc/loadavg))"
        java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
          io.github.selfclassifier.benchmarks.train.StepTimeMain model="$model" batch="$batch" engine="$engine" \
          warmup="$w" steps="$n" optimizer="$OPTIMIZER" phase="$phase" 2>&1 | sed "$tag" | tee -a "$RESULTS" \
          | grep -v '^\[' || true
      done
      echo "## round $round python torch $model batch $batch $phase (load $(cut -d' ' -f1 /proc/loadavg))"
      "$PYTHON" -W ignore benchmarks/scripts/step_time_pytorch.py model="$model" batch="$batch" \
        threads="$THREADS" warmup="$w" steps="$n" optimizer="$OPTIMIZER" phase="$phase" 2>&1 | sed "$tag" \
        | tee -a "$RESULTS"
    done
  done
done
echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$PYTHON" - "$RESULTS" <<'PY'
import re, sys
rows = [dict(kv.split("=", 1) for kv in l.split()[1:]) for l in open(sys.argv[1]) if l.startswith("RESULT ")]
py = {(r["model"], r["batch"], r["phase"], r["round"]): r for r in rows if r["impl"] == "python"}
print("| model | batch | phase | engine | round | threads | Java ms/step (median) | PyTorch ms/step (median) | ratio Java/PyTorch | Java mean | PyTorch mean |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
ratios = {}
for r in rows:
    if r["impl"] != "java":
        continue
    p = py.get((r["model"], r["batch"], r["phase"], r["round"]))
    pm = float(p["median_ms"]) if p else float("nan")
    ratio = float(r["median_ms"]) / pm
    ratios.setdefault((r["model"], r["batch"], r["phase"], r["engine"]), []).append(ratio)
    print(f"| {r['model']} | {r['batch']} | {r['phase']} | DJL {r['engine']} | {r['round']} | {r['threads']} |"
          f" {float(r['median_ms']):.1f} | {pm:.1f} | {ratio:.2f} | {float(r['mean_ms']):.1f} |"
          f" {float(p['mean_ms']) if p else float('nan'):.1f} |")
print()
print("Over the rounds (each round's ratio compares a Java and a Python run made back to back):")
print("| model | batch | phase | engine | rounds | median ratio Java/PyTorch | lowest | highest |")
print("|---|---|---|---|---|---|---|---|")
for (model, batch, phase, engine), rs in ratios.items():
    s = sorted(rs)
    mid = s[len(s) // 2] if len(s) % 2 else (s[len(s) // 2 - 1] + s[len(s) // 2]) / 2
    print(f"| {model} | {batch} | {phase} | DJL {engine} | {len(s)} | {mid:.2f} | {s[0]:.2f} | {s[-1]:.2f} |")
print()
print("Where the time goes (medians, ms): forward = forward of both views + loss + reading the loss value;")
print("backward = autograd backward; update = optimiser update of every parameter + zeroing the gradients.")
print("| model | batch | implementation | forward | backward | update | step |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    if "forward_ms" in r:
        name = ("DJL " + r["engine"]) if r["impl"] == "java" else r["engine"]
        print(f"| {r['model']} | {r['batch']} | {name} | {float(r['forward_ms']):.1f} | {float(r['backward_ms']):.1f} |"
              f" {float(r['update_ms']):.1f} | {float(r['median_ms']):.1f} |")
PY
rm -f "$RESULTS"
