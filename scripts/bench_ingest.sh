#!/bin/sh
# Ingest speed benchmark: builds WaveBench in release mode and times
# Ingestor.articles(in:path:) over the extraction benchmark pages (already
# decompressed in memory), on one thread and on all cores.
#
#   scripts/bench_ingest.sh [--passes N] [FILES...]
#
# Prints cpu time of one single-threaded pass, best of N (pages per cpu-second: the
# figure to compare on a shared, loaded machine) and median wall time of N
# passes with 1 and with all threads (DispatchQueue.concurrentPerform), then,
# in the same run, the peers (resiliparse, trafilatura) on the same pages with
# scripts/bench_ingest_peers.py, if $PEER_PYTHON (default /work/peers/bin/python)
# exists.
set -eu
cd "$(dirname "$0")/.."
passes=5
if [ "${1:-}" = "--passes" ]; then passes=$2; shift 2; fi
swift build -c release --product WaveBench >/dev/null
if [ $# -eq 0 ]; then
    set -- /work/shared/bench/extraction/html/*.html.gz
fi
uptime
.build/release/WaveBench speed --passes "$passes" "$@"
peer_python=${PEER_PYTHON:-/work/peers/bin/python}
if [ -x "$peer_python" ]; then
    "$peer_python" scripts/bench_ingest_peers.py --passes 3 "$@"
fi
