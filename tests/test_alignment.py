"""Tests for casekit.models.alignment: functions on their own metrics vs one shared account P&L (I8, I13, I14)."""

import numpy as np
import pandas as pd
import pytest

from casekit.case.company import make_company
from casekit.costing.engine import cost_to_serve
from casekit.models.alignment import ALIGNMENT_ASSUMPTIONS, MOVES, account_moves, account_pnl, compare_alignment

SEEDS = [1, 2, 3, 4, 5]


@pytest.fixture(scope="session")
def alignment_cases():
    out = {}
    for seed in SEEDS:
        co = make_company(seed=seed, n_customers=60, n_products=80)
        out[seed] = (co, cost_to_serve(co))
    return out


def _board(co, pnl, **kw):
    return compare_alignment(co, pnl, **kw).set_index("scenario")


def test_a_shared_account_pnl_beats_silos(alignment_cases):
    """I13, I14 across seeds: aligned, operations cost falls and profit rises, after paying for coordination."""
    for co, pnl in alignment_cases.values():
        b = _board(co, pnl)
        today, silos, shared = (b.loc[s] for s in ("today", "each function on its own metric",
                                                    "shared account P&L"))
        assert shared["profit"] > today["profit"] > silos["profit"]
        assert shared["operations_cost_per_case"] < today["operations_cost_per_case"] \
            < silos["operations_cost_per_case"]
        assert shared["coordination_cost"] > 0 and silos["coordination_cost"] == 0
        # Each silo wins on its own number: product managers get the most out of their products.
        assert silos["pm_metric"] == b["pm_metric"].max()
        assert silos["skus"] > today["skus"] > shared["skus"]


def test_today_is_the_engine(alignment_cases):
    co, pnl = alignment_cases[1]
    today = _board(co, pnl).loc["today"]
    assert today["revenue"] == pytest.approx(pnl["revenue"].sum())
    assert today["cost_to_serve"] == pytest.approx(pnl["cost_to_serve"].sum())
    assert today["skus"] == len(co.products)
    assert today["launch_rate"] == 1 and today["pruned_share"] == 0
    b = _board(co, pnl)
    np.testing.assert_allclose(b["profit"], b["gross_margin"] - b["cost_to_serve"] - b["complexity_cost"]
                               - b["coordination_cost"])


def test_the_shared_pnl_serves_business_better_rather_than_refusing_it(alignment_cases):
    """The shared P&L is not told to avoid minimum orders: it redesigns where that earns more; silos never can."""
    for co, pnl in alignment_cases.values():
        b = _board(co, pnl)
        assert b.loc["shared account P&L", "accounts_minimum_order"] < b.loc[
            "each function on its own metric", "accounts_minimum_order"]
        assert b.loc["shared account P&L", "accounts_joint_redesign"] > 0
        assert b.loc["each function on its own metric", "accounts_joint_redesign"] == 0
        assert b.loc["each function on its own metric", "accounts_extra_service"] > 0


def test_some_moves_help_sales_and_operations_at_once(alignment_cases):
    """I8: joint redesign helps both functions; extra service helps sales only; minimum orders operations only."""
    co, pnl = alignment_cases[2]
    biggest = pnl.groupby("customer_id", observed=True)["revenue"].sum().nlargest(3).index.astype(str)
    for customer in biggest:
        moves = account_moves(co, pnl, customer_id=customer).set_index("move")
        assert moves.index.tolist() == MOVES
        assert moves.loc["joint_redesign", "helps_sales"] and moves.loc["joint_redesign", "helps_operations"]
        assert moves.loc["extra_service", "helps_sales"] and not moves.loc["extra_service", "helps_operations"]
        assert not moves.loc["as is", ["helps_sales", "helps_operations", "helps_company"]].any()
        assert moves.loc["as is", "net_profit"] == pytest.approx(
            pnl.loc[pnl["customer_id"].astype(str) == customer, "net_profit"].sum())


def test_account_pnl_adds_up_and_names_owners(alignment_cases):
    co, pnl = alignment_cases[3]
    customer = str(pnl["customer_id"].iloc[0])
    p = account_pnl(co, pnl, customer_id=customer).set_index("line")["amount"]
    assert p["revenue"] - p["cogs"] == pytest.approx(p["gross_margin"])
    assert p["gross_margin"] - p["cost_to_serve"] == pytest.approx(p["net_profit"])
    assert p["net_profit"] == pytest.approx(pnl.loc[pnl["customer_id"].astype(str) == customer,
                                                    "net_profit"].sum())
    owners = account_pnl(co, pnl, customer_id=customer).set_index("line")["owner"]
    assert owners["revenue"] == "sales" and owners["gross_margin"] == "product management"
    assert owners["cost_delivery"] == "operations" and owners["net_profit"] == "shared"


def test_assumptions_move_the_answer(alignment_cases):
    co, pnl = alignment_cases[4]
    costly = ALIGNMENT_ASSUMPTIONS.copy()
    costly.loc["redesign_cost", "value"] = 1e9
    b = _board(co, pnl, assumptions=costly)
    assert b.loc["shared account P&L", "accounts_joint_redesign"] == 0
    assert _board(co, pnl).loc["shared account P&L", "profit"] > b.loc["shared account P&L", "profit"]


def test_same_inputs_same_board(alignment_cases):
    co, pnl = alignment_cases[5]
    pd.testing.assert_frame_equal(compare_alignment(co, pnl), compare_alignment(co, pnl.copy()))


def test_an_edited_pnl_is_not_served_from_the_cache():
    co = make_company(seed=8, n_customers=40, n_products=60)
    pnl = cost_to_serve(co)
    before = compare_alignment(co, pnl).loc[0, "revenue"]
    pnl["revenue"] = pnl["revenue"] * 2
    assert compare_alignment(co, pnl).loc[0, "revenue"] == pytest.approx(2 * before)


@pytest.mark.parametrize("call, error, match", [
    (lambda co, pnl: account_pnl(co, pnl), ValueError, "customer_id"),
    (lambda co, pnl: account_pnl(co, pnl, customer_id="C9999"), ValueError, "customer_id"),
    (lambda co, pnl: account_moves(co, pnl, customer_id="nobody"), ValueError, "customer_id"),
    (lambda co, pnl: compare_alignment("co", pnl), TypeError, "company"),
    (lambda co, pnl: compare_alignment(co, pnl.drop(columns="cost_picking")), ValueError, "pnl"),
    (lambda co, pnl: compare_alignment(co, pnl, assumptions=ALIGNMENT_ASSUMPTIONS.drop("service_cost")),
     ValueError, "assumptions"),
    (lambda co, pnl: compare_alignment(co, pnl, assumptions=ALIGNMENT_ASSUMPTIONS.assign(value="x")),
     ValueError, "assumptions"),
    (lambda co, pnl: compare_alignment(
        co, pnl, assumptions=ALIGNMENT_ASSUMPTIONS.replace({"value": {"0.5, 0.75, 1, 1.5": "a, b"}})),
     ValueError, "launch_rates"),
])
def test_validation_names_the_parameter(alignment_cases, call, error, match):
    co, pnl = alignment_cases[1]
    with pytest.raises(error, match=match):
        call(co, pnl)
