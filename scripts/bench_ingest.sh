#!/bin/sh
# Ingest speed benchmark: builds WaveBench in release mode and times
# Ingestor.articles(in:path:) over the extraction benchmark pages (already
# decompressed in memory), on one thread and on all cores.
#
#   scripts/bench_ingest.sh [--passes N] [FILES...]
#
# Prints cpu time of one single-threaded pass, best of N (pages per cpu-second: the
# figure to compare on a shared, loaded machine) and median wall time of N
# passes with 1 and with all threads (DispatchQueue.concurrentPerform).
set -eu
cd "$(dirname "$0")/.."
passes=5
if [ "${1:-}" = "--passes" ]; then passes=$2; shift 2; fi
swift build -c release --product WaveBench >/dev/null
if [ $# -eq 0 ]; then
    set -- /work/shared/bench/extraction/html/*.html.gz
fi
exec .build/release/WaveBench speed --passes "$passes" "$@"
