#!/usr/bin/env python3
"""The tables contract: a run's outputs load in one call in pandas, polars and DuckDB
with the types datapackage.json declares, the data package validates, the SQLite
database holds every table with its keys, and the example notebook reproduces
summary.json and the report.

usage: check_tables_contract.py RUN_DIR [RUN_DIR ...] [--notebook PATH] [--no-frictionless]

Each RUN_DIR is the output folder of a `wavelength run` (with --topics for the topic
tables). Prints one line per check and `N passed, N failed` at the end; exit 1 on any failure.
Needs pandas, polars, duckdb, frictionless, nbclient and ipykernel (`.ci/run` installs them).
"""
import argparse, json, os, sqlite3, subprocess, sys, tempfile, traceback
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "docs" / "examples" / "notebook"
sys.path.insert(0, str(EXAMPLES))
import wavelength_tables as wt  # the loaders the notebook uses: one call per table, types from datapackage.json

PASSED, FAILED = 0, 0


def check(name, fn):
    global PASSED, FAILED
    try:
        fn()
        PASSED += 1
        print(f"ok    {name}")
    except Exception as e:  # report and go on: every check is listed
        FAILED += 1
        print(f"FAIL  {name}: {e}")
        if os.environ.get("CONTRACT_TRACEBACK"):
            traceback.print_exc()


def expect(cond, message):
    if not cond:
        raise AssertionError(message)


# What each declared type may come out as when a library infers the types itself
# (a column that is empty in every row may come out as the library's null type).
PANDAS_INFERRED = {
    "integer": ("int64", "float64"),  # float64 when the column has empty cells
    "number": ("float64",),
    "boolean": ("bool", "object"),   # object when the column has empty cells
}
POLARS_INFERRED = {
    "integer": (pl.Int64,),
    "number": (pl.Float64,),
    "boolean": (pl.Boolean,),
    "date": (pl.Date,),
    "datetime": (pl.Datetime,),
}
DUCKDB_INFERRED = {
    "integer": ("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT"),
    "number": ("DOUBLE", "FLOAT", "DECIMAL"),
    "boolean": ("BOOLEAN",),
    "date": ("DATE",),
    "datetime": ("TIMESTAMP WITH TIME ZONE",),
}


def all_empty(series):
    return series.isna().all() if hasattr(series, "isna") else series.null_count() == len(series)


