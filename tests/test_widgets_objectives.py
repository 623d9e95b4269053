import matplotlib.pyplot as plt
import pytest

from casekit.models import bonus_plan as bp
from casekit.models.objectives import bonus_plan, objective_count
from casekit.models.rep_choices import rep_game, simulate_reps
from casekit.plots import objectives as po
from casekit.widgets import objectives as wo


@pytest.fixture(scope="module")
def plan(precision_case):
    return bp.classroom_plan(precision_case)


def test_classroom_plan_has_15_to_20_objectives(precision_case, plan):
    assert 15 <= len(plan) <= 20 and len(plan) == bp.PLAN_OBJECTIVES
    assert plan["weight"].sum() == pytest.approx(1.0)
    same = bonus_plan(precision_case, n_objectives=bp.PLAN_OBJECTIVES, seed=bp.PLAN_SEED)
    assert plan["objective_id"].tolist() == same["objective_id"].tolist()


def test_figures_state_findings(precision_case, precision_pnl, plan):
    counts = objective_count(precision_case)
    ax = po.plot_objective_count(counts)
    assert f"peaks at {counts['live_objectives'].max()} live" in ax.get_title()
    sim = simulate_reps(plan, precision_case, precision_pnl, k=3, seed=bp.SIM_SEED)
    ax = po.plot_rep_choices(sim)
    s = sim.summary.iloc[0]
    assert f"{int(s['distinct_combinations'])} different combinations" in ax.get_title()
    labels = [t.get_text() for t in ax.get_xticklabels()]
    n_reps = sim.objectives.set_index(sim.objectives["objective_id"].astype(str))["n_reps"]
    assert labels[0] == f"O01\n{n_reps['O01']}"
    ax = po.plot_delivered(sim)
    assert f"{s['delivered_pct']:.0f}%" in ax.get_title()
    plt.close("all")


def test_rep_game_widget_needs_exactly_k_ticks(precision_case, precision_pnl, plan):
    g = wo.rep_game_widget(plan, precision_case, precision_pnl)
    assert g.table is None and "0 ticked" in g.result.value
    g.boxes["O01"].value = True
    g.boxes["O02"].value = True
    assert g.table is None and "2 ticked" in g.result.value
    g.boxes["O05"].value = True
    assert g.picks == ["O01", "O02", "O05"]
    expected = rep_game(plan, precision_case, precision_pnl, rep_id=g.rep.value, picks=["O01", "O02", "O05"],
                        seed=bp.SIM_SEED)
    assert g.table.loc[0, "bonus"] == pytest.approx(expected.loc[0, "bonus"])
    assert f"${expected.loc[0, 'bonus']:,.0f}" in g.result.value
    g.boxes["O04"].value = True
    assert g.table is None and "4 ticked" in g.result.value


def test_rep_game_widget_ticks_change_bonus_and_company(precision_case, precision_pnl, plan):
    g = wo.rep_game_widget(plan, precision_case, precision_pnl, picks=["O01", "O02", "O03"])
    first = g.table.copy()
    best_bonus = first.loc[1, "objectives"].split(", ")
    g.pick(best_bonus)
    assert g.table.loc[0, "bonus"] == pytest.approx(first.loc[1, "bonus"])
    assert g.table.loc[0, "company_profit"] == pytest.approx(first.loc[1, "company_profit"])
    best_company = first.loc[2, "objectives"].split(", ")
    g.pick(best_company)
    assert g.table.loc[0, "company_profit"] == pytest.approx(first.loc[2, "company_profit"])
    assert g.table.loc[0, "company_profit"] >= first.loc[0, "company_profit"]
    old = g.result.value
    other = g.rep.options[-1][1]
    g.rep.value = other
    assert g.result.value != old
    expected = rep_game(plan, precision_case, precision_pnl, rep_id=other, picks=best_company, seed=bp.SIM_SEED)
    assert g.table.loc[0, "bonus"] == pytest.approx(expected.loc[0, "bonus"])


def test_rep_game_widget_validates(precision_case, precision_pnl, plan):
    with pytest.raises(ValueError, match="not a rep"):
        wo.rep_game_widget(plan, precision_case, precision_pnl, rep_id="R99")
    with pytest.raises(ValueError, match="k=0"):
        wo.rep_game_widget(plan, precision_case, precision_pnl, k=0)


def test_bench_hooks_move_the_game(precision_case, precision_pnl):
    for _, fn, values in _bench_widgets().rep_game_hooks((precision_case, precision_pnl)):
        fn(values[0])
        fn(values[1])


def _bench_widgets():
    """benchmarks/bench_widgets.py, loaded from its path (benchmarks/ is not a package)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_widgets.py"
    spec = importlib.util.spec_from_file_location("bench_widgets", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
