#!/usr/bin/env python3
"""Sharded runs against one run, and the prefilter's throughput (BENCHMARKS.md, "Sharded runs").

shards:    one `wavelength run` (--threads T) against N `wavelength run --shard I/N` processes
           started together (--threads 1 each) followed by `wavelength merge`; per process wall
           time, CPU time (user + system) and peak RSS, from wait4(2). The merged tables are
           then compared with the single run's byte for byte (run.log without its output path).
prefilter: builds WARC files mixing pages of a generated corpus with other pages (off-topic web
           pages), then times `wavelength extract` (ingest only), `wavelength run
           --require-target` and `wavelength run` on them, and checks that every document in
           which the plain run found a target is in the prefiltered run.

usage:
  scripts/bench_shards.py shards --bin BIN --corpus DIR --work DIR [--shards 2] [--threads 2] [--store postgres://…]
  scripts/bench_shards.py prefilter --bin BIN --corpus DIR --offtopic DIR --work DIR [--pages 6000]

DIR for shards: e.g. the output of ../shared/bench/corpus/make_corpus.py --docs 20000.
--offtopic: a folder of .html or .html.gz pages (e.g. ../shared/bench/extraction-wcxb-dev/html).
"""
import argparse
import csv
import gzip
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path


def load():
    """The 1-minute load average now (the machine may be shared: timings are only comparable within a run)."""
    return f"{os.getloadavg()[0]:.1f}"


def measured(args, **kw):
    """Starts a process; returns a function that waits and gives (status, wall, cpu, peak MiB)."""
    print(f"  load average {load()} at the start of: {' '.join(map(str, args[1:3]))} …", file=sys.stderr, flush=True)
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)

    def wait():
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"{' '.join(map(str, args))} exited {code}:\n{err[-2000:]}")
        print(f"  load average {load()} at its end ({wall:.0f} s)", file=sys.stderr, flush=True)
        return code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
    return wait


def tables(folder: Path):
    return sorted(p.name for p in folder.iterdir()
                  if p.suffix in (".csv", ".jsonl", ".tsv") or p.name.endswith(".csv.gz") or p.name == "run.log")


def same_outputs(a: Path, b: Path):
    names = tables(a)
    if names != tables(b):
        return [f"file lists differ: {set(names) ^ set(tables(b))}"]
    diffs = []
    for name in names:
        x, y = (a / name).read_bytes(), (b / name).read_bytes()
        if name == "run.log":
            x, y = x.replace(str(a).encode(), b"OUT"), y.replace(str(b).encode(), b"OUT")
        if x != y:
            diffs.append(name)
    return diffs


def shards(opts):
    work = Path(opts.work)
    shutil.rmtree(work, ignore_errors=True)
    (work / "shards").mkdir(parents=True)
    binary = opts.bin
    rows = []
    code, wall, cpu, rss = measured([binary, "run", opts.corpus, "--output", str(work / "single"),
                                     "--threads", str(opts.threads), "--quiet"])()
    rows.append(("one run", f"--threads {opts.threads}", wall, cpu, [rss]))
    start = time.monotonic()
    waits = [measured([binary, "run", opts.corpus, "--shard", f"{i}/{opts.shards}", "--threads", "1",
                       "--output", str(work / "shards" / str(i)), "--quiet"]) for i in range(opts.shards)]
    results = [w() for w in waits]
    shard_wall = time.monotonic() - start
    rows.append((f"{opts.shards} shard processes, together", "--threads 1 each", shard_wall,
                 sum(r[2] for r in results), [r[3] for r in results]))
    code, mwall, mcpu, mrss = measured([binary, "merge", *[str(work / "shards" / str(i)) for i in range(opts.shards)],
                                        "--output", str(work / "merged"), "--threads", str(opts.threads), "--quiet"])()
    rows.append(("merge", f"--threads {opts.threads}", mwall, mcpu, [mrss]))
    rows.append(("shards + merge", "", shard_wall + mwall, sum(r[2] for r in results) + mcpu,
                 [r[3] for r in results] + [mrss]))
    if opts.store:
        # The same shards through a PostgreSQL store (--store URL --job NAME), then the merge from it.
        job = f"bench-{os.getpid()}"
        start = time.monotonic()
        waits = [measured([binary, "run", opts.corpus, "--shard", f"{i}/{opts.shards}", "--threads", "1",
                           "--output", str(work / "db-shards" / str(i)), "--store", opts.store, "--job", job, "--quiet"])
                 for i in range(opts.shards)]
        results = [w() for w in waits]
        rows.append((f"{opts.shards} shard processes to the store", "--threads 1 each", time.monotonic() - start,
                     sum(r[2] for r in results), [r[3] for r in results]))
        _, swall, scpu, srss = measured([binary, "merge", "--store", opts.store, "--job", job, "--output", str(work / "db-merged"),
                                         "--threads", str(opts.threads), "--quiet"])()
        rows.append(("merge from the store", f"--threads {opts.threads}", swall, scpu, [srss]))
    print(f"| | threads | wall s | CPU s (user+sys) | peak RSS per process (MiB) |")
    print(f"|---|---|---|---|---|")
    for name, threads, wall, cpu, peaks in rows:
        print(f"| {name} | {threads} | {wall:.1f} | {cpu:.1f} | {', '.join(f'{p:.0f}' for p in peaks)} |")
    diffs = same_outputs(work / "single", work / "merged")
    if opts.store:
        diffs += [f"store: {d}" for d in same_outputs(work / "single", work / "db-merged")]
    print("merged tables equal to the single run's, byte for byte:" if not diffs else f"DIFFER: {diffs}",
          ", ".join(tables(work / "single")))
    return 1 if diffs else 0


