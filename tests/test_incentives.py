"""Tests for casekit.models.incentives: bonus plans, the reps' response and the company's result (I15)."""

import pandas as pd
import pytest

from casekit.case.company import make_company
from casekit.costing.engine import cost_to_serve
from casekit.models.incentives import (
    ALIGNED_PLAN,
    INCENTIVE_ASSUMPTIONS,
    METRICS,
    PUSHES,
    TODAYS_PLAN,
    BonusPlan,
    compare_plans,
    evaluate_plan,
    rep_response,
)

SEEDS = [1, 2, 3, 4, 5]


@pytest.fixture(scope="session")
def incentive_cases():
    out = {}
    for seed in SEEDS:
        co = make_company(seed=seed, n_customers=60, n_products=80)
        out[seed] = (co, cost_to_serve(co))
    return out


# --------------------------------------------------------------------------- the plan
def test_weights_are_normalised_over_every_metric():
    w = BonusPlan({"revenue": 3, "fit": 1}).normalised()
    assert list(w) == METRICS
    assert sum(w.values()) == pytest.approx(1.0)
    assert w["revenue"] == pytest.approx(0.75)
    assert w["net_profit"] == 0


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(weights={"volume": 1}), ValueError, "weights"),
    (dict(weights={"revenue": -1}), ValueError, "weights"),
    (dict(weights={"revenue": 0, "fit": 0}), ValueError, "weights"),
    (dict(weights={}), ValueError, "weights"),
    (dict(weights=["revenue"]), TypeError, "weights"),
    (dict(weights={"revenue": 1}, max_objectives=-1), ValueError, "max_objectives"),
    (dict(weights={"revenue": 1}, max_objectives=2.5), TypeError, "max_objectives"),
    (dict(weights={"revenue": 1}, name=3), TypeError, "name"),
])
def test_bonus_plan_validation(kwargs, error, match):
    with pytest.raises(error, match=match):
        BonusPlan(**kwargs)


# --------------------------------------------------------------------------- the claims
def test_the_aligned_plan_beats_the_todays_plan_on_profit(incentive_cases):
    """I15, across seeds: paying on net profit, cost per case and fit with few objectives earns more.

    Against no pushes the aligned plan is no sure thing: its reps also cut service (it pays on cost
    per case too) and customers answer by taking volume away, which at a gross margin of about 40 % of net
    sales (issue #11) is dear; it adds net profit in 4 of these 5 seeds (seed 3: -3 %).
    """
    beats_usual = 0
    for seed, (co, pnl) in incentive_cases.items():
        board = compare_plans([TODAYS_PLAN, ALIGNED_PLAN], co, pnl, seed=seed).set_index("plan")
        assert board.loc["aligned", "profit"] > board.loc["today's plan", "profit"]
        beats_usual += board.loc["aligned", "net_profit"] > board.loc["no pushes", "net_profit"]
        # Today's plan buys revenue: it grows the top line but not the bottom line.
        assert board.loc["today's plan", "revenue"] > board.loc["no pushes", "revenue"]
        assert board.loc["today's plan", "net_profit"] < board.loc["no pushes", "net_profit"]
        assert board.loc["aligned", "cost_to_serve_per_case"] < board.loc["today's plan", "cost_to_serve_per_case"]
    assert beats_usual >= 4


def test_aligned_plan_wins_on_the_classroom_case(precision_case, precision_pnl):
    board = compare_plans([TODAYS_PLAN, ALIGNED_PLAN], precision_case, precision_pnl, seed=0).set_index("plan")
    assert board.loc["aligned", "profit"] > board.loc["today's plan", "profit"]


def test_reps_do_what_the_plan_pays_for(incentive_cases):
    co, pnl = incentive_cases[1]
    revenue_only = rep_response(BonusPlan({"revenue": 1}), co, pnl, seed=1)
    # Fixing poor-fit accounts costs a little volume: a revenue plan never pays for it.
    assert not revenue_only.loc[revenue_only["push"] == "fix_poor_fit", "chosen"].any()
    objectives_only = rep_response(BonusPlan({"objectives": 1}), co, pnl, seed=1)
    chosen = objectives_only.loc[objectives_only["chosen"], "push"].astype(str)
    assert set(chosen) == {"launch_sell_in"}
    effort = int(INCENTIVE_ASSUMPTIONS.loc["effort_units", "value"])
    for plan in (TODAYS_PLAN, ALIGNED_PLAN):
        resp = rep_response(plan, co, pnl, seed=2)
        assert (resp.groupby("rep_id", observed=True)["chosen"].sum() <= effort).all()
        assert set(resp["push"].astype(str)) == set(PUSHES)


