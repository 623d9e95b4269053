import pytest

import casekit.models.incentives as inc
from casekit.teaching.checks.incentives import check_cap_value, check_plan


@pytest.fixture(scope="module")
def board(precision_case, precision_pnl):
    return inc.compare_plans([inc.TODAYS_PLAN, inc.ALIGNED_PLAN], precision_case, precision_pnl, seed=0)


def test_check_plan(precision_case, precision_pnl):
    kw = dict(company=precision_case, pnl=precision_pnl, seed=0)
    assert check_plan(inc.ALIGNED_PLAN, **kw)
    fb = check_plan(inc.TODAYS_PLAN, **kw)
    assert not fb and "deeper deals" in fb.message and "cap" in fb.message
    fb = check_plan(inc.BonusPlan({"revenue": 1}), **kw)
    assert not fb and "deal" in fb.message
    assert "BonusPlan" in check_plan({"net_profit": 1}, **kw).message


def test_check_plan_agrees_with_the_model(precision_case, precision_pnl):
    plan = inc.BonusPlan({"gross_margin": 1, "objectives": 1}, max_objectives=2)
    b = inc.compare_plans([inc.TODAYS_PLAN, plan], precision_case, precision_pnl, seed=0)
    beats = b.iloc[2]["profit"] > max(b.iloc[0]["profit"], b.iloc[1]["profit"])
    assert bool(check_plan(plan, company=precision_case, pnl=precision_pnl, seed=0)) == beats


def test_check_cap_value(board, precision_case, precision_pnl):
    kw = dict(company=precision_case, pnl=precision_pnl, seed=0)
    uncapped = inc.BonusPlan(dict(inc.ALIGNED_PLAN.weights), max_objectives=None, name="uncapped")
    b = inc.compare_plans([inc.ALIGNED_PLAN, uncapped], precision_case, precision_pnl, seed=0).set_index("plan")
    right = b.loc["aligned", "profit"] - b.loc["uncapped", "profit"]
    assert check_cap_value(right, **kw)
    assert not check_cap_value(1.1 * right + 10, **kw)
    s = board.set_index("plan")
    accounting = s.loc["today's plan", "complexity_cost"] - s.loc["aligned", "complexity_cost"]
    assert abs(accounting - right) > 0.01 * abs(right), "the answer must not be the scoreboard's difference"
    fb = check_cap_value(accounting, **kw)
    assert not fb and "mixes the cap" in fb.message and f"{abs(right):,.0f}" not in fb.message
    whole = s.loc["aligned", "profit"] - s.loc["today's plan", "profit"]
    assert "whole gain" in check_cap_value(whole, **kw).message
    assert "sign" in check_cap_value(-right, **kw).message.lower()
    assert "number" in check_cap_value(None, **kw).message
