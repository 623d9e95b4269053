"""Notebooks as text: each .ipynb is the jupytext rendering of its MyST source, with nothing else in it.

The reviewed source of every notebook (``notebooks/``) and executive view
(``exec/``) is ``X.md``; ``X.ipynb`` is its paired twin, which nbval and
Voilà execute and JupyterLab opens. These tests need no kernel. The key
numbers each notebook prints are checked after nbval runs it
(``notebooks/conftest.py``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("notebooks", "exec")
SOURCES = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.md"))
NOTEBOOKS = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb"))
# The .md is the source: rewrite the .ipynb from it (cell ids kept), never the other way round.
FIX = "edit the .md source, then run `jupytext --to ipynb --update {md}`"
CLEAR = "run `jupyter nbconvert --clear-output --inplace {ipynb}` (or clear all outputs in JupyterLab before saving)"
MAX_NOTEBOOKS_BYTES = 400_000


def _cells(nb):
    return [(cell.cell_type, cell.source, dict(cell.metadata)) for cell in nb.cells]


def _ids(paths):
    return [str(p.relative_to(ROOT)) for p in paths]


def test_every_notebook_has_a_text_source_and_back():
    assert SOURCES, "no MyST sources found"
    assert {p.with_suffix(".ipynb") for p in SOURCES} == set(NOTEBOOKS)


@pytest.mark.parametrize("folder", FOLDERS)
def test_folder_pairs_ipynb_with_myst(folder):
    config = (ROOT / folder / "jupytext.toml").read_text(encoding="utf-8")
    assert 'formats = "ipynb,md:myst"' in config


@pytest.mark.parametrize("md", SOURCES, ids=_ids(SOURCES))
def test_ipynb_is_the_rendering_of_its_source(md):
    source = jupytext.read(md)
    notebook = nbformat.read(md.with_suffix(".ipynb"), as_version=4)
    fix = FIX.format(md=md.relative_to(ROOT))
    assert source.metadata["jupytext"]["formats"] == "ipynb,md:myst", f"{md.name} is not paired; {fix}"
    assert notebook.metadata.get("kernelspec") == source.metadata.get("kernelspec"), f"{md.name}: kernel differs; {fix}"
    assert len(notebook.cells) == len(source.cells), f"{md.name}: cells added or removed; {fix}"
    for index, (ours, theirs) in enumerate(zip(_cells(source), _cells(notebook))):
        assert ours == theirs, f"{md.name}, cell {index}: the .ipynb differs from the .md; {fix}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_ipynb_carries_no_outputs_and_no_widget_state(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    fix = CLEAR.format(ipynb=path.relative_to(ROOT))
    assert "widgets" not in notebook.metadata, (
        f"{path.name} stores widget state; delete metadata.widgets and turn off "
        "Settings > Save Widget State Automatically in JupyterLab")
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}, cell {index} has outputs; {fix}"
            assert cell.execution_count is None, f"{path.name}, cell {index} has an execution count; {fix}"
        assert "attachments" not in cell, f"{path.name}, cell {index} embeds an attachment"


def test_sources_read_back_identically():
    """jupytext writes each source exactly as it is committed (no hand-made format drift)."""
    for md in SOURCES:
        text = md.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1]
        again = jupytext.writes(jupytext.read(md), fmt="md:myst").split("\n---\n", 1)[1]
        assert again == body, f"{md.name}: jupytext would rewrite this file; {FIX.format(md=md.relative_to(ROOT))}"


def test_notebooks_folder_is_small():
    """Text sources and output-free notebooks only (the issue's 400 KB bound, measured on the files in git)."""
    files = subprocess.run(["git", "ls-files", "notebooks"], cwd=ROOT, capture_output=True, text=True, check=False)
    paths = [ROOT / line for line in files.stdout.splitlines()] or list((ROOT / "notebooks").iterdir())
    size = sum(p.stat().st_size for p in paths if p.is_file())
    assert size < MAX_NOTEBOOKS_BYTES, f"notebooks/ holds {size:,} bytes"
