import numpy as np
import pandas as pd
import pytest

import casekit as ck
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
    costs = lv.line_costs(m.frame, m.rates, m.months).set_index(m.frame["line_id"].to_numpy()).sort_index()
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


def test_drop_account_splits_allocated_cost(precision_pnl, drain):
    d = lv.drop_account(precision_pnl, drain)
    sel = precision_pnl[precision_pnl["customer_id"].astype(str) == drain]
    assert d["allocated"].sum() == pytest.approx(sel["cost_to_serve"].sum())
    assert (d["avoidable"] <= d["allocated"] + 1e-9).all()
    assert d.attrs["profit_change_if_dropped"] == pytest.approx(d["avoidable"].sum() - sel["gross_margin"].sum())
    # if everything were avoidable, dropping would gain exactly the allocated loss
    full = lv.drop_account(precision_pnl, drain, avoidable={a: 1.0 for a in d["activity"]})
    assert full.attrs["profit_change_if_dropped"] == pytest.approx(-sel["net_profit"].sum())


def test_drop_account_validation(precision_pnl):
    with pytest.raises(ValueError, match="no lines"):
        lv.drop_account(precision_pnl, "C9999")
    with pytest.raises(ValueError, match="share between 0 and 1"):
        lv.drop_account(precision_pnl, "C0001", avoidable={"delivery": 70})


def test_drains_table_lists_every_drain(precision_pnl):
    d = lv.drains_table(precision_pnl)
    seg = ck.segment_customers(precision_pnl)
    assert set(d["customer_id"]) == set(seg.loc[seg["segment"] == "Profit Drain", "customer_id"].astype(str))
    assert (d["dropping_hurts"] == (d["profit_change_if_dropped"] < 0)).all()


def test_revenue_fit_reconciles_and_classes(precision_case, precision_pnl):
    fit = lv.revenue_fit(precision_pnl, precision_case)
    assert fit["revenue"].sum() == pytest.approx(precision_pnl["revenue"].sum())
    assert fit["net_profit"].sum() == pytest.approx(precision_pnl["net_profit"].sum())
    flags = fit[[c for c in fit.columns if c.startswith("fits_")]]
    assert (flags.sum(axis=1) == fit["fit_score"]).all()
    assert set(fit.loc[fit["fit_score"] >= 5, "fit"]) <= {"fits well"}
    s = lv.fit_summary(fit)
    assert s["share_of_revenue_pct"].sum() == pytest.approx(100)
    # the point of I10: poorly fitting business is costlier to run per case
    per_case = s.set_index("fit")["ops_cost_per_case"]
    assert per_case["fits poorly"] > per_case["fits well"]


def test_revenue_fit_thresholds(precision_case, precision_pnl):
    strict = lv.revenue_fit(precision_pnl, precision_case, thresholds={"cases_per_order": 1e9})
    assert not strict["fits_order_size"].any()
    with pytest.raises(ValueError, match="unknown column"):
        lv.revenue_fit(precision_pnl, precision_case, thresholds={"order_size": 3})
    with pytest.raises(ValueError, match="line P&L"):
        lv.revenue_fit(precision_pnl.drop(columns=["order_id"]), precision_case)


def test_same_revenue_comparison(precision_case, precision_pnl):
    fit = lv.revenue_fit(precision_pnl, precision_case)
    target = fit["revenue"].sum() / 4
    c = lv.same_revenue_comparison(fit, target_revenue=target).set_index("book")
    assert c["revenue"].to_numpy() == pytest.approx([target, target])
    assert c.loc["poorly-fitting", "ops_cost_per_case"] > c.loc["well-fitting", "ops_cost_per_case"]
    with pytest.raises(ValueError, match="target_revenue"):
        lv.same_revenue_comparison(fit, target_revenue=fit["revenue"].sum())
    with pytest.raises(ValueError, match="revenue_fit"):
        lv.same_revenue_comparison(fit.drop(columns=["fit_score"]))


def test_plots_state_the_finding(precision_case, precision_pnl, drain):
    fit = lv.revenue_fit(precision_pnl, precision_case)
    ax = lv.plot_revenue_fit(lv.fit_summary(fit))
    assert "Poorly fitting" in ax.get_title()
    ax = lv.plot_same_revenue(lv.same_revenue_comparison(fit))
    assert "per case" in ax.get_title()
    ax = lv.plot_drop_account(lv.drop_account(precision_pnl, drain))
    assert drain in ax.get_title()
    r = lv.what_if(precision_case, drain, **lv.SERVICE_PACKAGE)
    ax = lv.plot_lever_move(ck.segment_customers(precision_pnl), r)
    assert drain in ax.get_title() and ax.get_xscale() == "log"


def test_fix_or_drop_on_the_case():
    import casekit as ck
    from casekit.models import levers as lv

    co = ck.load_case("precision")
    pnl = ck.cost_to_serve(co)
    cand = lv.lever_candidates(co, pnl)
    table = lv.fix_or_drop(cand)
    assert len(table) == len(cand)
    wins = (cand["gain_from_levers"] > cand["profit_change_if_dropped"]).sum()
    assert table.attrs["fix_beats_drop"] == wins
    chosen = table.attrs["chosen"]
    row = cand.set_index("customer_id").loc[chosen]
    assert row["gain_from_levers"] > row["profit_change_if_dropped"]


def test_fix_or_drop_rejects_other_frames():
    import pytest

    from casekit.models import levers as lv

    with pytest.raises(ValueError, match="lever_candidates"):
        lv.fix_or_drop(pd.DataFrame({"customer_id": ["A"]}))
