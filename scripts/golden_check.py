#!/usr/bin/env python3
"""Golden check: do two builds of wavelength write the same outputs?

Runs a baseline binary and a candidate binary on the same corpora with the same
options and compares every output file:

* tables (CSV, JSONL, TSV, run.log) byte for byte; gzip files by their content;
* the token store: byte for byte when both runs wrote tokens.wlt; against a baseline that
  wrote the older tokens.tsv, the candidate's tokens.wlt decoded (scripts/terms_store.py)
  and rendered as tokens.tsv text must equal the baseline's file, and the file lists of
  summary.json and manifest.json are compared with the one name for the other;
* wavelength.sqlite table by table, row by row (the file's bytes carry page
  layout, not content);
* summary.json, report.md and report.html after removing what changes on every
  run: durations, start times and the output folder's own path.

usage:
  scripts/golden_check.py --baseline-ref main              # builds the ref in a worktree
  scripts/golden_check.py --baseline-bin /path/wavelength  # a binary built earlier
  options: --candidate-bin PATH (default: release build of this checkout)
           --docs 2000 (generated corpus size; 0 skips it) --work DIR --topics K

A baseline output folder can be reused with --baseline-out-root DIR (made by an
earlier call with --keep). Exit 0 when every compared file is equal, 1 otherwise.
Needs ../shared/bench/corpus/make_corpus.py for the generated corpus.
"""
import argparse
import gzip
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SHARED", ROOT.parent / "shared"))

# What differs on every run and is not a result.
VOLATILE_JSON_KEYS = {"seconds", "startedAt", "started_at", "finishedAt", "finished_at",
                      "stage_seconds", "stageSeconds", "output", "run_id", "runId", "durations",
                      "corpus"}  # the corpus folder's path: Corpus of each checkout, or a work folder
VOLATILE_TEXT = [
    re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"),  # time stamps
    re.compile(r"\b\d+(\.\d+)?\s*(s|ms|seconds)\b"),                        # durations
]


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, **kw)


def build_release(checkout: Path, scratch: str | None = None) -> Path:
    args = ["swift", "build", "-c", "release", "--product", "wavelength"]
    if scratch:
        args += ["--scratch-path", scratch]
    sh(args, cwd=checkout, stdout=subprocess.DEVNULL)
    out = subprocess.run(args[:4] + (["--scratch-path", scratch] if scratch else []) + ["--show-bin-path"],
                         cwd=checkout, check=True, text=True, capture_output=True).stdout.strip()
    return Path(out) / "wavelength"


