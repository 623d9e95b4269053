"""The words notebook prose puts on figures ("close to half", "quarter 10") fit what casekit computes.

The claims live next to the key numbers in ``notebooks/conftest.py`` (:data:`PROSE_CLAIMS`), which checks them
after nbval runs a notebook; this test checks the same claims against the reviewed ``.md`` sources without
running the notebooks, so a recalibration that moves a figure out of its words fails here too.
"""

import importlib.util
import re
from pathlib import Path

import jupytext
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _conftest():
    spec = importlib.util.spec_from_file_location("notebook_key_numbers", NOTEBOOKS / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEYS = _conftest()


def _markdown(name: str) -> str:
    cells = jupytext.read(NOTEBOOKS / f"{name}.md").cells
    return " ".join(" ".join(c.source.split()) for c in cells if c.cell_type == "markdown")


@pytest.mark.parametrize("name", sorted(KEYS.PROSE_CLAIMS))
def test_prose_words_fit_what_casekit_computes(name):
    text = _markdown(name)
    for phrase, fits, computed in KEYS.PROSE_CLAIMS[name]():
        assert phrase in text, f"{name}: the prose no longer says {phrase!r}; update PROSE_CLAIMS"
        assert fits, f"{name} says {phrase!r}, but casekit computes {computed}"


def test_the_md_and_ipynb_prose_agree():
    for name in KEYS.PROSE_CLAIMS:
        assert KEYS._prose(NOTEBOOKS / f"{name}.ipynb") == _markdown(name), f"{name}: rebuild the .ipynb"


def test_a_stale_phrase_is_not_found():
    text = _markdown("04_revenue_that_fits")
    assert "cost several times as much per case" in text
    assert not re.search(r"cost about four times as much per case", text)


def _exec_text(name: str) -> str:
    cells = jupytext.read(NOTEBOOKS.parent / "exec" / f"{name}.md").cells
    return " ".join(" ".join(c.source.split()) for c in cells if c.cell_type == "markdown")


def test_executive_views_put_the_model_in_the_right_words():
    """The executive views have no key-number check of their own: their words on assumptions are checked here."""
    import inspect

    from casekit.models import account_development as ad
    from casekit.widgets.objectives import rep_game_widget

    a = ad.ACCOUNT_ASSUMPTIONS["value"]
    timing = _exec_text("ops_timing")
    assert "late in the third year" in timing and 8 < a["ops_late_quarter"] <= 12
    assert "compares three years" in timing and a["n_quarters"] == 12
    game = _exec_text("rep_game")
    assert "tick exactly three objectives" in game
    assert inspect.signature(rep_game_widget).parameters["k"].default == 3
