import pytest

from casekit.models.assumptions import with_values
from casekit.models.bonus_plan import SIM_SEED, classroom_plan
from casekit.models.objectives import OBJECTIVE_ASSUMPTIONS
from casekit.models.rep_choices import rep_game, simulate_reps
from casekit.teaching.checks.objectives import (
    FIRST_CASE_THRESHOLD,
    OPEN_BUYERS_APPETITE,
    check_appetite_profit_change,
    check_bonus_cost_to_company,
)
from casekit.teaching.decisions import selling_time_decision


@pytest.fixture(scope="module")
def case(precision_case, precision_pnl):
    plan = classroom_plan(precision_case)
    sim = simulate_reps(plan, precision_case, precision_pnl, seed=SIM_SEED)
    return plan, precision_case, precision_pnl, sim


def test_appetite_profit_change(case):
    plan, co, pnl, sim = case
    open_buyers = with_values(OBJECTIVE_ASSUMPTIONS, customer_appetite=OPEN_BUYERS_APPETITE)
    after = simulate_reps(plan, co, pnl, seed=SIM_SEED, assumptions=open_buyers).summary.iloc[0]
    right = after["profit"] - sim.summary.loc[0, "profit"]
    assert abs(right) > 1, "the what-if must change the answer, or it is on screen already"
    assert check_appetite_profit_change(right, plan, co, pnl).correct
    assert "compared the simulation with itself" in check_appetite_profit_change(0.0, plan, co, pnl).message
    assert "subtract today's" in check_appetite_profit_change(after["profit"], plan, co, pnl).message
    revenue_change = after["revenue"] - sim.summary.loc[0, "revenue"]
    assert "change in revenue" in check_appetite_profit_change(revenue_change, plan, co, pnl).message
    flipped = check_appetite_profit_change(-right, plan, co, pnl)
    assert not flipped.correct and "sign" in flipped.message.lower()
    for wrong in (0.0, 2 * right, 3 * right):  # (the student's own number is echoed, so not -right)
        msg = check_appetite_profit_change(wrong, plan, co, pnl).message
        assert f"{abs(right):,.0f}" not in msg


def test_selling_time_decision_follows_the_buyers(case):
    """The decision is computed: with today's buyers more time barely helps; with open buyers it does."""
    plan, co, pnl, _ = case
    assert selling_time_decision(plan, co, pnl).answer == "don't fund it"
    open_buyers = with_values(OBJECTIVE_ASSUMPTIONS, customer_appetite=4)
    assert selling_time_decision(plan, co, pnl, assumptions=open_buyers).answer == "fund it"


def test_bonus_cost_to_company_if_the_bonus_paid_from_the_first_case(case):
    plan, co, pnl, _ = case
    picks = ["O02", "O04", "O06"]
    first_case = with_values(OBJECTIVE_ASSUMPTIONS, bonus_threshold=FIRST_CASE_THRESHOLD)
    game = rep_game(plan, co, pnl, rep_id="R01", picks=picks, seed=SIM_SEED, assumptions=first_case)
    game = game.set_index("choice")
    gap = game.loc["best for the company", "company_profit"] - game.loc["best for your bonus", "company_profit"]
    shown = rep_game(plan, co, pnl, rep_id="R01", picks=picks, seed=SIM_SEED).set_index("choice")["company_profit"]
    on_screen = shown["best for the company"] - shown["best for your bonus"]
    assert gap >= 0
    assert 0 < gap < on_screen, "the guide says the conflict shrinks but does not vanish"
    assert abs(gap - on_screen) > 0.02 * abs(on_screen), "the what-if must move the answer off the screen"
    assert check_bonus_cost_to_company(gap, plan, co, pnl, rep_id="R01").correct
    assert "model's own threshold" in check_bonus_cost_to_company(on_screen, plan, co, pnl, rep_id="R01").message
    if gap > 1:
        fb = check_bonus_cost_to_company(-gap, plan, co, pnl, rep_id="R01")
        assert not fb.correct and "sign is flipped" in fb.message
    bonus_gap = game.loc["best for your bonus", "bonus"] - game.loc["best for the company", "bonus"]
    if abs(bonus_gap - gap) > 1:
        assert "bonus difference" in check_bonus_cost_to_company(bonus_gap, plan, co, pnl, rep_id="R01").message
    one = game.loc["best for your bonus", "company_profit"]
    assert "one choice" in check_bonus_cost_to_company(one, plan, co, pnl, rep_id="R01").message
    for wrong in (on_screen, bonus_gap, one, 2 * gap):
        fb = check_bonus_cost_to_company(wrong, plan, co, pnl, rep_id="R01")
        assert f"{abs(gap):,.0f}" not in fb.message and "Hint:" in fb.message