def check_run(run: Path, frictionless: bool):
    package = json.loads((run / "datapackage.json").read_text(encoding="utf-8"))
    resources = package["resources"]
    tag = run.name

    def files_present():
        for r in resources:
            expect((run / r["path"]).is_file(), f"{r['path']} declared but missing")
        csvs = sorted(p.name for p in run.iterdir() if p.name.endswith((".csv", ".csv.gz")))
        expect(csvs == sorted(r["path"] for r in resources), f"tables on disk {csvs} differ from datapackage.json")
    check(f"{tag}: every table is declared in datapackage.json", files_present)

    for r in resources:
        path = run / r["path"]
        fields = r["schema"]["fields"]
        types = {f["name"]: f["type"] for f in fields}

        def pandas_declared(r=r, types=types):
            df = wt.read_pandas(run, r["name"])
            expect(list(df.columns) == list(types), "columns differ from the schema")
            for name, t in types.items():
                dtype = str(df[name].dtype)
                want = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string",
                        "date": "datetime64", "datetime": "datetime64"}.get(t, "string")
                expect(dtype.startswith(want), f"{name}: declared {t}, pandas gave {dtype}")
                if t == "datetime":
                    expect("UTC" in dtype, f"{name}: timestamps must be UTC, got {dtype}")

        def pandas_inferred(r=r, types=types, path=path):
            df = pd.read_csv(path)
            for name, t in types.items():
                if t in PANDAS_INFERRED and not all_empty(df[name]):
                    expect(str(df[name].dtype) in PANDAS_INFERRED[t], f"{name}: declared {t}, pandas inferred {df[name].dtype}")

        def polars_declared(r=r, types=types):
            df = wt.read_polars(run, r["name"])
            expect(df.columns == list(types), "columns differ from the schema")
            for name, t in types.items():
                want = {"integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean, "date": pl.Date,
                        "datetime": pl.Datetime, "string": pl.String}.get(t, pl.String)
                expect(df.schema[name].base_type() == want, f"{name}: declared {t}, polars gave {df.schema[name]}")

        def polars_inferred(r=r, types=types, path=path):
            df = pl.read_csv(path, try_parse_dates=True)  # the default: inference from the first 100 rows
            for name, t in types.items():
                # A column empty in all of polars' first 100 rows (`year` beside other dimensions) comes out as
                # text: it loads, and the declared-type load above types it.
                if t in POLARS_INFERRED and df[name].head(100).null_count() < min(100, len(df)):
                    expect(df.schema[name].base_type() in POLARS_INFERRED[t],
                           f"{name}: declared {t}, polars inferred {df.schema[name]}")

        def duckdb_declared(r=r, types=types):
            rel = wt.read_duckdb(run, r["name"])
            got = dict(zip(rel.columns, map(str, rel.types)))
            expect(list(got) == list(types), "columns differ from the schema")
            for name, t in types.items():
                want = wt.DUCKDB_TYPES.get(t, "VARCHAR")
                expect(got[name] == want, f"{name}: declared {t}, DuckDB gave {got[name]}")
            rel.fetchall()

        def duckdb_inferred(r=r, types=types, path=path):
            rel = duckdb.sql(f"SELECT * FROM '{path}'")
            got = dict(zip(rel.columns, map(str, rel.types)))
            nonempty = {c: v for c, v in zip(rel.columns, duckdb.sql(
                "SELECT " + ", ".join(f'count("{c}")' for c in rel.columns) + f" FROM '{path}'").fetchall()[0])}
            for name, t in types.items():
                if t in DUCKDB_INFERRED and nonempty[name] > 0:
                    expect(got[name].split("(")[0] in DUCKDB_INFERRED[t], f"{name}: declared {t}, DuckDB inferred {got[name]}")

        for lib, fn in [("pandas (declared types)", pandas_declared), ("pandas (inferred)", pandas_inferred),
                        ("polars (declared types)", polars_declared), ("polars (inferred)", polars_inferred),
                        ("DuckDB (declared types)", duckdb_declared), ("DuckDB (inferred)", duckdb_inferred)]:
            check(f"{tag}: {r['path']} loads in {lib}", fn)

    def jsonl():
        path = run / "documents.jsonl"
        p = pd.read_json(path, lines=True)
        # polars infers JSON types from the first 100 lines; a key null in all of them (`item` on a corpus
        # that starts with pages) needs the whole file looked at, as the README says.
        q = pl.read_ndjson(path, infer_schema_length=None)
        d = duckdb.sql(f"SELECT * FROM read_json_auto('{path}')")
        n = len(pd.read_csv(run / "documents.csv"))
        expect(len(p) == len(q) == d.shape[0] == n, "row counts differ from documents.csv")
        for name in ("sentiment", "framing_index"):
            if q[name].null_count() < len(q):
                expect(q.schema[name] == pl.Float64, f"polars reads {name} as {q.schema[name]}")
    check(f"{tag}: documents.jsonl loads in pandas, polars and DuckDB", jsonl)

    def database():
        db = sqlite3.connect(run / "wavelength.sqlite")
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        expect(tables == {r["name"] for r in resources}, f"tables {sorted(tables)}")
        cli = subprocess.run(["sqlite3", str(run / "wavelength.sqlite"), ".tables"], capture_output=True, text=True)
        if cli.returncode == 0:
            expect(set(cli.stdout.split()) == tables, f"sqlite3 .tables lists {cli.stdout.split()}")
        expect(db.execute("PRAGMA foreign_key_check").fetchall() == [], "PRAGMA foreign_key_check is not empty")
        version = package["wavelength"]["sqliteUserVersion"]
        expect(db.execute("PRAGMA user_version").fetchone()[0] == version, "user_version differs from datapackage.json")
        for r in resources:
            info = {row[1]: row for row in db.execute(f'PRAGMA table_info("{r["name"]}")')}
            for f in r["schema"]["fields"]:
                expect(info[f["name"]][2] == wt.SQLITE_TYPES[f["type"]], f"{r['name']}.{f['name']} declared {info[f['name']][2]}")
            pk = [name for name, row in sorted(info.items(), key=lambda kv: kv[1][5]) if row[5] > 0]
            expect(pk == r["schema"].get("primaryKey", []), f"{r['name']}: primary key {pk}")
            count = db.execute(f'SELECT count(*) FROM "{r["name"]}"').fetchone()[0]
            rows = wt.read_polars(run, r["name"]).height
            expect(count == rows, f"{r['name']}: {count} rows in SQLite, {rows} in {r['path']}")
            for fk in r["schema"].get("foreignKeys", []):
                indexed = any(fk["fields"] == [c[2] for c in db.execute(f'PRAGMA index_info("{ix[1]}")')]
                              or [c[2] for c in db.execute(f'PRAGMA index_info("{ix[1]}")')][:len(fk["fields"])] == fk["fields"]
                              for ix in db.execute(f'PRAGMA index_list("{r["name"]}")'))
                expect(indexed, f"{r['name']}: no index on join key {fk['fields']}")
        typed = pd.read_sql("SELECT published_date, published_utc FROM documents", db)
        expect(len(typed) > 0, "no documents")
    check(f"{tag}: wavelength.sqlite holds every table, keys, indexes and user_version", database)

    if frictionless:
        def validate():
            out = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", str(run / "datapackage.json")],
                                 capture_output=True, text=True, cwd=run)
            try:
                report = json.loads(out.stdout)
            except json.JSONDecodeError:
                raise AssertionError(f"frictionless printed no report: {out.stderr[-500:]}")
            if not report.get("valid"):
                errors = [e.get("message") for t in report.get("tasks", []) for e in t.get("errors", [])][:5]
                raise AssertionError(f"frictionless validate: {errors}")
        check(f"{tag}: frictionless validate datapackage.json", validate)


