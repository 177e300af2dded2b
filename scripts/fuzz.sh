#!/usr/bin/env bash
# Builds the libFuzzer targets under Fuzz/ with `swiftc -sanitize=fuzzer,address`
# (each compiles its own copy of the WaveIngest sources it exercises, so no
# package rebuild is needed) and runs each on its seed corpus.
#
# usage: scripts/fuzz.sh [--runs N | --seconds S] [target …]
#   targets: warc dates gzip (default: all); runs niced.
#   Crash inputs land in $WORK/crash-*; copy each into the target's seeds/ and
#   add a regression test (HostileInputTests) before fixing it.
# Environment: WORK (default /tmp/wavelength-fuzz), JOBS (parallel runs, default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/wavelength-fuzz}
limit=(-max_total_time=600)
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) limit=(-runs="$2"); shift 2 ;;
    --seconds) limit=(-max_total_time="$2"); shift 2 ;;
    -h|--help) sed -n 2,11p "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -eq 0 ] && targets=(warc dates gzip)
mkdir -p "$WORK"

flags=(-O -g -sanitize=fuzzer,address -parse-as-library)
build() {
  local name=$1; shift
  echo "building fuzz-$name"
  nice swiftc "${flags[@]}" -module-name "Fuzz_$name" "$@" -o "$WORK/fuzz-$name"
}

for t in "${targets[@]}"; do
  case "$t" in
    warc)  build warc Fuzz/WARC/main.swift Sources/WaveIngest/WARCReader.swift Sources/WaveIngest/TextUtil.swift; seeds=Fuzz/WARC/seeds; maxlen=65536 ;;
    dates) build dates Fuzz/Dates/main.swift Sources/WaveIngest/DateParser.swift Sources/WaveIngest/TextUtil.swift; seeds=Fuzz/Dates/seeds; maxlen=256 ;;
    gzip)  build gzip -I Sources/CZlib Fuzz/Gzip/main.swift Sources/WaveIngest/GzipInflater.swift -lz; seeds=Fuzz/Gzip/seeds; maxlen=65536 ;;
    *) echo "unknown target $t" >&2; exit 64 ;;
  esac
  mkdir -p "$WORK/$t-corpus"
  echo "running fuzz-$t (${limit[*]})"
  (cd "$WORK" && nice -n 15 "./fuzz-$t" "${limit[@]}" -max_len="$maxlen" -rss_limit_mb=1024 \
      -print_final_stats=1 -artifact_prefix="$WORK/crash-$t-" "$t-corpus" "$OLDPWD/$seeds") \
    2>&1 | tee "$WORK/$t.log" | grep -E "^(#[0-9]+\s+DONE|stat::number_of_executed_units|==[0-9]+==ERROR)" || true
done
