#!/usr/bin/env python3
"""A Wavelength run in a notebook: load the tables with pandas, polars and DuckDB,
join documents with themes and sentiment, and reproduce the report's key numbers
(framing by target with intervals, sentiment toward each target).

usage: wavelength_run.py [RUN_DIR] [--numbers FILE]     (RUN_DIR defaults to $WAVELENGTH_RUN or Output)

wavelength_run.ipynb holds the same cells (each `# %%` below is one cell).
"""
# %%
import json, os, sys
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl

sys.path.insert(0, str(Path.cwd()))
import wavelength_tables as wt

args = [a for a in sys.argv[1:] if not a.startswith("-f")] if "ipykernel" not in sys.modules else []
RUN = Path(args[0] if args and not args[0].startswith("--") else os.environ.get("WAVELENGTH_RUN", "Output"))
NUMBERS = os.environ.get("WAVELENGTH_NUMBERS")
if "--numbers" in args:
    NUMBERS = args[args.index("--numbers") + 1]
summary = json.loads((RUN / "summary.json").read_text(encoding="utf-8"))
print(f"run of {summary['corpus']}: {summary['documents']} documents, schema {wt.package(RUN)['version']}")

# %% [markdown]
# ## Load: one call per table, types from `datapackage.json`
# Dates come out as dates, `published_utc` as a UTC timestamp, numbers as numbers, empty cells as null.

# %%
documents = pd.read_csv(RUN / "documents.csv", **wt.pandas_args(RUN, "documents"))
themes = pd.read_csv(RUN / "themes.csv", **wt.pandas_args(RUN, "themes"))
sentiment = pd.read_csv(RUN / "sentiment.csv", **wt.pandas_args(RUN, "sentiment"))
print(documents[["id", "published_date", "published_utc", "language", "focus", "sentiment", "framing_index"]].head())
print(documents.dtypes[["published_date", "published_utc", "tokens", "framing_index"]])

# %%
documents_pl = pl.read_csv(RUN / "documents.csv", schema=wt.polars_schema(RUN, "documents"))
tokens_pl = pl.read_csv(RUN / "tokens.csv.gz", schema=wt.polars_schema(RUN, "tokens"))
print(documents_pl.select("id", "published_date", "published_utc", "framing_index").head(3))
print(tokens_pl.filter(pl.col("content")).group_by("term").len().sort("len", descending=True).head(5))

# %%
con = duckdb.connect()
for table in ("documents", "themes", "sentiment", "themes_by_group"):
    con.register(table, wt.read_duckdb(RUN, table, con))
print(con.sql("SELECT published_date, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC LIMIT 3"))

# %% [markdown]
# ## Join documents with themes and sentiment

# %%
joined = (documents[["id", "language", "focus", "tokens", "framing_index"]]
          .merge(sentiment.drop(columns=["language", "focus"]), on="id", validate="one_to_one")
          .merge(themes.pivot(index="id", columns="theme", values="rate_per_1000").add_prefix("rate_"), on="id"))
print(joined.head())

# %% [markdown]
# ## Key numbers: framing by target with intervals, sentiment toward each target
# The framing index is empty (null) where it does not apply, so a plain mean is the report's mean.

# %%
numbers = wt.key_numbers(RUN)
framing = pd.DataFrame(numbers["framing_by_focus"]).T
print(framing)
print(pd.DataFrame(numbers["sentiment_toward_target_by_focus"]).T)

# %%
# The same framing means in polars and in DuckDB.
framing_pl = documents_pl.group_by("focus").agg(pl.col("framing_index").mean(), pl.col("framing_index").count().alias("n"))
framing_db = con.sql("SELECT focus, avg(framing_index) AS framing_index, count(framing_index) AS n FROM documents GROUP BY focus").df()
for row in framing_pl.iter_rows(named=True):
    other = framing_db[framing_db.focus == row["focus"]].iloc[0]
    expected = numbers["framing_by_focus"][row["focus"]]
    assert row["n"] == other["n"] == expected["n"], row
    if expected["mean"] is not None:
        assert abs(row["framing_index"] - expected["mean"]) < 1e-9 and abs(other["framing_index"] - expected["mean"]) < 1e-9
print("pandas, polars and DuckDB agree")

# %%
problems = wt.compare_with_run(RUN, numbers)
print("the tables reproduce summary.json and the report" if not problems else "\n".join(problems))
if NUMBERS:
    Path(NUMBERS).write_text(json.dumps(numbers, indent=1), encoding="utf-8")
assert not problems
