"""The executive views (exec/*.ipynb) run without error and show no code worth reading."""

from pathlib import Path

import nbformat
import pytest

from casekit.widgets import executive

ROOT = Path(__file__).resolve().parents[1]
EXEC = sorted((ROOT / "exec").glob("*.ipynb"))
MAX_CODE_LINES = 3


def test_every_expected_view_exists():
    names = {p.stem for p in EXEC}
    assert {"era_dial", "profit_map_explorer", "levers"} <= names


@pytest.mark.parametrize("path", EXEC, ids=lambda p: p.stem)
def test_exec_notebook_is_short_and_plain(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, f"{path.name} has no code cell to build its view"
    for cell in code:
        lines = [ln for ln in cell.source.splitlines() if ln.strip()]
        assert len(lines) <= MAX_CODE_LINES, f"{path.name}: a code cell has {len(lines)} lines:\n{cell.source}"
        assert not cell.get("outputs"), f"{path.name}: commit executive views without outputs"
    text = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert text.lstrip().startswith("#"), f"{path.name} should open with a title"
    assert "How to use it" in text, f"{path.name} should tell a non-coder how to use the view"


@pytest.mark.slow
@pytest.mark.parametrize("path", EXEC, ids=lambda p: p.stem)
def test_exec_notebook_runs(path):
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"], \
        f"{path.name} writes to stderr; an executive would see it"
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs), \
        f"{path.name} does not display a widget"


def test_levers_view_moves_with_a_slider(precision_case):
    view = executive.levers_view()
    before = view.state.result.loc["net_profit", "with_levers"]
    view.state.controls["price_change_pct"].value = 1.0
    assert view.state.result.loc["net_profit", "with_levers"] != before
    assert "ck-exec-caption" in view.widget.children[0].value


def test_profit_map_view_filters():
    view = executive.profit_map_view()
    n_all = len(view.state.selected)
    view.state.filters["segment"].value = "Profit Drain"
    assert 0 < len(view.state.selected) < n_all
    assert (view.state.selected["segment"] == "Profit Drain").all()


def test_era_dial_view_displays_as_its_widget():
    view = executive.era_dial_view()
    bundle = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    rho0 = view.state.profile["rank_agreement"]
    view.state.slider.value = 1.0
    assert view.state.profile["rank_agreement"] < rho0


def test_rep_game_view_scores_three_picks():
    view = executive.rep_game_view()
    assert len(view.state.picks) == 3 and view.state.table is not None
    first = view.state.picks[0]
    view.state.boxes[first].value = False
    assert view.state.table is None and "Tick exactly 3" in view.state.result.value


def test_incentive_designer_view_responds():
    view = executive.incentive_designer_view()
    before = float(view.state.row["profit"])
    view.state.weights["net_profit"].value = 10
    view.state.weights["revenue"].value = 0
    assert float(view.state.row["profit"]) != before
