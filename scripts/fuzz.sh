#!/usr/bin/env bash
# Builds the libFuzzer targets under Fuzz/ with `swiftc -sanitize=fuzzer,address`
# (each compiles its own copy of the WaveIngest sources it exercises, so no
# package rebuild is needed) and runs each on its seed corpus.
#
# usage: scripts/fuzz.sh [--runs N | --seconds S] [target …]
#   targets: warc dates gzip html feeds charset tokenizer (default: all); runs niced.
#   html and feeds run one binary (Fuzz/Ingest) on two seed sets: the HTML and the
#   XML fixtures of Tests/WaveIngestTests/Fixtures plus Fuzz/Ingest/seeds; charset
#   uses the ingest fixtures, tokenizer the text fixtures.
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
    -h|--help) sed -n 2,14p "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -eq 0 ] && targets=(warc dates gzip html feeds charset tokenizer)
mkdir -p "$WORK/modules"
root=$PWD

# The C shims, instrumented like the Swift code, and a module map for swiftc.
cflags=(-O1 -g -fsanitize=fuzzer-no-link,address)
shims() {
  [ -f "$WORK/cicu_shim.o" ] || nice clang "${cflags[@]}" -I Sources/CICUShim/include -c Sources/CICUShim/cicu_shim.c -o "$WORK/cicu_shim.o"
  [ -f "$WORK/cmecab_shim.o" ] || nice clang "${cflags[@]}" -I Sources/CMeCabShim/include -c Sources/CMeCabShim/cmecab_shim.c -o "$WORK/cmecab_shim.o"
  cat > "$WORK/modules/module.modulemap" <<MAP
module CICUShim { header "$root/Sources/CICUShim/include/cicu_shim.h" export * }
module CMeCabShim { header "$root/Sources/CMeCabShim/include/cmecab_shim.h" export * }
MAP
}
ingest=(-I Sources/CLibXML2 -Xcc -I/usr/include/libxml2 -I Sources/CZlib -I "$WORK/modules"
        $(ls Sources/WaveIngest/*.swift) "$WORK/cicu_shim.o" -lxml2 -lz -licui18n -licuuc -licudata -ldl)

# Seeds of target $1 in $WORK/$1-seeds: the files of folder $2 matching $3 as they
# are (they carry the target's option byte), and the test fixtures matching $4
# with a zero option byte in front.
fixtures() {
  local t=$1 dir=$2 own=$3 theirs=$4 f g
  rm -rf "$WORK/$t-seeds"; mkdir -p "$WORK/$t-seeds"
  for g in $own; do for f in "$dir"/$g; do [ -f "$f" ] && cp "$f" "$WORK/$t-seeds/"; done; done
  local fixturedir=Tests/WaveIngestTests/Fixtures
  [ "$t" = tokenizer ] && fixturedir=Tests/WaveTextTests/Fixtures
  for g in $theirs; do for f in "$fixturedir"/$g; do
    [ -f "$f" ] && { printf '\0'; cat "$f"; } > "$WORK/$t-seeds/fixture-$(basename "$f")"
  done; done
  seeds="$WORK/$t-seeds"
}

flags=(-O -g -sanitize=fuzzer,address -parse-as-library -package-name Wavelength)
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
    html|feeds)
           if [ ! -x "$WORK/fuzz-ingest" ] || [ -n "$(find Fuzz/Ingest Sources/WaveIngest -newer "$WORK/fuzz-ingest" -name '*.swift')" ]; then
             shims; build ingest Fuzz/Ingest/main.swift "${ingest[@]}"
           fi
           ln -sf fuzz-ingest "$WORK/fuzz-$t"
           if [ "$t" = html ]; then fixtures "$t" Fuzz/Ingest/seeds '*.html *.warc *.gz' '*.html *.htm *.warc *.gz *.txt'
           else fixtures "$t" Fuzz/Ingest/seeds '*.xml *.rdf *.atom *.rss' '*.xml *.rdf *.atom'; fi
           maxlen=65536 ;;
    charset) shims; build charset -I "$WORK/modules" Fuzz/Charset/main.swift Sources/WaveIngest/CharsetDecoder.swift \
               Sources/WaveIngest/TextUtil.swift "$WORK/cicu_shim.o" -licui18n -licuuc -licudata -ldl
             fixtures charset Fuzz/Charset/seeds '*' '*.html *.xml *.txt *.rdf'; maxlen=16384 ;;
    tokenizer) shims; build tokenizer -I "$WORK/modules" Fuzz/Tokenizer/main.swift $(ls Sources/WaveText/*.swift) \
               "$WORK/cicu_shim.o" "$WORK/cmecab_shim.o" -licui18n -licuuc -licudata -ldl
             fixtures tokenizer Fuzz/Tokenizer/seeds '*' '*.txt'; maxlen=8192 ;;
    *) echo "unknown target $t" >&2; exit 64 ;;
  esac
  mkdir -p "$WORK/$t-corpus"
  echo "running fuzz-$t (${limit[*]})"
  (cd "$WORK" && nice -n 19 "./fuzz-$t" "${limit[@]}" -max_len="$maxlen" -rss_limit_mb=1024 \
      -print_final_stats=1 -artifact_prefix="$WORK/crash-$t-" "$t-corpus" $(for d in $seeds; do case "$d" in /*) echo "$d" ;; *) echo "$root/$d" ;; esac; done)) \
    2>&1 | tee "$WORK/$t.log" | grep -E "^(#[0-9]+\s+DONE|stat::number_of_executed_units|==[0-9]+==ERROR)" || true
done
