#!/usr/bin/env bash
# Builds the libFuzzer targets under Fuzz/ with `swiftc -sanitize=fuzzer,address`
# (each compiles its own copy of the WaveIngest / WaveText sources it exercises, so
# no package rebuild is needed) and runs each on its seed corpus, one process per
# target (no -jobs/-workers), at `nice -n 10`.
#
# usage: scripts/fuzz.sh [--runs N | --seconds S | --until HH:MM] [--parallel] [target …]
#   targets: warc dates gzip html feeds charset tokenizer (default: all).
#   --until HH:MM   run until that UTC time of day (max_total_time computed from now).
#   --parallel      run the targets at once (one process each) instead of in turn.
#   html and feeds run one binary (Fuzz/Ingest) on two seed sets: the HTML, WARC and
#   gzip fixtures of Tests/WaveIngestTests/Fixtures, or its XML feeds, plus
#   Fuzz/Ingest/seeds; charset uses the ingest fixtures, tokenizer the text fixtures.
#   Each target has its own -max_len (small inputs reach every branch; the harness's
#   own size limits are scaled down to match), and its corpus grows in $WORK/T-corpus
#   across runs. The summary gives per target the executions, the CPU seconds (user +
#   system, from /usr/bin/time) and executions per CPU-second, and any crash.
#   Crash inputs land in $WORK/crash-T-*; copy each into Fuzz/<Target>/seeds and add
#   a regression test (HostileInputTests) before fixing it.
# Environment: WORK (default /tmp/wavelength-fuzz), SANITIZE (default fuzzer,address),
#   NICE (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/wavelength-fuzz}
SANITIZE=${SANITIZE:-fuzzer,address}
NICE=${NICE:-10}
limit=(-max_total_time=600)
parallel=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) limit=(-runs="$2"); shift 2 ;;
    --seconds) limit=(-max_total_time="$2"); shift 2 ;;
    --until) end=$(date -u -d "$2" +%s); now=$(date -u +%s)
             [ "$end" -gt "$now" ] || { echo "--until $2 is not later today (UTC)" >&2; exit 64; }
             limit=(-max_total_time=$((end - now))); shift 2 ;;
    --parallel) parallel=1; shift ;;
    -h|--help) sed -n 2,21p "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -eq 0 ] && targets=(warc dates gzip html feeds charset tokenizer)
mkdir -p "$WORK/modules"
root=$PWD

# The C shims, instrumented like the Swift code, and a module map for swiftc.
cflags=(-O1 -g "-fsanitize=${SANITIZE/fuzzer/fuzzer-no-link}")
shims() {
  [ -f "$WORK/cicu_shim.o" ] || nice clang "${cflags[@]}" -I Sources/CICUShim/include -c Sources/CICUShim/cicu_shim.c -o "$WORK/cicu_shim.o"
  [ -f "$WORK/cmecab_shim.o" ] || nice clang "${cflags[@]}" -I Sources/CMeCabShim/include -c Sources/CMeCabShim/cmecab_shim.c -o "$WORK/cmecab_shim.o"
  cat > "$WORK/modules/module.modulemap" <<MAP
module CICUShim { header "$root/Sources/CICUShim/include/cicu_shim.h" export * }
module CMeCabShim { header "$root/Sources/CMeCabShim/include/cmecab_shim.h" export * }
MAP
}

# Seeds of target $1 in $WORK/$1-seeds: the files of folder $2 matching $3 as they
# are (they carry the target's option byte), and the test fixtures matching $4 with
# an option byte in front: 0, or for feeds the byte that names the file .xml / .rss / .atom.
fixtures() {
  local t=$1 dir=$2 own=$3 theirs=$4 f g byte
  rm -rf "$WORK/$t-seeds"; mkdir -p "$WORK/$t-seeds"
  for g in $own; do for f in "$dir"/$g; do [ -f "$f" ] && cp "$f" "$WORK/$t-seeds/"; done; done
  local fixturedir=Tests/WaveIngestTests/Fixtures
  [ "$t" = tokenizer ] && fixturedir=Tests/WaveTextTests/Fixtures
  for g in $theirs; do for f in "$fixturedir"/$g; do
    [ -f "$f" ] || continue
    byte='\0'
    if [ "$t" = feeds ]; then case "$f" in *.rdf) byte='\4' ;; *.atom) byte='\6' ;; *) byte='\2' ;; esac; fi
    { printf '%b' "$byte"; cat "$f"; } > "$WORK/$t-seeds/fixture-$(basename "$f")"
  done; done
  seeds="$WORK/$t-seeds"
}

flags=(-O -g -sanitize="$SANITIZE" -parse-as-library -package-name Wavelength)
# Rebuilds $WORK/fuzz-$1 when it is missing or older than any of its sources.
build() {
  local name=$1; shift
  local f stale=0
  [ -x "$WORK/fuzz-$name" ] || stale=1
  for f in "$@"; do case "$f" in *.swift) [ "$f" -nt "$WORK/fuzz-$name" ] && stale=1 ;; esac; done
  [ "$stale" = 1 ] || return 0
  echo "building fuzz-$name"
  # gold's notes on ASan's local symbols are left out of the output.
  nice swiftc "${flags[@]}" -module-name "Fuzz_$name" "$@" -o "$WORK/fuzz-$name" 2> "$WORK/build-$name.log" \
    || { grep -v "Cannot export local symbol" "$WORK/build-$name.log" >&2; return 1; }
  grep -v "Cannot export local symbol" "$WORK/build-$name.log" >&2 || true
}

