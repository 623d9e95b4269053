import pytest

import casekit.models.incentives as inc
from casekit.teaching.checks.incentives import check_gate_share, check_plan


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


def test_check_gate_share(board):
    b = board.set_index("plan")
    today, al = b.loc["today's plan"], b.loc["aligned"]
    saved = today["complexity_cost"] - al["complexity_cost"]
    right = 100 * saved / (al["profit"] - today["profit"])
    assert 0 < right < 100
    assert check_gate_share(right, board=board)
    assert check_gate_share(right / 100, board=board)
    assert not check_gate_share(right + 5, board=board)
    assert "whole profit" in check_gate_share(100 * saved / al["profit"], board=board).message
    assert "before complexity" in check_gate_share(100 * saved / (al["net_profit"] - today["net_profit"]),
                                                   board=board).message
    assert "in dollars" in check_gate_share(saved, board=board).message
    assert "number" in check_gate_share(None, board=board).message
