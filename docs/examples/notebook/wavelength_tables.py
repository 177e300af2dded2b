"""Load a Wavelength run's tables with the types its datapackage.json declares,
in one call per table, with pandas, polars or DuckDB; and the key numbers of
the run (summary.json and the report) recomputed from the tables.

    import wavelength_tables as wt
    documents = wt.read_pandas("Output", "documents")     # or read_polars / read_duckdb
    numbers = wt.key_numbers("Output")                    # what the notebook computes
    wt.compare_with_run("Output", numbers)                # [] when they equal summary.json and the report

The type maps below are the whole contract: `datapackage.json` declares each
column as integer, number, boolean, string, date or datetime (UTC, `…Z`), and an
empty cell is null.
"""
import json
import math
import re
from pathlib import Path

PANDAS_TYPES = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}
DUCKDB_TYPES = {"integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "string": "VARCHAR",
                "date": "DATE", "datetime": "TIMESTAMP WITH TIME ZONE"}
SQLITE_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "BOOLEAN", "string": "TEXT",
                "date": "DATE", "datetime": "TIMESTAMP", "array": "TEXT", "object": "TEXT"}


def package(run):
    return json.loads((Path(run) / "datapackage.json").read_text(encoding="utf-8"))


def resource(run, name):
    for r in package(run)["resources"]:
        if r["name"] == name:
            return r
    raise KeyError(f"{name}: no such table in {run}/datapackage.json")


def fields(run, name):
    return [(f["name"], f["type"]) for f in resource(run, name)["schema"]["fields"]]


def path(run, name):
    return Path(run) / resource(run, name)["path"]


def pandas_args(run, name):
    """Keyword arguments of pandas.read_csv for table `name`."""
    cols = fields(run, name)
    return {"dtype": {c: PANDAS_TYPES.get(t, "string") for c, t in cols if t not in ("date", "datetime")},
            "parse_dates": [c for c, t in cols if t in ("date", "datetime")],
            "keep_default_na": False, "na_values": [""]}


def read_pandas(run, name):
    import pandas as pd
    return pd.read_csv(path(run, name), **pandas_args(run, name))


def polars_schema(run, name):
    import polars as pl
    types = {"integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean, "string": pl.String,
             "date": pl.Date, "datetime": pl.Datetime("us", "UTC")}
    return {c: types.get(t, pl.String) for c, t in fields(run, name)}


def read_polars(run, name):
    import polars as pl
    return pl.read_csv(path(run, name), schema=polars_schema(run, name))


def duckdb_columns(run, name):
    return {c: DUCKDB_TYPES.get(t, "VARCHAR") for c, t in fields(run, name)}


def read_duckdb(run, name, connection=None):
    import duckdb
    con = connection or duckdb.default_connection()
    return con.read_csv(str(path(run, name)), header=True, dtype=duckdb_columns(run, name))