# Builds target $1 and sets seeds and maxlen for it.
prepare() {
  local ingest=(-I Sources/CLibXML2 -Xcc -I/usr/include/libxml2 -I Sources/CZlib -I "$WORK/modules"
                Sources/WaveIngest/*.swift "$WORK/cicu_shim.o" -lxml2 -lz -licui18n -licuuc -licudata -ldl)
  case "$1" in
    warc)  build warc Fuzz/WARC/main.swift Sources/WaveIngest/WARCReader.swift Sources/WaveIngest/TextUtil.swift
           seeds=Fuzz/WARC/seeds; maxlen=8192 ;;
    dates) build dates Fuzz/Dates/main.swift Sources/WaveIngest/DateParser.swift Sources/WaveIngest/TextUtil.swift
           seeds=Fuzz/Dates/seeds; maxlen=256 ;;
    gzip)  build gzip -I Sources/CZlib Fuzz/Gzip/main.swift Sources/WaveIngest/GzipInflater.swift -lz
           seeds=Fuzz/Gzip/seeds; maxlen=4096 ;;
    html|feeds)
           shims; build ingest Fuzz/Ingest/main.swift "${ingest[@]}"
           ln -sf fuzz-ingest "$WORK/fuzz-$1"
           if [ "$1" = html ]; then fixtures html Fuzz/Ingest/seeds '*.html *.warc *.gz' '*.html *.htm *.warc *.gz *.txt'
           else fixtures feeds Fuzz/Ingest/seeds '*.xml *.rdf *.atom *.rss' '*.xml *.rdf *.atom'; fi
           maxlen=10240 ;;
    charset) shims; build charset -I "$WORK/modules" Fuzz/Charset/main.swift Sources/WaveIngest/CharsetDecoder.swift \
               Sources/WaveIngest/TextUtil.swift "$WORK/cicu_shim.o" -licui18n -licuuc -licudata -ldl
             fixtures charset Fuzz/Charset/seeds '*' '*.html *.xml *.txt *.rdf'; maxlen=4096 ;;
    tokenizer) shims; build tokenizer -I "$WORK/modules" Fuzz/Tokenizer/main.swift Sources/WaveText/*.swift \
               "$WORK/cicu_shim.o" "$WORK/cmecab_shim.o" -licui18n -licuuc -licudata -ldl
             fixtures tokenizer Fuzz/Tokenizer/seeds '*' '*.txt'; maxlen=4096 ;;
    *) echo "unknown target $1" >&2; exit 64 ;;
  esac
}

# Runs target $1 (after prepare): libFuzzer's log in $WORK/$1.log, its CPU time in $WORK/$1.time.
run() {
  local t=$1 d dirs=()
  for d in $seeds; do case "$d" in /*) dirs+=("$d") ;; *) dirs+=("$root/$d") ;; esac; done
  mkdir -p "$WORK/$t-corpus"
  echo "running fuzz-$t (${limit[*]} -max_len=$maxlen)"
  (cd "$WORK" && /usr/bin/time -f "%U %S" -o "$WORK/$t.time" nice -n "$NICE" "./fuzz-$t" "${limit[@]}" \
      -max_len="$maxlen" -timeout=60 -rss_limit_mb=1024 -print_final_stats=1 \
      -artifact_prefix="$WORK/crash-$t-" "$t-corpus" "${dirs[@]}") > "$WORK/$t.log" 2>&1 || true
}

for t in "${targets[@]}"; do prepare "$t"; done
for t in "${targets[@]}"; do
  prepare "$t" > /dev/null   # sets seeds and maxlen (the build is up to date)
  if [ "$parallel" = 1 ]; then run "$t" & else run "$t"; fi
done
wait

printf '%-10s %14s %10s %12s  %s\n' target executions CPU-s exec/CPU-s crashes
for t in "${targets[@]}"; do
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$WORK/$t.log" | grep -o '[0-9]*$' || true)
  [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$WORK/$t.log" | tail -1 | tr -d '#' || true)
  cpu=$(awk 'END { printf "%.1f", $1 + $2 }' "$WORK/$t.time" 2>/dev/null || echo "?")   # last line: a failed run's status comes first
  rate=$(awk -v e="${execs:-0}" -v c="$cpu" 'BEGIN { if (c > 0) printf "%.0f", e / c; else print "?" }')
  crashes=$(grep -cE '^==[0-9]+==ERROR|^SUMMARY: libFuzzer|Fatal error|deadly signal' "$WORK/$t.log" || true)
  printf '%-10s %14s %10s %12s  %s\n' "$t" "${execs:-?}" "$cpu" "$rate" "$crashes"
done
ls "$WORK"/crash-* 2>/dev/null || true