def check_notebook(run: Path, notebook: Path):
    import nbformat
    from nbclient import NotebookClient

    def execute():
        nb = nbformat.read(notebook, as_version=4)
        os.environ["WAVELENGTH_RUN"] = str(run)
        with tempfile.TemporaryDirectory() as tmp:
            result = Path(tmp) / "numbers.json"
            os.environ["WAVELENGTH_NUMBERS"] = str(result)
            NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}).execute()
            numbers = json.loads(result.read_text())
        mismatches = wt.compare_with_run(run, numbers)
        expect(not mismatches, "; ".join(mismatches[:5]))
    check(f"{run.name}: the example notebook executes and reproduces summary.json and the report", execute)

    def script():
        with tempfile.TemporaryDirectory() as tmp:
            result = Path(tmp) / "numbers.json"
            out = subprocess.run([sys.executable, str(EXAMPLES / "wavelength_run.py"), str(run), "--numbers", str(result)],
                                 capture_output=True, text=True)
            expect(out.returncode == 0, f"exit {out.returncode}: {out.stderr[-500:]}")
            mismatches = wt.compare_with_run(run, json.loads(result.read_text()))
            expect(not mismatches, "; ".join(mismatches[:5]))
    check(f"{run.name}: the example script reproduces summary.json and the report", script)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("runs", nargs="+", type=Path)
    ap.add_argument("--notebook", type=Path, default=EXAMPLES / "wavelength_run.ipynb")
    ap.add_argument("--no-frictionless", action="store_true")
    args = ap.parse_args()
    for run in args.runs:
        check_run(run, not args.no_frictionless)
        check_notebook(run, args.notebook)
    print(f"contract: {PASSED} passed, {FAILED} failed")
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
