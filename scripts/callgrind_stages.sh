#!/usr/bin/env bash
# Callgrind instruction counts (Ir) per pipeline stage of one `wavelength run`: a noise-free
# figure for a loaded machine, so a regression shows even when timings cannot.
#
# usage: scripts/callgrind_stages.sh CORPUS_DIR [WORK_DIR]
#   env BIN      a wavelength binary (default: release build of this checkout)
#   env TOPICS   topic options (default "--topics 10 --topic-iterations 200", as the peer runs them)
# Needs valgrind (Debian: apt-get install -y valgrind). About 50x slower than a normal run.
# The binary is copied with its debug info stripped (valgrind 3.19 cannot read Swift's DWARF 5);
# the symbol table stays, so stages are found by their mangled names (scripts/callgrind_stages.py).
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:?usage: scripts/callgrind_stages.sh CORPUS_DIR [WORK_DIR]}
WORK=${2:-/tmp/wavelength-callgrind}
TOPICS=${TOPICS:---topics 10 --topic-iterations 200}
mkdir -p "$WORK"
if [ -z "${BIN:-}" ]; then
  swift build -c release --product wavelength >/dev/null
  BIN=$(swift build -c release --show-bin-path)/wavelength
fi
cp "$BIN" "$WORK/wavelength-cg" && strip --strip-debug "$WORK/wavelength-cg"
# valgrind 3.19 crashes on libdispatch's read-only sigsuspend mask (see the C file).
cc -O2 -shared -fPIC -o "$WORK/valgrind_sigsuspend.so" scripts/valgrind_sigsuspend.c
rm -rf "$WORK/out"
# shellcheck disable=SC2086
# Swift seeds its hashing per process; a fixed seed makes the counts repeatable.
SWIFT_DETERMINISTIC_HASHING=1 LD_PRELOAD="$WORK/valgrind_sigsuspend.so" valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" "$WORK/wavelength-cg" run "$CORPUS" \
  --output "$WORK/out" --threads 2 --quiet $TOPICS >/dev/null 2>"$WORK/valgrind.log" || true
python3 scripts/callgrind_stages.py "$WORK/callgrind.out"