def run(binary: Path, corpus: Path, out: Path, extra: list[str]) -> int:
    if out.exists():
        sh(["rm", "-rf", str(out)])
    proc = subprocess.run([str(binary), "run", str(corpus), "--output", str(out), "--quiet", *extra],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return proc.returncode


def scrub_json(value):
    if isinstance(value, str):
        return RENAMED_OUTPUTS.get(value, value)
    if isinstance(value, dict):
        return {k: scrub_json(v) for k, v in value.items() if k not in VOLATILE_JSON_KEYS}
    if isinstance(value, list):
        return [scrub_json(v) for v in value if not is_stage_row(v)]
    return value


def is_stage_row(row) -> bool:
    """A row of the run manifest's stage timings: which stages ran differs between a whole run
    and an incremental one (state_load instead of ingest and analyze), not the results."""
    return isinstance(row, list) and bool(row) and isinstance(row[0], str) and row[0].startswith("stage ")


# The same rows in report.md and report.html (after the durations became <T>).
STAGE_ROWS = re.compile(r"^\| stage [^|\n]*\| <T> \|\n|<tr><td>stage [^<]*</td><td><T></td></tr>", re.M)


def corpus_path(out_dir: Path) -> str | None:
    """The corpus folder a run read, from its summary (it appears in the reports)."""
    try:
        return json.loads((out_dir / "summary.json").read_text()).get("corpus")
    except (OSError, ValueError):
        return None


def scrub_text(text: str, out_dir: Path) -> str:
    text = text.replace(str(out_dir), "<OUT>")
    corpus = corpus_path(out_dir)
    if corpus:
        text = text.replace(corpus, "<CORPUS>")
    for pattern in VOLATILE_TEXT:
        text = pattern.sub("<T>", text)
    return STAGE_ROWS.sub("", text)


def sqlite_dump(path: Path) -> list:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type='table' order by name")]
        dump = []
        for t in tables:
            schema = con.execute("select sql from sqlite_master where name=?", (t,)).fetchone()[0]
            rows = con.execute(f'select * from "{t}"').fetchall()
            dump.append((t, schema, rows))
        return dump
    finally:
        con.close()


# Outputs added on purpose since a baseline may have been built: when only the
# candidate has one it is not a difference (when both have it, it is compared).
ADDED_OUTPUTS = {"manifest.json"}
# Output files renamed since a baseline may have been built: old name -> new name.
RENAMED_OUTPUTS = {"tokens.tsv": "tokens.wlt"}


def store_as_tsv(path: Path) -> bytes:
    """A tokens.wlt decoded and rendered as the tokens.tsv earlier versions wrote."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from terms_store import tsv_lines
    return "".join(tsv_lines(str(path))).encode("utf-8")


def compare_dirs(base: Path, cand: Path) -> list[str]:
    problems = []
    names = sorted({p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()} |
                   {p.relative_to(cand).as_posix() for p in cand.rglob("*") if p.is_file()})
    for name in names:
        b, c = base / name, cand / name
        if not b.exists() and c.exists() and name in ADDED_OUTPUTS:
            continue
        old = {new: old for old, new in RENAMED_OUTPUTS.items()}.get(name)
        if old and not b.exists() and c.exists() and (base / old).exists():
            continue  # compared under its old name
        new = RENAMED_OUTPUTS.get(name)
        if new and b.exists() and not c.exists() and (cand / new).exists():
            if b.read_bytes() != store_as_tsv(cand / new):
                problems.append(f"{new}: decoded, differs from the baseline's {name}")
            continue
        if not b.exists() or not c.exists():
            problems.append(f"{name}: only in {'baseline' if b.exists() else 'candidate'}")
            continue
        if name.endswith(".sqlite"):
            if sqlite_dump(b) != sqlite_dump(c):
                problems.append(f"{name}: tables differ")
        elif name in ("summary.json", "manifest.json"):
            if scrub_json(json.loads(b.read_text())) != scrub_json(json.loads(c.read_text())):
                problems.append(f"{name}: differs beyond timings")
        elif name == "report-model.json":
            # The stored report model: its header and manifest carry times, durations and paths.
            def model_text(path: Path, out_dir: Path) -> str:
                model = scrub_json(json.loads(path.read_text()))
                return scrub_text(json.dumps(model, sort_keys=True, ensure_ascii=False), out_dir)
            if model_text(b, base) != model_text(c, cand):
                problems.append(f"{name}: differs beyond timings")
        elif name.endswith((".html", ".md")) or name == "run.log":
            if scrub_text(b.read_text(), base) != scrub_text(c.read_text(), cand):
                problems.append(f"{name}: differs beyond timings")
        elif name.endswith(".gz"):
            # By content: a gzip file's bytes also carry how it was compressed (tokens.csv.gz is
            # compressed document by document, so that a rerun copies unchanged documents' bytes).
            if gzip.decompress(b.read_bytes()) != gzip.decompress(c.read_bytes()):
                problems.append(f"{name}: content differs")
        elif b.read_bytes() != c.read_bytes():
            problems.append(f"{name}: bytes differ")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline-ref")
    ap.add_argument("--baseline-bin", type=Path)
    ap.add_argument("--baseline-out-root", type=Path, help="reuse baseline outputs made earlier")
    ap.add_argument("--candidate-bin", type=Path)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--topics", type=int, default=5, help="K for the runs with topics (0: none)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/wavelength-golden"))
    args = ap.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)

    corpora = {"corpus": ROOT / "Corpus"}
    if args.docs > 0:
        generated = work / f"corpus{args.docs}"
        if not generated.exists():
            sh([sys.executable, str(SHARED / "bench/corpus/make_corpus.py"), "--out", str(generated),
                "--docs", str(args.docs)], stdout=subprocess.DEVNULL)
        corpora[f"gen{args.docs}"] = generated
    variants = {"plain": []}
    if args.topics > 0:
        variants["topics"] = ["--topics", str(args.topics), "--topic-iterations", "200"]

    baseline_root = args.baseline_out_root
    if baseline_root is None:
        if args.baseline_bin:
            base_bin = args.baseline_bin
        elif args.baseline_ref:
            tree = work / "baseline-tree"
            if tree.exists():
                sh(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT)
            sh(["git", "worktree", "add", "--detach", str(tree), args.baseline_ref], cwd=ROOT,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            base_bin = build_release(tree, scratch=str(work / ".build-baseline"))
        else:
            ap.error("give --baseline-ref, --baseline-bin or --baseline-out-root")
        baseline_root = work / "baseline"
        for cname, corpus in corpora.items():
            for vname, extra in variants.items():
                rc = run(base_bin, corpus, baseline_root / f"{cname}-{vname}", extra)
                (baseline_root / f"{cname}-{vname}.rc").write_text(str(rc))

    cand_bin = args.candidate_bin or build_release(ROOT)
    failed = False
    for cname, corpus in corpora.items():
        for vname, extra in variants.items():
            label = f"{cname}-{vname}"
            out = work / "candidate" / label
            rc = run(cand_bin, corpus, out, extra)
            base_rc = int((baseline_root / f"{label}.rc").read_text()) if (baseline_root / f"{label}.rc").exists() else None
            problems = compare_dirs(baseline_root / label, out)
            if base_rc is not None and base_rc != rc:
                problems.append(f"exit code {rc}, baseline {base_rc}")
            files = sum(1 for p in out.rglob("*") if p.is_file())
            if problems:
                failed = True
                print(f"{label}: DIFFERENT ({len(problems)} of {files} files)")
                for p in problems:
                    print(f"  {p}")
            else:
                print(f"{label}: identical ({files} files; tables byte for byte)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
