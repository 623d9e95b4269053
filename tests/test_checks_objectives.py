import pytest

from casekit.models.bonus_plan import SIM_SEED, classroom_plan
from casekit.models.rep_choices import rep_game, simulate_reps
from casekit.teaching.checks.objectives import (
    check_bonus_cost_to_company,
    check_delivered_pct,
    check_unworked_objectives,
)


@pytest.fixture(scope="module")
def case(precision_case, precision_pnl):
    plan = classroom_plan(precision_case)
    sim = simulate_reps(plan, precision_case, precision_pnl, seed=SIM_SEED)
    return plan, precision_case, precision_pnl, sim


def test_unworked(case):
    plan, co, pnl, sim = case
    nobody = int((sim.objectives["n_reps"] == 0).sum())
    assert check_unworked_objectives(nobody, plan, co, pnl).correct
    fb = check_unworked_objectives(len(plan) - nobody, plan, co, pnl)
    assert not fb.correct and "at least one rep" in fb.message
    assert "expected a number" in check_unworked_objectives("3", plan, co, pnl).message


def test_delivered_pct(case):
    plan, co, pnl, sim = case
    o = sim.objectives
    right = 100 * o["delivered_cases"].sum() / o["intended_cases"].sum()
    assert check_delivered_pct(right, plan, co, pnl).correct
    assert check_delivered_pct(right / 100, plan, co, pnl).correct
    mean = o["delivery_pct"].mean()
    fb = check_delivered_pct(mean, plan, co, pnl)
    if abs(mean - right) > 0.5:
        assert not fb.correct and "averaged" in fb.message
    # another seed gives other reps' choices and another answer
    other = simulate_reps(plan, co, pnl, seed=SIM_SEED + 1).summary.loc[0, "delivered_pct"]
    if abs(other - right) > 0.5:
        assert not check_delivered_pct(other, plan, co, pnl).correct


def test_bonus_cost_to_company(case):
    plan, co, pnl, _ = case
    game = rep_game(plan, co, pnl, rep_id="R03", picks=["O02", "O04", "O06"], seed=SIM_SEED).set_index("choice")
    gap = game.loc["best for the company", "company_profit"] - game.loc["best for your bonus", "company_profit"]
    assert gap >= 0
    assert check_bonus_cost_to_company(gap, plan, co, pnl, rep_id="R03").correct
    if gap > 1:
        fb = check_bonus_cost_to_company(-gap, plan, co, pnl, rep_id="R03")
        assert not fb.correct and "sign is flipped" in fb.message
    bonus_gap = game.loc["best for your bonus", "bonus"] - game.loc["best for the company", "bonus"]
    if abs(bonus_gap - gap) > 1:
        assert "bonus difference" in check_bonus_cost_to_company(bonus_gap, plan, co, pnl, rep_id="R03").message
