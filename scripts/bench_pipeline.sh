#!/usr/bin/env bash
# Whole-pipeline benchmark: `wavelength run` against the Python peer pipeline
# (trafilatura → MeCab/regex → scikit-learn → VADER → tomotopy) on the same
# generated corpora, in the same run. Prints the table of issue #17: per corpus,
# wall seconds, CPU seconds, CPU/wall and peak memory of both, and the ratio.
#
# usage: scripts/bench_pipeline.sh [CORPORA] [WORK_DIR]
#   CORPORA   comma-separated article counts for make_corpus.py and/or corpus folders
#             (default 2000); e.g. "2000,20000" or "2000,/work/b20k/c20k"
#   WORK_DIR  where generated corpora, outputs and logs go (default /tmp/wavelength-bench)
#   env PEER=0         skip the Python peer (memory runs: wavelength alone)
#   env NO_TOPICS=1    also run wavelength without topics (the issue's "no topics" rows)
#   env PEER_PYTHON    a python with the peer's packages (default /work/venv/bin/python
#                      if it has them all, else a venv made in WORK_DIR)
#   env CALLGRIND=1    also print callgrind instruction counts per stage of the wavelength run
#                      (scripts/callgrind_stages.sh; slow, about 50x)
#   env BIN            a wavelength binary (default: release build of this checkout)
# Topics: 10 per language, 200 iterations — what the peer runs by default (--topics 10 --iterations 200).
# Memory is the peak of the summed resident memory of the whole process tree (scripts/measure_run.py),
# so the peer's worker processes count. Needs ../shared (make_corpus.py, peer_pipeline.py).
set -euo pipefail
cd "$(dirname "$0")/.."
CORPORA=${1:-2000}
WORK=${2:-/tmp/wavelength-bench}
SHARED=${SHARED:-../shared}
mkdir -p "$WORK"

PEER_PYTHON=${PEER_PYTHON:-}
if [ "${PEER:-1}" != 0 ]; then
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
fi
if [ -z "${BIN:-}" ]; then
  swift build -c release --product wavelength >/dev/null
  BIN=$(swift build -c release --show-bin-path)/wavelength
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wavelength: $BIN ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
ROWS="$WORK/rows.jsonl"
: >"$ROWS"

measure() {  # label corpus-label command... ; appends one JSON row
  local label=$1 corpus=$2; shift 2
  local json
  json=$(python3 scripts/measure_run.py --stdout "$WORK/out.$label" --stderr "$WORK/err.$label" -- "$@" || true)
  echo "  $label: $json"
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); r["label"]=sys.argv[2]; r["corpus"]=sys.argv[3]; print(json.dumps(r))' \
    "$json" "$label" "$corpus" >>"$ROWS"
}

IFS=, read -ra LIST <<<"$CORPORA"
for item in "${LIST[@]}"; do
  if [ -d "$item" ]; then
    dir=$item
  else
    dir=$WORK/corpus$item
    [ -d "$dir" ] || python3 "$SHARED/bench/corpus/make_corpus.py" --out "$dir" --docs "$item" >/dev/null
  fi
  docs=$(python3 -c 'import json,sys; print(sum(int(json.loads(l).get("items") or 1) for l in open(sys.argv[1])))' "$dir/manifest.jsonl" 2>/dev/null || echo "?")
  name="$docs articles ($(du -shL "$dir" | cut -f1), $(basename "$dir"))"
  echo "corpus: $name"
  tag=$(basename "$dir")
  # A first run: no run state beside the output folder (a state left by an earlier run would make it incremental).
  rm -rf "$WORK/wl-$tag" "$WORK/.wl-$tag".* "$WORK/.wl-nt-$tag".*
  measure "wavelength-$tag" "$name" "$BIN" run "$dir" --output "$WORK/wl-$tag" --threads 2 --quiet --topics 10 --topic-iterations 200
  python3 - "$WORK/wl-$tag/summary.json" <<'PY' || true
import json, sys
s = json.load(open(sys.argv[1]))
st = s.get("stage_seconds") or {}
print(f"    {s.get('documents')} documents, {s.get('tokens')} tokens; stages (ingest/analyze: CPU-s summed over threads; "
      "report: wall of the corpus stage incl. topics; topics: wall): " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(st.items())))
PY
  if [ "${NO_TOPICS:-0}" = 1 ]; then
    rm -rf "$WORK/wl-nt-$tag"
    measure "wavelength-notopics-$tag" "$name" "$BIN" run "$dir" --output "$WORK/wl-nt-$tag" --threads 2 --quiet
  fi
  if [ "${PEER:-1}" != 0 ]; then
    rm -rf "$WORK/peer-$tag"
    measure "peer-$tag" "$name" "$PEER_PYTHON" "$SHARED/bench/peers/peer_pipeline.py" "$dir" "$WORK/peer-$tag" --workers 2 --topics 10 --iterations 200
    tail -n 1 "$WORK/out.peer-$tag" | sed 's/^/    peer: /'
  fi
  if [ "${CALLGRIND:-0}" = 1 ]; then
    BIN=$BIN scripts/callgrind_stages.sh "$dir" "$WORK/callgrind-$tag"
  fi
  rm -rf "$WORK/wl-$tag" "$WORK/wl-nt-$tag" "$WORK/peer-$tag" "$WORK/.wl-$tag".* "$WORK/.wl-nt-$tag".*
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$ROWS" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def cell(r):
    return f"{r['wall']:.1f} s wall, {r['cpu']:.1f} CPU-s, CPU/wall {r['cpu_per_wall']:.2f}, {r['peak_rss_mib']} MiB" + ("" if r["exit"] in (0, 3) else f" (exit {r['exit']})")
print()
print("| corpus | wavelength `run --threads 2` (topics 10 × 200 it.) | Python peer (2 workers, same topics) | ratio (peer wall / wavelength wall) | no topics |")
print("|---|---|---|---|---|")
for corpus in dict.fromkeys(r["corpus"] for r in rows):
    get = lambda prefix: next((r for r in rows if r["corpus"] == corpus and r["label"].startswith(prefix + "-") and not r["label"].startswith(prefix + "-notopics")), None)
    w, p = get("wavelength"), get("peer")
    nt = next((r for r in rows if r["corpus"] == corpus and r["label"].startswith("wavelength-notopics-")), None)
    ratio = f"**{p['wall'] / w['wall']:.1f}×** (CPU {p['cpu'] / max(w['cpu'], 1e-9):.1f}×)" if w and p else "–"
    print(f"| {corpus} | {cell(w) if w else '–'} | {cell(p) if p else 'not run'} | {ratio} | {cell(nt) if nt else '–'} |")
PY
