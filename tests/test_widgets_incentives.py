import pytest

import casekit.models.incentives as inc
from casekit.plots.incentives import plot_pushes, plot_scoreboard
from casekit.widgets.incentives import incentive_designer, scoreboard_html


@pytest.fixture(scope="module")
def designer(precision_case, precision_pnl):
    return incentive_designer(precision_case, precision_pnl, seed=0)


def _reset(state):
    norm = inc.TODAYS_PLAN.normalised()
    for m, s in state.weights.items():
        s.value = int(round(10 * norm[m]))
    state.cap.value = state.cap.max


def test_starts_on_the_todays_plan(designer, precision_case, precision_pnl):
    state = designer
    assert state.weights["revenue"].value == state.weights["objectives"].value > 0
    assert state.weights["net_profit"].value == 0
    today = inc.evaluate_plan(inc.TODAYS_PLAN, precision_case, precision_pnl, seed=0).iloc[0]
    assert state.cap.max == today["n_objectives"] == state.cap.value
    assert state.row["profit"] == pytest.approx(today["profit"])
    assert state.todays_plan["profit"] == pytest.approx(today["profit"])
    assert "ck-plan-profit" in state.scoreboard.value


def test_sliders_move_the_scoreboard(designer, precision_case, precision_pnl):
    state = designer
    before = state.scoreboard.value
    state.weights["revenue"].value = 0
    state.weights["objectives"].value = 0
    state.weights["net_profit"].value = 10
    plan = inc.BonusPlan({"net_profit": 10}, max_objectives=state.cap.value)
    expected = inc.evaluate_plan(plan, precision_case, precision_pnl, seed=0).iloc[0]
    assert state.row["profit"] == pytest.approx(expected["profit"])
    assert state.row["profit"] > state.todays_plan["profit"]
    assert state.scoreboard.value != before
    assert state.row["reps_deep_deals"] < state.todays_plan["reps_deep_deals"]
    _reset(state)


def test_cap_gates_launches_and_complexity(designer):
    state = designer
    full = state.row
    state.cap.value = 3
    assert state.row["n_objectives"] == 3
    assert state.row["skus"] < full["skus"]
    assert state.row["complexity_cost"] < full["complexity_cost"]
    _reset(state)
    assert state.row["complexity_cost"] == pytest.approx(full["complexity_cost"])


def test_all_weights_zero_says_so(designer):
    state = designer
    for s in state.weights.values():
        s.value = 0
    assert state.plan() is None and state.row is None
    assert "at least one metric" in state.message.value
    _reset(state)
    assert state.row is not None and state.message.value == ""


def test_start_plan_sets_the_sliders(precision_case, precision_pnl):
    state = incentive_designer(precision_case, precision_pnl, seed=0, start=inc.ALIGNED_PLAN)
    assert state.weights["net_profit"].value == round(10 * inc.ALIGNED_PLAN.normalised()["net_profit"])
    assert state.cap.value == inc.ALIGNED_PLAN.max_objectives
    with pytest.raises(TypeError, match="BonusPlan"):
        incentive_designer(precision_case, precision_pnl, start={"revenue": 1})


def test_scoreboard_colours_the_change(precision_case, precision_pnl):
    board = inc.compare_plans([inc.TODAYS_PLAN, inc.ALIGNED_PLAN], precision_case, precision_pnl, seed=0)
    today, al = board.iloc[1], board.iloc[2]
    html = scoreboard_html(al, today, board.iloc[0])
    better = "#1e8449" if al["profit"] > today["profit"] else "#c0392b"
    start = html.index("ck-change-profit")
    assert better in html[start:start + 120]
    import html as markup

    text = markup.unescape(html)
    assert "no pushes" in text and "today's plan" in text  # two baselines, two different names
    assert "business as usual" not in text and "status quo" not in text


def test_figures(precision_case, precision_pnl):
    board = inc.compare_plans([inc.TODAYS_PLAN, inc.ALIGNED_PLAN], precision_case, precision_pnl, seed=0)
    axes = plot_scoreboard(board)
    assert [p.get_height() for p in axes[3].patches] == pytest.approx(board["profit"].tolist())
    assert board.loc[board["profit"].idxmax(), "plan"] in axes[0].figure.get_suptitle()
    ax = plot_pushes(board)
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths == sorted(int(board.iloc[i][f"reps_{p}"]) for i in (1, 2) for p in inc.PUSHES)
    with pytest.raises(ValueError, match="compare_plans"):
        plot_scoreboard(board[["plan"]])
