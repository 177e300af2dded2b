#!/usr/bin/env bash
# Whole-pipeline benchmark: `wavelength run` against the Python peer pipeline
# (trafilatura → MeCab/regex → scikit-learn → VADER → tomotopy) on the same
# generated corpus, in the same run. Prints wall seconds, peak RSS and the ratio.
#
# Prints one row of the issue's table: wall seconds, stage seconds, CPU/wall and
# peak RSS of both, and the ratio; with CALLGRIND=1 also callgrind instruction
# counts per stage of the wavelength run (noise-free, for a loaded machine).
#
# usage: scripts/bench_pipeline.sh [DOCS] [WORK_DIR]
#   DOCS      articles for make_corpus.py (default 2000)
#   WORK_DIR  where the corpus, the peer venv and outputs go (default /tmp/wavelength-bench)
#   env PEER_PYTHON  a python with the peer's packages (default /work/venv/bin/python
#                    if it exists, else a venv made in WORK_DIR)
#   env CALLGRIND=1  also run wavelength under valgrind --tool=callgrind (slow: about
#                    50x; debug info stripped from a copy, valgrind 3.19 cannot read it)
#   env BIN          a wavelength binary (default: release build of this checkout)
# Needs ../shared (make_corpus.py, peer_pipeline.py) and PyPI for the peer's packages.
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-2000}
WORK=${2:-/tmp/wavelength-bench}
SHARED=${SHARED:-../shared}
mkdir -p "$WORK"

if [ ! -d "$WORK/corpus$DOCS" ]; then
  python3 "$SHARED/bench/corpus/make_corpus.py" --out "$WORK/corpus$DOCS" --docs "$DOCS" >/dev/null
fi
PEER_PYTHON=${PEER_PYTHON:-}
# The shared venv only when it has every package the peer imports (it once lacked fugashi and tomotopy).
if [ -z "$PEER_PYTHON" ] && [ -x /work/venv/bin/python ] \
   && /work/venv/bin/python -c "import trafilatura, sklearn, vaderSentiment, tomotopy, fugashi, unidic_lite" 2>/dev/null; then
  PEER_PYTHON=/work/venv/bin/python
fi
if [ -z "$PEER_PYTHON" ]; then
  if [ ! -x "$WORK/peers/bin/python" ]; then
    python3 -m venv "$WORK/peers"
    "$WORK/peers/bin/pip" install -q trafilatura lxml_html_clean scikit-learn vaderSentiment tomotopy fugashi unidic-lite
  fi
  PEER_PYTHON=$WORK/peers/bin/python
fi
if [ -z "${BIN:-}" ]; then
  swift build -c release --product wavelength >/dev/null
  BIN=$(swift build -c release --show-bin-path)/wavelength
fi

measure() {  # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.$label" "$@" >"$WORK/out.$label" 2>"$WORK/err.$label" || true
  # GNU time puts "Command exited with non-zero status N" first when the command fails.
  read -r secs kb user sys < <(tail -n 1 "$WORK/time.$label")
  local cpu; cpu=$(python3 -c "import sys; w,u,s=map(float,sys.argv[1:]); print(f'{(u+s)/max(w,1e-9):.2f}')" "$secs" "$user" "$sys")
  echo "$label: ${secs} s wall, CPU/wall $cpu, peak RSS $((kb / 1024)) MiB"
  eval "${label}_secs=$secs"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "corpus: make_corpus.py --docs $DOCS ($(du -shL "$WORK/corpus$DOCS" | cut -f1))"
# Same work as the peer: its defaults are 10 topics and 200 iterations.
measure wavelength "$BIN" run "$WORK/corpus$DOCS" --output "$WORK/wavelength-out" --threads 2 --quiet --topics 10 --topic-iterations 200
grep -E '"documents"|"tokens"' "$WORK/wavelength-out/summary.json" | head -2 | tr -d ' ,' | sed 's/^/  /'
python3 - "$WORK/wavelength-out/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
def find(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k in ("stage_seconds", "stageSeconds") and isinstance(v, dict):
                return v
            r = find(v)
            if r: return r
    return None
st = find(s) or {}
print("  stages (CPU-s summed over threads for ingest/analyze, wall for the rest): "
      + ", ".join(f"{k} {v:.1f}" for k, v in sorted(st.items())))
PY
measure peer "$PEER_PYTHON" "$SHARED/bench/peers/peer_pipeline.py" "$WORK/corpus$DOCS" "$WORK/peer-out" --workers 2
sed 's/^/  peer stages: /' "$WORK/out.peer" | tail -1
python3 -c "import sys; w, p = float(sys.argv[1]), float(sys.argv[2]); print(f'ratio: wavelength is {p / w:.1f}x faster than the peer pipeline')" "$wavelength_secs" "$peer_secs"

if [ "${CALLGRIND:-0}" = 1 ]; then
  # Instruction counts (Ir) inclusive per stage; function names are Swift-mangled.
  cp "$BIN" "$WORK/wavelength-cg" && strip --strip-debug "$WORK/wavelength-cg"
  rm -rf "$WORK/cg-out"
  valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" "$WORK/wavelength-cg" run "$WORK/corpus$DOCS" \
    --output "$WORK/cg-out" --threads 2 --quiet --topics 10 --topic-iterations 200 >/dev/null 2>"$WORK/err.callgrind" || true
  python3 "$(dirname "$0")/callgrind_stages.py" "$WORK/callgrind.out"
fi
