#!/usr/bin/env python3
"""Writes wavelength_run.ipynb from wavelength_run.py (each `# %%` is a cell), so the
notebook and the script stay the same; the contract test checks that they are."""
import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent


def cells(script: str):
    body = script.split("\n# %%", 1)[1]  # the docstring before the first cell is the script's usage
    for chunk in ("# %%" + body).split("\n# %%"):
        chunk = chunk.removeprefix("# %%")
        header, _, source = chunk.partition("\n")
        source = source.strip("\n")
        if header.strip() == "[markdown]":
            yield nbformat.v4.new_markdown_cell("\n".join(line.removeprefix("# ").removeprefix("#") for line in source.splitlines()))
        else:
            yield nbformat.v4.new_code_cell(source)


def notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(
        "# A Wavelength run\n\nSet `WAVELENGTH_RUN` to a run's output folder (default `Output`). "
        "The same cells as `wavelength_run.py`.")] + list(cells((HERE / "wavelength_run.py").read_text(encoding="utf-8")))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    return nbformat.writes(nb) + "\n"


if __name__ == "__main__":
    target = HERE / "wavelength_run.ipynb"
    if "--check" in sys.argv:
        sys.exit(0 if target.read_text(encoding="utf-8") == notebook() else 1)
    target.write_text(notebook(), encoding="utf-8")
