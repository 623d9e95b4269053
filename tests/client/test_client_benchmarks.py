"""The README's client benchmark figures are the recorded results, rendered, never typed by hand."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tables():
    spec = importlib.util.spec_from_file_location("readme_tables", ROOT / "benchmarks" / "readme_tables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_figures_are_the_recorded_results():
    tables = _tables()
    found = tables.blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    assert set(found) == set(tables.RENDERERS)
    for name, text in found.items():
        assert text == tables.render(name), f"README block {name!r}: run python benchmarks/readme_tables.py"


def test_a_hand_edited_figure_is_caught(tmp_path):
    tables = _tables()
    readme = tmp_path / "README.md"
    readme.write_text((ROOT / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    name = next(iter(tables.RENDERERS))
    text = readme.read_text(encoding="utf-8")
    block = tables.blocks(text)[name]
    readme.write_text(text.replace(block, block + " (typed by hand: 42 s)"), encoding="utf-8")
    assert tables.blocks(readme.read_text(encoding="utf-8"))[name] != tables.render(name)
    assert tables.update(readme) and tables.blocks(readme.read_text(encoding="utf-8"))[name] == tables.render(name)