def test_the_objective_cap_gates_launches_and_complexity(incentive_cases):
    co, pnl = incentive_cases[2]
    rows = {cap: evaluate_plan(BonusPlan({"net_profit": 1}, max_objectives=cap), co, pnl, seed=0).iloc[0]
            for cap in (None, 2, 0)}
    assert rows[0]["skus"] == (~co.products["is_new"]).sum()
    assert rows[None]["skus"] == len(co.products)
    assert rows[0]["complexity_cost"] < rows[2]["complexity_cost"] <= rows[None]["complexity_cost"]
    assert rows[0]["n_objectives"] == 0


def test_scoreboard_adds_up(incentive_cases):
    co, pnl = incentive_cases[3]
    board = compare_plans([TODAYS_PLAN, ALIGNED_PLAN], co, pnl, seed=3)
    no_push = board.iloc[0]
    assert no_push["revenue"] == pytest.approx(pnl["revenue"].sum())
    assert no_push["net_profit"] == pytest.approx(pnl["net_profit"].sum())
    pd.testing.assert_series_equal(board["profit"], board["net_profit"] - board["complexity_cost"],
                                   check_names=False)
    for plan in (TODAYS_PLAN, ALIGNED_PLAN):
        row = evaluate_plan(plan, co, pnl, seed=3).iloc[0]
        assert row["profit"] == pytest.approx(board.set_index("plan").loc[plan.name, "profit"])


# --------------------------------------------------------------------------- reproducibility and caching
def test_same_seed_same_scoreboard(incentive_cases):
    co, pnl = incentive_cases[4]
    a = compare_plans([TODAYS_PLAN, ALIGNED_PLAN], co, pnl, seed=5)
    b = compare_plans([TODAYS_PLAN, ALIGNED_PLAN], co, pnl, seed=5)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(rep_response(ALIGNED_PLAN, co, pnl, seed=5),
                                  rep_response(ALIGNED_PLAN, co, pnl, seed=5))


def test_an_edited_pnl_is_not_served_from_the_cache():
    co = make_company(seed=8, n_customers=40, n_products=60)
    pnl = cost_to_serve(co)
    before = evaluate_plan(ALIGNED_PLAN, co, pnl, seed=0).loc[0, "revenue"]
    pnl["revenue"] = pnl["revenue"] * 2
    after = evaluate_plan(ALIGNED_PLAN, co, pnl, seed=0).loc[0, "revenue"]
    assert after > 1.5 * before


# --------------------------------------------------------------------------- validation
@pytest.mark.parametrize("call, error, match", [
    (lambda co, pnl: evaluate_plan({"revenue": 1}, co, pnl), TypeError, "plan"),
    (lambda co, pnl: evaluate_plan(ALIGNED_PLAN, "co", pnl), TypeError, "company"),
    (lambda co, pnl: evaluate_plan(ALIGNED_PLAN, co, pnl[["revenue"]]), ValueError, "pnl"),
    (lambda co, pnl: evaluate_plan(ALIGNED_PLAN, co, pnl, seed="x"), TypeError, "seed"),
    (lambda co, pnl: evaluate_plan(ALIGNED_PLAN, co, pnl,
                                   assumptions=INCENTIVE_ASSUMPTIONS.drop("bonus_pool")), ValueError, "assumptions"),
    (lambda co, pnl: evaluate_plan(ALIGNED_PLAN, co, pnl,
                                   assumptions=INCENTIVE_ASSUMPTIONS.assign(value=-1.0)), ValueError, "assumptions"),
    (lambda co, pnl: compare_plans(ALIGNED_PLAN, co, pnl), TypeError, "plans"),
    (lambda co, pnl: compare_plans([], co, pnl), ValueError, "plans"),
    (lambda co, pnl: rep_response(ALIGNED_PLAN, co, pnl, seed=1.5), TypeError, "seed"),
])
def test_validation_names_the_parameter(incentive_cases, call, error, match):
    co, pnl = incentive_cases[1]
    with pytest.raises(error, match=match):
        call(co, pnl)
