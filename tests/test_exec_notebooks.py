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


# --------------------------------------------------------------------------- landing page and reconciliation
def test_landing_page_lists_every_view_once():
    from casekit.widgets.landing import landing_html, views_table

    table = views_table()
    assert set(table["file"]) == {p.name for p in EXEC} - {"index.ipynb"}
    assert table["file"].is_unique and table["title"].is_unique
    assert table["session"].str.match(r"(Session 0\d|Essay class) · ").all()
    page = landing_html(table)
    for name in table["file"]:
        assert f"href='{name}'" in page
    assert not any(name in text for name in table["file"] for text in table["title"])


def test_the_voila_template_opens_on_the_landing_view():
    template = ROOT / "jupyter" / "voila" / "templates" / "casekit"
    assert '"base_template": "lab"' in (template / "conf.json").read_text()
    for page in ("tree-lab.html", "tree.html"):
        assert "voila/render/index.ipynb" in (template / page).read_text()
    make = (ROOT / "Makefile").read_text()
    assert "--template=casekit" in make and "JUPYTER_PATH=$(CURDIR)/jupyter" in make


JARGON = ("p10", "p90", "cogs", "pocket-price spread", "pocket price spread", "Jaccard", "status quo",
          "business as usual")


def _texts(widget):
    """Every HTML/label string a widget tree puts on screen."""
    out = [getattr(widget, "value", "") if isinstance(getattr(widget, "value", None), str) else "",
           getattr(widget, "description", "") or ""]
    for child in getattr(widget, "children", ()):
        out += _texts(child)
    if hasattr(widget, "options"):
        out += [str(o[0] if isinstance(o, tuple) else o) for o in widget.options]
    return out


VIEWS = {
    "era_dial": lambda: executive.era_dial_view(),
    "profit_map_explorer": lambda: executive.profit_map_view(),
    "rate_accuracy": lambda: executive.rate_accuracy_view(n_draws=5),
    "levers": lambda: executive.levers_view(),
    "launches": lambda: executive.launches_view(),
    "rep_game": lambda: executive.rep_game_view(),
    "ops_timing": lambda: executive.ops_timing_view(),
    "incentive_designer": lambda: executive.incentive_designer_view(),
}


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_view_reconciles_with_the_headline_profit_and_speaks_plainly(name, precision_pnl):
    from casekit.plots.style import money

    view = VIEWS[name]()
    text = " ".join(_texts(view.widget))
    headline = executive.headline_profit(precision_pnl)
    assert text.count("ck-reconcile") == 1 and money(headline) in text, f"{name}: no reconciliation line"
    import re

    visible = re.sub(r"<[^>]+>", " ", text).lower()  # class names such as ck-jaccard are not on screen
    unexplained = [j for j in JARGON if j.lower() in visible]
    assert not unexplained, f"{name} shows jargon: {unexplained}"
    state = view.state
    # Where a view says its figures add up to the headline, they do.
    if name == "profit_map_explorer":
        assert state.selected["net_profit"].sum() == pytest.approx(headline)
    elif name == "era_dial":
        state.slider.value = 1.0
        assert state.profile["net_profit"] == pytest.approx(headline)
    elif name == "rate_accuracy":
        assert float(state.model.base_profit.sum()) == pytest.approx(headline)
    elif name == "launches":
        today = state.rows.iloc[0]
        moved = view.state.card.attrs["rep_time_moved"]  # sales-call time the complexity cost holds instead
        assert moved > 0 and money(moved) in text
        assert today["company_profit"] + today["complexity_cost"] - moved == pytest.approx(headline)
    elif name == "incentive_designer":
        assert float(state.row["profit"]) != pytest.approx(headline)  # hence the sentence saying why


def test_essay_class_view_puts_four_exhibits_on_one_page(precision_pnl):
    view = executive.essay_class_view()
    text = " ".join(_texts(view.widget))
    assert [f"{i} · " in text for i in range(1, 5)] == [True] * 4
    assert text.count("ck-reconcile") == 1
    before = float(view.state.incentives.row["profit"])
    view.state.incentives.weights["net_profit"].value = 10
    assert float(view.state.incentives.row["profit"]) != before