def warc_record(uri: str, html: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def prefilter(opts):
    work = Path(opts.work)
    shutil.rmtree(work, ignore_errors=True)
    warcs = work / "warc"
    warcs.mkdir(parents=True)
    corpus = Path(opts.corpus)
    generated = sorted(p for lang in ("en", "ja", "ko") for p in (corpus / lang).rglob("*.html"))
    others = sorted(Path(opts.offtopic).glob("*.html*"))
    rng = random.Random(17)
    half = opts.pages // 2
    pages = [("gen", p) for p in rng.sample(generated, min(half, len(generated)))]
    # The other pages repeat (as a crawl's boilerplate-heavy pages do) to reach the count.
    pages += [("web", others[i % len(others)]) for i in range(opts.pages - len(pages))]
    rng.shuffle(pages)
    per_file, n, size = [], 0, 0
    out = None
    for i, (kind, path) in enumerate(pages):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        if out is None or size > 48 << 20:
            if out:
                out.close()
            out = open(warcs / f"mixed-{len(per_file):03d}.warc", "wb")
            per_file.append(0)
            size = 0
        record = warc_record(f"https://{kind}.example/{i}", data)
        out.write(record)
        size += len(record)
        per_file[-1] += 1
    out.close()
    mib = sum(p.stat().st_size for p in warcs.iterdir()) / (1 << 20)
    print(f"{len(per_file)} WARC files, {len(pages)} records ({sum(1 for k, _ in pages if k == 'gen')} from the generated "
          f"corpus, the rest other web pages), {mib:.0f} MiB")
    runs = [("extract (ingest only)", [opts.bin, "extract", "--jsonl", str(warcs)]),
            ("run --require-target", [opts.bin, "run", str(warcs), "--output", str(work / "pre"), "--require-target",
                                      "--threads", "2", "--quiet"]),
            ("run", [opts.bin, "run", str(warcs), "--output", str(work / "plain"), "--threads", "2", "--quiet"])]
    print("| | wall s | CPU s | records per wall s | records per CPU s | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    for name, args in runs:
        _, wall, cpu, rss = measured(args)()
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {len(pages) / wall:.0f} | {len(pages) / cpu:.0f} | {rss:.0f} |")
    import json
    pre = json.loads((work / "pre" / "summary.json").read_text())
    plain = json.loads((work / "plain" / "summary.json").read_text())
    skipped = (pre.get("filtered_out") or {}).get("no_target", 0)
    print(f"documents: {plain['documents']} analysed without the prefilter; {pre['documents']} with it, {skipped} skipped as no_target")

    def with_targets(folder):
        with open(folder / "documents.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        key = "id"
        mention_columns = [k for k in rows[0] if re.fullmatch(r"mentions_.+", k)]
        return {r[key] for r in rows}, {r[key] for r in rows if any(r[c] not in ("", "0") for c in mention_columns)}, mention_columns
    pre_ids, _, _ = with_targets(work / "pre")
    _, plain_targeted, columns = with_targets(work / "plain")
    lost = plain_targeted - pre_ids
    print(f"documents naming a target in the plain run ({', '.join(columns)}): {len(plain_targeted)}; "
          f"missing from the prefiltered run: {len(lost)}")
    return 1 if lost else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    a = sub.add_parser("shards")
    b = sub.add_parser("prefilter")
    for p in (a, b):
        p.add_argument("--bin", required=True)
        p.add_argument("--corpus", required=True)
        p.add_argument("--work", required=True)
    a.add_argument("--shards", type=int, default=2)
    a.add_argument("--threads", type=int, default=2)
    a.add_argument("--store", help="also shard into this PostgreSQL store (postgres://…) and merge from it")
    b.add_argument("--offtopic", required=True)
    b.add_argument("--pages", type=int, default=6000)
    opts = parser.parse_args()
    sys.exit(shards(opts) if opts.what == "shards" else prefilter(opts))


if __name__ == "__main__":
    main()
