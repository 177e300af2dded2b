#!/usr/bin/env bash
# The tables contract (scripts/check_tables_contract.py) on the sample Corpus run and, when
# ../shared is there, on a generated 2,000-article run: every table loads in one call in
# pandas, polars and DuckDB with its declared types, `frictionless validate` passes, the
# SQLite database holds every table with its keys, and the example notebook reproduces
# summary.json and the report. Installs its Python packages from PyPI into a venv.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check pandas polars duckdb frictionless nbclient nbformat ipykernel
py="$work/venv/bin/python"
"$py" -m ipykernel install --prefix "$work/venv" --name python3 >/dev/null
export JUPYTER_PATH="$work/venv/share/jupyter"

# The notebook is the script's cells.
"$py" docs/examples/notebook/make_notebook.py --check || { echo "wavelength_run.ipynb differs from wavelength_run.py: run make_notebook.py" >&2; exit 1; }

# The release build when there is one (scripts/ci_install_check.sh made it), else the debug build of `swift test`.
bin="$(swift build -c release --static-swift-stdlib --show-bin-path 2>/dev/null)/wavelength"
[ -x "$bin" ] || bin="$(swift build --show-bin-path)/wavelength"
[ -x "$bin" ] || swift build --product wavelength
echo "tables contract with $bin"

runs=()
"$bin" run Corpus --output "$work/sample" --topics 4 -q || [ $? -eq 1 ]
runs+=("$work/sample")

shared="${SHARED:-$root/../shared}"
if [ -f "$shared/bench/corpus/make_corpus.py" ]; then
  "$py" "$shared/bench/corpus/make_corpus.py" --out "$work/corpus-2000" --docs 2000 >/dev/null
  "$bin" run "$work/corpus-2000" --output "$work/run-2000" --topics 8 -q || [ $? -eq 1 ]
  runs+=("$work/run-2000")
else
  echo "tables contract: $shared/bench/corpus/make_corpus.py absent: the generated 2,000-article run is skipped (the sample run is checked)"
fi

"$py" scripts/check_tables_contract.py "${runs[@]}"
