"""Tests for casekit.models.levers: one account re-costed with its service levers pulled."""

import numpy as np
import pytest

import casekit as ck
from casekit.costing.drivers import line_costs
from casekit.models import levers as lv


@pytest.fixture(scope="module")
def drain(precision_case, precision_pnl):
    seg = ck.segment_customers(precision_pnl)
    return str(seg.loc[seg["segment"] == "Profit Drain", "customer_id"].iloc[0])


@pytest.fixture(scope="module")
def busy_account(precision_case):
    # An account with manual and rush orders and more than one drop a week:
    # every lever has something to act on.
    o = precision_case.orders
    stats = o.assign(manual=o["order_channel"].isin(["phone/fax", "rep-taken"])).groupby(
        "customer_id", observed=True).agg(manual=("manual", "sum"), rush=("rush", "sum"),
                                          drops=("delivery_id", "nunique"))
    busy = stats[(stats["manual"] > 0) & (stats["rush"] > 0) & (stats["drops"] > 52)]
    return str(busy.sort_values("drops", ascending=False).index[0])


@pytest.fixture(scope="module")
def model(precision_case, drain):
    return lv.account_model(precision_case, drain)


@pytest.mark.parametrize("cid", ["C0001", "C0008", "C0132"])
def test_account_model_matches_engine_line_by_line(precision_case, precision_pnl, cid):
    m = lv.account_model(precision_case, cid)
    costs = line_costs(m.frame, m.rates, m.months).set_index(m.frame["line_id"].to_numpy()).sort_index()
    eng = precision_pnl[precision_pnl["customer_id"].astype(str) == cid].set_index("line_id").sort_index()
    for col in costs.columns:
        np.testing.assert_allclose(costs[col].to_numpy(), eng[col].to_numpy(), rtol=1e-9, atol=1e-9)
    assert m.baseline["net_profit"] == pytest.approx(eng["net_profit"].sum(), abs=1e-6)


def test_no_levers_changes_nothing(model):
    r = model.what_if()
    assert np.allclose(r["change"].to_numpy(), 0)


@pytest.mark.parametrize("levers, cost_col, driver", [
    ({"min_order_cases": 300}, "cost_to_serve", "orders"),
    ({"move_to_edi": 1.0}, "cost_order_handling", "manual_orders"),
    ({"deliveries_per_week": 0.25}, "cost_delivery", "deliveries"),
    ({"cut_rush": 1.0}, "cost_rush_handling", "rush_orders"),
    ({"payment_terms_days": 0}, "cost_receivables", None),
    ({"sales_calls_per_year": 0}, "cost_sales_calls", None),
    ({"allowance_change_pct": -50}, "cost_trade_promotion", None),
])
def test_each_lever_cuts_its_cost_and_keeps_revenue_and_cases(precision_case, busy_account, levers, cost_col, driver):
    m = lv.account_model(precision_case, busy_account)
    assert m.baseline["manual_orders"] > 0 and m.baseline["rush_orders"] > 0
    r = m.what_if(**levers)
    assert r.loc[cost_col, "change"] < 0
    assert r.loc["net_profit", "change"] > 0
    if driver:
        assert r.loc[driver, "change"] < 0
    assert r.loc["revenue", "change"] == pytest.approx(0, abs=1e-6)
    assert r.loc["cases", "change"] == 0
    assert r.loc["cogs", "change"] == pytest.approx(0, abs=1e-6)


def test_longer_payment_terms_cost_more(model):
    today = model.frame["payment_terms_days"].iloc[0]
    r = model.what_if(payment_terms_days=today + 30)
    assert r.loc["cost_receivables", "change"] > 0


def test_price_lever_moves_revenue_by_the_percent(model):
    r = model.what_if(price_change_pct=2)
    assert r.loc["revenue", "with_levers"] == pytest.approx(r.loc["revenue", "today"] * 1.02)
    assert r.loc["cases", "change"] == 0
    assert r.loc["gross_margin", "change"] == pytest.approx(r.loc["revenue", "change"])


def test_min_order_is_met_and_lines_kept(model):
    f = model.apply(min_order_cases=200)
    assert len(f) == len(model.frame)
    assert sorted(f["line_id"]) == sorted(model.frame["line_id"])
    per_order = f.groupby("order_id")["cases"].sum()
    if model.frame["cases"].sum() >= 200:
        assert (per_order >= 200).all()


def test_partial_edi_moves_that_share(precision_case):
    m = lv.account_model(precision_case, "C0001")
    before = m.baseline["manual_orders"]
    after = m.evaluate(m.apply(move_to_edi=0.5))["manual_orders"]
    assert after == pytest.approx(before - round(before * 0.5), abs=1)


@pytest.mark.parametrize("kwargs, match", [
    ({"move_to_edi": 30}, "share between 0 and 1"),
    ({"cut_rush": -0.1}, "share between 0 and 1"),
    ({"min_order_cases": -5}, "min_order_cases"),
    ({"deliveries_per_week": -1}, "deliveries_per_week"),
    ({"price_change_pct": -150}, "price_change_pct"),
    ({"allowance_change_pct": -120}, "allowance_change_pct"),
    ({"payment_terms_days": -3}, "payment_terms_days"),
    ({"minimum_order": 5}, "unknown lever"),
])
def test_lever_validation(model, kwargs, match):
    with pytest.raises(ValueError, match=match):
        model.apply(**kwargs)


def test_unknown_customer(precision_case):
    with pytest.raises(ValueError, match="not a customer"):
        lv.account_model(precision_case, "C9999")
    with pytest.raises(TypeError, match="RateCard"):
        lv.account_model(precision_case, "C0001", rates={"delivery": 1})