def key_numbers(run):
    """The run's key numbers, recomputed from its tables with pandas (the notebook
    does the same with polars and DuckDB and checks they agree)."""
    import pandas as pd
    documents = read_pandas(run, "documents")
    themes = read_pandas(run, "themes")
    sentiment = read_pandas(run, "sentiment")
    by_group = read_pandas(run, "themes_by_group")
    targets = [c[len("sentiment_"):] for c in documents.columns if c.startswith("sentiment_")]
    joined = documents[["id", "focus"]].merge(sentiment.drop(columns=["language", "focus"]), on="id", validate="one_to_one")

    def counts(column):
        return {str(k): int(v) for k, v in documents[column].value_counts().items()}

    framing = {}
    for focus, group in documents.groupby("focus"):
        values = group["framing_index"].dropna()
        row = by_group[(by_group.dimension == "focus") & (by_group.group == focus) & (by_group.measure == "framing_index")]
        framing[focus] = {"n": int(len(values)), "mean": float(values.mean()) if len(values) else None,
                          "ci_low": None if row.empty or pd.isna(row.ci_low.iloc[0]) else float(row.ci_low.iloc[0]),
                          "ci_high": None if row.empty or pd.isna(row.ci_high.iloc[0]) else float(row.ci_high.iloc[0])}
    toward = {}
    for focus, group in joined.groupby("focus"):
        toward[focus] = {t: (float(group[f"sentiment_{t}"].dropna().mean()) if group[f"sentiment_{t}"].notna().any() else None)
                         for t in targets}
    return {
        "documents": int(len(documents)),
        "tokens": int(documents["tokens"].sum()),
        "documents_by_language": counts("language"),
        "documents_by_format": counts("format"),
        "documents_by_focus": counts("focus"),
        "theme_totals": {str(k): int(v) for k, v in themes.groupby("theme")["hits"].sum().items() if v > 0},
        "sentiment_by_focus": {str(k): float(v) for k, v in joined.groupby("focus")["sentiment"].mean().items()},
        "framing_by_focus": framing,
        "sentiment_toward_target_by_focus": toward,
        "targets": targets,
    }


def report_sentiment_table(run):
    """The report's "Sentiment by country focus" table: focus → [overall, toward each target…]."""
    text = (Path(run) / "report.md").read_text(encoding="utf-8")
    section = text.split("## Sentiment by country focus", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("|")]
    table = {}
    for cells in rows[2:]:
        cells = [c.strip() for c in cells]
        table[cells[0]] = [None if c in ("–", "") else float(c) for c in cells[2:]]
    return table


def compare_with_run(run, numbers):
    """Differences between `numbers` (from the tables) and summary.json / themes_by_group / the report."""
    summary = json.loads((Path(run) / "summary.json").read_text(encoding="utf-8"))
    problems = []
    for key in ("documents", "tokens", "documents_by_language", "documents_by_format", "documents_by_focus", "theme_totals"):
        if numbers[key] != summary[key]:
            problems.append(f"{key}: tables give {numbers[key]}, summary.json {summary[key]}")
    # The tables round to 4 decimals, so a mean of them is within 5e-5 of the exact one.
    for focus, value in summary["sentiment_by_focus"].items():
        got = numbers["sentiment_by_focus"].get(focus)
        if got is None or abs(got - value) > 5e-5:
            problems.append(f"sentiment_by_focus[{focus}]: tables give {got}, summary.json {value}")
    groups = json.loads(json.dumps(numbers["framing_by_focus"]))
    import pandas as pd
    by_group = read_pandas(run, "themes_by_group")
    for focus, f in groups.items():
        row = by_group[(by_group.dimension == "focus") & (by_group.group == focus) & (by_group.measure == "framing_index")]
        if row.empty:
            problems.append(f"framing_index[{focus}]: no row in themes_by_group.csv")
            continue
        n, mean = int(row.n.iloc[0]), row["mean"].iloc[0]
        if n != f["n"]:
            problems.append(f"framing_index[{focus}]: {f['n']} documents with a value, themes_by_group n = {n}")
        if (f["mean"] is None) != pd.isna(mean) or (f["mean"] is not None and abs(f["mean"] - mean) > 5e-5):
            problems.append(f"framing_index[{focus}]: mean {f['mean']}, themes_by_group {mean}")
    report = report_sentiment_table(run)
    for focus, values in report.items():
        overall, toward = values[0], values[1:]
        if abs(numbers["sentiment_by_focus"][focus] - overall) > 5.5e-4:
            problems.append(f"report overall sentiment[{focus}] {overall}, tables {numbers['sentiment_by_focus'][focus]}")
        for target, shown in zip(numbers["targets"], toward):
            got = numbers["sentiment_toward_target_by_focus"][focus][target]
            if (shown is None) != (got is None) or (got is not None and abs(got - shown) > 5.5e-4):
                problems.append(f"report sentiment toward {target}[{focus}] {shown}, tables {got}")
    return problems
