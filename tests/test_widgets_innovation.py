import matplotlib.pyplot as plt
import numpy as np
import pytest

from casekit.models.innovation import (
    complexity_cost,
    launch_calendar,
    product_scorecard,
    prune_tail,
    what_if_launch_rate,
)
from casekit.models.launches import complexity_per_sku, launch_scorecard
from casekit.plots import innovation as pi
from casekit.widgets import innovation as wi


@pytest.fixture(scope="module")
def card(precision_case, precision_pnl):
    return product_scorecard(precision_case, precision_pnl)


def test_launch_scorecard_adds_up_launches(precision_case, card):
    launches = launch_scorecard(card)
    new = card[card["is_new"]]
    assert len(launches) == new["launch_id"].nunique() == len(precision_case.launches)
    assert launches["skus"].sum() == len(new)
    assert launches["company_profit"].sum() == pytest.approx(new["company_profit"].sum())
    assert launches["company_profit"].is_monotonic_increasing
    one = int(launches["launch_id"].iloc[0])
    assert launches["gross_margin"].iloc[0] == pytest.approx(new.loc[new["launch_id"] == one, "gross_margin"].sum())
    assert set(launches["company_verdict"]) <= {"earns", "loses"}
    assert ((launches["company_profit"] < 0) == (launches["company_verdict"] == "loses")).all()
    with pytest.raises(ValueError, match="product_scorecard"):
        launch_scorecard(card[["launch_id", "revenue"]])


def test_complexity_per_sku_splits_new_and_established(precision_case, precision_pnl):
    per = complexity_per_sku(precision_case, precision_pnl)
    cc = complexity_cost(precision_case, precision_pnl)
    new = precision_case.products["is_new"].to_numpy(dtype=bool)
    assert per.loc["new", "skus"] == new.sum()
    assert per.loc["new", "launch_projects"] == pytest.approx(cc.loc[new, "launch_projects"].mean())
    assert per.loc["established", "launch_projects"] == 0
    total = (per.loc[["established", "new"], "changeovers"] * per.loc[["established", "new"], "skus"]).sum()
    assert total == pytest.approx(cc["changeovers"].sum())


def test_figures_state_findings(precision_case, precision_pnl, card):
    fig = pi.plot_launch_stream(precision_case, precision_pnl)
    cal = launch_calendar(precision_case)
    assert f"{int(cal['launches'].sum())} launches" in fig.axes[0].get_title()
    launches = launch_scorecard(card)
    ax = pi.plot_launch_lenses(launches)
    assert f"{int((launches['company_profit'] < 0).sum())} of them losing" in ax.get_title()
    ax = pi.plot_launch_bill(launches)
    bars = [p for p in ax.patches]
    assert bars[-1].get_height() == pytest.approx(launches["company_profit"].sum())
    reds = [p for p in bars if p.get_height() < 0]
    assert all(p.get_facecolor()[0] > 0.6 for p in reds)  # losses in red
    plt.close("all")


def test_portfolio_widget_sliders_change_both_lenses(card):
    w = wi.portfolio_widget(card)
    assert w.prune.value == 30 and w.rate.value == 1.0
    expected = prune_tail(card, share=0.30)
    assert w.rows.loc[1, "company_profit"] == pytest.approx(expected.loc[1, "company_profit"])
    assert w.image.value[:4] == b"\x89PNG"
    old_table, old_png = w.table.value, w.image.value
    w.prune.value = 10
    expected = prune_tail(card, share=0.10)
    assert w.rows.loc[1, "complexity_cost"] == pytest.approx(expected.loc[1, "complexity_cost"])
    assert w.table.value != old_table and w.image.value != old_png
    assert f"{expected.loc[1, 'complexity_saved_pct']:.0f}%" in w.table.value
    w.rate.value = 0.5
    slowed = what_if_launch_rate(card, rate=0.5)
    assert w.rows.loc[2, "company_profit"] == pytest.approx(slowed.loc[1, "company_profit"])
    assert w.rows.loc[2, "gross_margin"] == pytest.approx(slowed.loc[1, "gross_margin"])
    w.rank_by.value = "company_profit"
    by_profit = prune_tail(card, share=0.10, by="company_profit")
    assert w.rows.loc[1, "company_profit"] == pytest.approx(by_profit.loc[1, "company_profit"])
    assert "by company profit" in w.rows.loc[1, "scenario"]
    # Going back redraws from the cache.
    w.rank_by.value, w.rate.value, w.prune.value = "revenue", 1.0, 30
    assert w.table.value == old_table and w.image.value == old_png


def test_lens_table_marks_losses_red(card):
    rows = what_if_launch_rate(card, rate=0.0)
    rows.loc[1, "company_profit"] = -1234.0
    assert "color:#c0392b'><b>-$1K" in wi.lens_table_html(rows)


def test_portfolio_widget_validates(card):
    with pytest.raises(ValueError, match="rank_by"):
        wi.portfolio_widget(card, rank_by="margin")
    with pytest.raises(ValueError, match="product_scorecard"):
        wi.portfolio_widget(card.drop(columns=["complexity_cost"]))


def test_bench_hooks_move_the_widget(precision_case, precision_pnl):
    hooks = _bench_widgets().portfolio_hooks((precision_case, precision_pnl))
    assert len(hooks) >= 3
    for _, fn, values in hooks:
        fn(values[0])
    assert np.isfinite(len(hooks))


def _bench_widgets():
    """benchmarks/bench_widgets.py, loaded from its path (benchmarks/ is not a package)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_widgets.py"
    spec = importlib.util.spec_from_file_location("bench_widgets", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
