#!/usr/bin/env python3
"""Peer extractors on the ingest benchmark pages, for scripts/bench_ingest.sh.

Times resiliparse (HTMLTree.parse_from_bytes + extract_plain_text(main_content=True))
and trafilatura (extract) over the same pages WaveBench times (decompressed in
memory first): CPU seconds of one single-process pass (best of N for
resiliparse, one pass for trafilatura, which is slow), and resiliparse on two
worker processes (wall pages/s, median of N passes). Run it with a Python that has the peers installed
(pip install resiliparse trafilatura).

usage: bench_ingest_peers.py [--passes 3] [--no-trafilatura] FILE...
"""
import argparse, gzip, multiprocessing as mp, statistics, time


def load(path):
    with open(path, "rb") as fh:
        data = fh.read()
    return gzip.decompress(data) if path.endswith(".gz") else data


def resiliparse_one(page):
    from resiliparse.parse.html import HTMLTree
    from resiliparse.parse.encoding import detect_encoding
    from resiliparse.extract.html2text import extract_plain_text
    return len(extract_plain_text(HTMLTree.parse_from_bytes(page, detect_encoding(page)), main_content=True))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    pages = [load(f) for f in a.files]
    mb = sum(map(len, pages)) / 1e6
    print(f"peers: {len(pages)} pages, {mb:.2f} MB")

    best = float("inf")
    for _ in range(a.passes):
        t = time.process_time()
        for p in pages:
            resiliparse_one(p)
        best = min(best, time.process_time() - t)
    print(f"resiliparse, one process (best of {a.passes}): {best:.3f} cpu s, {len(pages) / best:.0f} pages per cpu-second")

    walls, cpus = [], []
    with mp.get_context("fork").Pool(2) as pool:
        pool.map(resiliparse_one, pages[:4])  # warm both workers (imports)
        for _ in range(a.passes):
            t0 = time.perf_counter()
            pool.map(resiliparse_one, pages, chunksize=4)
            walls.append(time.perf_counter() - t0)
    w = statistics.median(walls)
    print(f"resiliparse, two processes: {w:.3f} s median of {a.passes}, {len(pages) / w:.0f} pages/s")

    if not a.no_trafilatura:
        import trafilatura
        t = time.process_time()
        for p in pages:
            trafilatura.extract(p)
        c = time.process_time() - t
        print(f"trafilatura, one process (one pass): {c:.3f} cpu s, {len(pages) / c:.1f} pages per cpu-second")


if __name__ == "__main__":
    main()
