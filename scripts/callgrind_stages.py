#!/usr/bin/env python3
"""Inclusive callgrind instruction counts (Ir) per pipeline stage of a `wavelength run`.

usage: scripts/callgrind_stages.py callgrind.out
Runs callgrind_annotate --inclusive=yes, demangles the Swift names (`swift demangle
--simplified`, when the toolchain is on PATH) and picks each stage's entry function by its
readable name (the largest matching entry: specializations, closures run on worker threads
and thread entry points share a name). Ingest and analyze run on the worker threads, so
their counts are summed over both; a count is instructions, not time, and does not depend
on the load of the machine.
"""
import re
import shutil
import subprocess
import sys

# (label, demangled name prefix); prefixes match "Type.method(" at the start of a demangled
# name, with or without a "specialized " in front.
STAGES = [
    ("ingest (Ingestor.read)", "Ingestor.read(fileSystemPath:"),
    ("analyze (Analyzer.analyze)", "Analyzer.analyze("),
    ("  tokenize (Tokenizer.tokenize)", "Tokenizer.tokenize("),
    ("  sentiment (SentimentScorer.sentiment)", "SentimentScorer.sentiment(of:"),
    ("  themes (ThemeScorer.scores)", "ThemeScorer.scores(for:"),
    ("corpus stage (CorpusAnalysis.init)", "CorpusAnalysis.init(documents:"),
    ("  term statistics (CorpusTermStatistics.init)", "CorpusTermStatistics.init("),
    ("    counting (TermCorpus.init)", "TermCorpus.init(documents:"),
    ("    grouped frequencies (TermCorpus.frequencies)", "TermCorpus.frequencies(by:"),
    ("    near duplicates (NearDuplicateFinder.clusters)", "NearDuplicateFinder.clusters(in:"),
    ("  bootstrap (Bootstrap.meanInterval)", "Bootstrap.meanInterval("),
    ("topics (CorpusAnalysis.modelTopics)", "CorpusAnalysis.modelTopics("),
    ("  Gibbs sampler (GibbsSampler.trainChain)", "GibbsSampler.trainChain("),
    ("write (ReportWriter.write)", "ReportWriter.write(_:summary:extra:"),
    ("  SQLite (SQLiteTables.write)", "SQLiteTables.write("),
]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", sys.argv[1]],
                         check=True, text=True, capture_output=True).stdout
    if shutil.which("swift"):
        out = subprocess.run(["swift", "demangle", "--simplified"], input=out, check=True, text=True,
                             capture_output=True).stdout
    total = None
    rows = []
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(\S.*)$", line)
        if not m:
            continue
        ir = int(m.group(1).replace(",", ""))
        name = m.group(2)
        if "PROGRAM TOTALS" in name:
            total = ir
            continue
        # "file:function [object]" → the function.
        name = re.sub(r"^[^:]*\?\?\?:|^[^ ]*\.(?:swift|c|h):", "", name.split(" [")[0])
        rows.append((ir, name))
    print(f"  callgrind Ir total: {total:,}" if total else "  callgrind: no totals")

    def matches(name, prefix):
        for head in ("", "specialized ", "closure #1 in ", "static "):
            if name.startswith(head + prefix) or (" in " + prefix) in name:
                return True
        return False

    for label, prefix in STAGES:
        best = max((ir for ir, name in rows if matches(name, prefix)), default=None)
        if best is not None:
            share = f" ({100 * best / total:.1f} %)" if total else ""
            print(f"  {label}: {best:,}{share}")
        else:
            print(f"  {label}: not found (inlined?)")


if __name__ == "__main__":
    main()
