#!/usr/bin/env python3
"""Inclusive callgrind instruction counts (Ir) per pipeline stage of a `wavelength run`.

usage: scripts/callgrind_stages.py callgrind.out
Runs callgrind_annotate --inclusive=yes and picks each stage's entry function by a
fragment of its Swift-mangled name (the largest matching entry: specializations and
thread entry points share a name). Ingest and analyze run on the worker threads.
"""
import re
import subprocess
import sys

STAGES = [
    ("ingest (Ingestor.articles)", "8IngestorV8articles6atPath"),
    ("analyze (Analyzer.analyze)", "8AnalyzerV7analyze"),
    ("  sentiment (SentimentScorer.sentiment)", "ScorerV9sentiment2of"),
    ("  themes (ThemeScorer.scores)", "ThemeScorerV6scores"),
    ("  tokenize (Tokenizer.tokenize)", "9TokenizerV8tokenize"),
    ("report data (Pipeline.report)", "12WavePipeline0B0V6report7results"),
    ("  term statistics (withTermStatistics)", "18withTermStatistics"),
    ("topics (Pipeline.trainTopics)", "12WavePipeline0B0V11trainTopics"),
    ("write (ReportWriter.write)", "12ReportWriterV5write"),
]


def main():
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", sys.argv[1]],
                         check=True, text=True, capture_output=True).stdout
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
        rows.append((ir, name))
    print(f"  callgrind Ir total: {total:,}" if total else "  callgrind: no totals")
    for label, fragment in STAGES:
        best = max((ir for ir, name in rows if fragment in name), default=None)
        if best is not None:
            share = f" ({100 * best / total:.1f} %)" if total else ""
            print(f"  {label}: {best:,}{share}")


if __name__ == "__main__":
    main()
