#!/usr/bin/env python3
"""Kill test: `wavelength run` killed at any moment never leaves a mixed output folder.

Generates a corpus (../shared/bench/corpus/make_corpus.py, 2,000 articles by
default), times one clean run, then kills runs into the same output folder with
SIGKILL at N points spread over that time (from the first milliseconds to just
before the end). Runs alternate between plain and `--topics 3`, so two sets
differ in their files and a mix would show. After each kill the output folder
must hold one complete, consistent set:

* summary.json and manifest.json parse and name the same run id;
* the folder holds exactly the files manifest.json lists, and summary.json's
  `outputs` are among them;
* documents.jsonl has as many lines as summary.json counts documents.

Then one more run completes (taking what the killed runs left in the run state,
`.out.state.sqlite`), leftovers of the killed runs must be gone, and its
outputs must equal the clean run's (compared as scripts/golden_check.py does);
a last run with nothing changed must keep them (and they still equal it).

usage: scripts/kill_test.py [--bin PATH] [--docs 2000] [--points 20] [--work DIR]
Exit 0 when every check holds, 1 otherwise.
"""
import argparse
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import golden_check  # noqa: E402  (compare_dirs, SHARED)

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ["--topics", "3", "--topic-iterations", "60"]


def consistent(out: Path) -> list[str]:
    """Problems of the output folder (empty when it holds one complete set)."""
    if not out.is_dir():
        return [f"{out} is missing"]
    try:
        summary = json.loads((out / "summary.json").read_text())
        manifest = json.loads((out / "manifest.json").read_text())
    except (OSError, ValueError) as e:
        return [f"summary.json or manifest.json unreadable: {e}"]
    problems = []
    if not summary.get("run_id") or summary.get("run_id") != manifest.get("run_id"):
        problems.append(f"run ids differ: summary {summary.get('run_id')} manifest {manifest.get('run_id')}")
    present = sorted(p.name for p in out.iterdir())
    if present != sorted(manifest.get("files", [])):
        extra = set(present) - set(manifest.get("files", []))
        missing = set(manifest.get("files", [])) - set(present)
        problems.append(f"files differ from the manifest: extra {sorted(extra)}, missing {sorted(missing)}")
    if not set(summary.get("outputs", [])) <= set(present):
        problems.append("summary.json lists outputs that are not there")
    lines = sum(1 for _ in (out / "documents.jsonl").open()) if (out / "documents.jsonl").exists() else -1
    if lines != summary.get("documents"):
        problems.append(f"documents.jsonl has {lines} lines, summary.json says {summary.get('documents')}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=str(ROOT / ".build/debug/wavelength"))
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--points", type=int, default=20)
    ap.add_argument("--work", default=None, help="work folder (default: a new temporary one, removed at the end)")
    args = ap.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="wl-kill-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    if not corpus.exists():
        subprocess.run([sys.executable, str(golden_check.SHARED / "bench/corpus/make_corpus.py"),
                        "--out", str(corpus), "--docs", str(args.docs)], check=True, stdout=subprocess.DEVNULL)
    binary = str(Path(args.bin).resolve())
    base = [binary, "run", str(corpus), "--quiet"]

    clean = work / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    start = time.monotonic()
    status = subprocess.run(base + ["--output", str(clean)]).returncode
    seconds = time.monotonic() - start
    print(f"clean run: exit {status}, {seconds:.1f} s")
    if status not in (0, 1):
        return 1

    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(base + ["--output", str(out)], check=False)
    failures = 0
    killed = 0
    for i in range(args.points):
        # From 2 % to 98 % of a clean run's time; topic runs take longer, so their
        # late kills land in the topic stage.
        delay = seconds * (0.02 + 0.96 * i / max(args.points - 1, 1))
        extra = TOPICS if i % 2 else []
        # --full: each killed run analyses every file again, as long as the clean run, so the
        # point lands inside it (without it, what earlier runs stored makes later runs shorter
        # than their delay, and they finish before the kill).
        proc = subprocess.Popen(base + ["--output", str(out), "--full"] + extra)
        time.sleep(delay)
        finished = proc.poll() is not None
        if not finished:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        problems = consistent(out)
        leftovers = sorted(p.name for p in work.iterdir() if p.name.startswith(".out.staging-"))
        what = "finished before the kill" if finished else "killed"
        print(f"point {i + 1:2d} at {delay:5.1f} s ({'topics' if extra else 'plain'}): {what}; "
              f"{'consistent' if not problems else 'MIXED: ' + '; '.join(problems)}; staging leftovers: {len(leftovers)}")
        failures += bool(problems)
        killed += not finished

    print(f"killed {killed} of {args.points} runs; the others finished before their point")
    status = subprocess.run(base + ["--output", str(out)]).returncode
    # The lock and the run state (kept for the next run) stay; staging folders must not.
    leftovers = sorted(p.name for p in work.iterdir() if p.name.startswith(".out.")
                       and p.name != ".out.lock" and not p.name.startswith(".out.state.sqlite"))
    if leftovers:
        print(f"leftovers after a complete rerun: {leftovers}")
        failures += 1
    differences = golden_check.compare_dirs(clean, out)
    print(f"rerun: exit {status}; {'equal to the clean run' if not differences else 'DIFFERENT: ' + '; '.join(differences)}")
    failures += bool(differences) + bool(consistent(out))
    # Once more with nothing changed: the outputs are kept as they are, and still the clean run's.
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    status = subprocess.run(base + ["--output", str(out)]).returncode
    kept = before == {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    differences = golden_check.compare_dirs(clean, out)
    print(f"rerun with nothing changed: exit {status}; outputs {'kept' if kept else 'written again'}; "
          f"{'equal to the clean run' if not differences else 'DIFFERENT: ' + '; '.join(differences)}")
    failures += bool(differences) + (status not in (0, 1))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    print("kill test: " + ("PASS" if failures == 0 else f"FAIL ({failures})"))
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
