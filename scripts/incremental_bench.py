#!/usr/bin/env python3
"""Incremental-run benchmark: a full run, a rerun with nothing changed, a rerun after new files.

Steps, each timed (wall, and user + system CPU of the wavelength process):

1. full: `wavelength run CORPUS -o OUT` on a copy of the corpus (hard links), no state yet;
2. unchanged: the same command again (the outputs should be kept as they are);
3. added: ADDED's files copied into the corpus under `added/`, the same command again
   (only the new files read; the corpus stage and the outputs from the stored analyses);
4. clean: `--full` into another folder over the grown corpus (the reference), whose
   outputs step 3's must equal (compared as scripts/golden_check.py does).

With --split-topics, step 3 is also run with `--no-topics` from a copy of the state and
outputs step 2 left (into another output folder): the difference of the two reruns' CPU is
the topic retraining's (that rerun lays out every row: its options differ from the last run's).

The stage times of each run come from its summary.json (`stage_seconds`).

usage: scripts/incremental_bench.py --bin BIN --corpus DIR --added DIR [--work DIR] [--threads N] [--split-topics] [-- extra run options]
Exit 0 when the unchanged rerun kept the outputs and step 3 equals the clean run, 1 otherwise.
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import golden_check  # noqa: E402  (compare_dirs)


def timed(command: list[str]) -> tuple[int, float, float]:
    """Runs `command`; returns its exit status, wall seconds and CPU seconds (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    status = subprocess.run(command).returncode
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return status, wall, cpu


def stages(out: Path) -> str:
    try:
        seconds = json.loads((out / "summary.json").read_text()).get("stage_seconds", {})
    except (OSError, ValueError):
        return "?"
    return ", ".join(f"{k} {v:.2f}" for k, v in sorted(seconds.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--added", required=True, type=Path)
    ap.add_argument("--work", type=Path, help="work folder (default: a new temporary one, removed at the end)")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--skip-clean", action="store_true", help="leave out step 4 (the clean run and the comparison)")
    ap.add_argument("--split-topics", action="store_true",
                    help="also rerun step 3 with --no-topics from a copy of step 2's state (the topic retraining's CPU)")
    ap.add_argument("extra", nargs="*", help="more `run` options (after --)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="wl-incr-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus, out, clean, split = work / "corpus", work / "out", work / "clean", work / "split"
    for path in (corpus, out, clean, split):
        shutil.rmtree(path, ignore_errors=True)
    for leftover in list(work.glob(".out.*")) + list(work.glob(".split.*")):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    subprocess.run(["cp", "-al", str(args.corpus), str(corpus)], check=True)
    out.mkdir()   # an empty output folder, as a cron job's after its setup
    files = sum(1 for p in corpus.rglob("*") if p.is_file())
    added = sum(1 for p in args.added.rglob("*") if p.is_file())
    base = [str(Path(args.bin).resolve()), "run", str(corpus), "--quiet", "--threads", str(args.threads)] + args.extra
    rows = []

    def step(name: str, command: list[str], folder: Path) -> int:
        status, wall, cpu = timed(command)
        rows.append((name, status, wall, cpu, stages(folder)))
        print(f"{name}: exit {status}, {wall:.2f} s wall, {cpu:.2f} s CPU; stages: {stages(folder)}", flush=True)
        return status

    step(f"full ({files} files)", base + ["--output", str(out)], out)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    step("unchanged", base + ["--output", str(out)], out)
    kept = before == {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    print(f"unchanged: outputs {'kept' if kept else 'WRITTEN AGAIN'}")
    if args.split_topics:   # step 2's outputs and state, as the split rerun's
        subprocess.run(["cp", "-a", str(out), str(split)], check=True)
        for name in os.listdir(work):
            if name.startswith(".out.state.sqlite"):
                shutil.copy2(work / name, work / name.replace(".out.", ".split.", 1))
    subprocess.run(["cp", "-al", str(args.added), str(corpus / "added")], check=True)
    step(f"added ({added} files)", base + ["--output", str(out)], out)
    if args.split_topics:
        step(f"added ({added} files), --no-topics", base + ["--no-topics", "--output", str(split)], split)
    differences = []
    if not args.skip_clean:
        step("clean (--full, grown corpus)", base + ["--full", "--output", str(clean)], clean)
        differences = golden_check.compare_dirs(clean, out)
        print("added vs clean: " + ("identical" if not differences else "DIFFERENT: " + "; ".join(differences)))
    full_wall, full_cpu = rows[0][2], rows[0][3]
    print("\n| run | wall | CPU | share of the full run (wall / CPU) |\n|---|---|---|---|")
    for name, status, wall, cpu, _ in rows:
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {100 * wall / full_wall:.1f} % / {100 * cpu / full_cpu:.1f} % |")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if kept and not differences else 1


if __name__ == "__main__":
    sys.exit(main())
