#!/usr/bin/env bash
# Whole-pipeline benchmark: `wavelength run` against the Python peer pipeline
# (trafilatura → MeCab/regex → scikit-learn → VADER → tomotopy) on the same
# generated corpus, in the same run. Prints wall seconds, peak RSS and the ratio.
#
# usage: scripts/bench_pipeline.sh [DOCS] [WORK_DIR]
#   DOCS      articles for make_corpus.py (default 2000)
#   WORK_DIR  where the corpus, the peer venv and outputs go (default /tmp/wavelength-bench)
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
if [ ! -x "$WORK/peers/bin/python" ]; then
  python3 -m venv "$WORK/peers"
  "$WORK/peers/bin/pip" install -q trafilatura lxml_html_clean scikit-learn vaderSentiment tomotopy fugashi unidic-lite
fi
swift build -c release --product wavelength >/dev/null
BIN=$(swift build -c release --show-bin-path)/wavelength

measure() {  # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time.$label" "$@" >"$WORK/out.$label" 2>"$WORK/err.$label" || true
  read -r secs kb <"$WORK/time.$label"
  echo "$label: ${secs} s wall, peak RSS $((kb / 1024)) MiB"
  eval "${label}_secs=$secs"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "corpus: make_corpus.py --docs $DOCS ($(du -shL "$WORK/corpus$DOCS" | cut -f1))"
# Same work as the peer: its defaults are 10 topics and 200 iterations.
measure wavelength "$BIN" run "$WORK/corpus$DOCS" --output "$WORK/wavelength-out" --threads 2 --quiet --topics 10 --topic-iterations 200
grep -E '"documents"|"tokens"' "$WORK/wavelength-out/summary.json" | head -2 | tr -d ' ,' | sed 's/^/  /'
measure peer "$WORK/peers/bin/python" "$SHARED/bench/peers/peer_pipeline.py" "$WORK/corpus$DOCS" "$WORK/peer-out" --workers 2
sed 's/^/  peer stages: /' "$WORK/out.peer" | tail -1
python3 -c "import sys; w, p = float(sys.argv[1]), float(sys.argv[2]); print(f'ratio: wavelength is {p / w:.1f}x faster than the peer pipeline')" "$wavelength_secs" "$peer_secs"
