"""Tests for casekit.models.revenue_fit: how well accounts fit the supply chain (I10, I11)."""

import pytest

from casekit.models import revenue_fit as rf


def test_revenue_fit_reconciles_and_classes(precision_case, precision_pnl):
    fit = rf.revenue_fit(precision_pnl, precision_case)
    assert fit["revenue"].sum() == pytest.approx(precision_pnl["revenue"].sum())
    assert fit["net_profit"].sum() == pytest.approx(precision_pnl["net_profit"].sum())
    flags = fit[[c for c in fit.columns if c.startswith("fits_")]]
    assert (flags.sum(axis=1) == fit["fit_score"]).all()
    assert set(fit.loc[fit["fit_score"] >= 5, "fit"]) <= {"fits well"}
    s = rf.fit_summary(fit)
    assert s["share_of_revenue_pct"].sum() == pytest.approx(100)
    # the point of I10: poorly fitting business is costlier to run per case
    per_case = s.set_index("fit")["ops_cost_per_case"]
    assert per_case["fits poorly"] > per_case["fits well"]


def test_revenue_fit_thresholds(precision_case, precision_pnl):
    strict = rf.revenue_fit(precision_pnl, precision_case, thresholds={"cases_per_order": 1e9})
    assert not strict["fits_order_size"].any()
    with pytest.raises(ValueError, match="unknown column"):
        rf.revenue_fit(precision_pnl, precision_case, thresholds={"order_size": 3})
    with pytest.raises(ValueError, match="line P&L"):
        rf.revenue_fit(precision_pnl.drop(columns=["order_id"]), precision_case)


def test_same_revenue_comparison(precision_case, precision_pnl):
    fit = rf.revenue_fit(precision_pnl, precision_case)
    target = fit["revenue"].sum() / 4
    c = rf.same_revenue_comparison(fit, target_revenue=target).set_index("book")
    assert c["revenue"].to_numpy() == pytest.approx([target, target])
    assert c.loc["poorly-fitting", "ops_cost_per_case"] > c.loc["well-fitting", "ops_cost_per_case"]
    with pytest.raises(ValueError, match="target_revenue"):
        rf.same_revenue_comparison(fit, target_revenue=fit["revenue"].sum())
    with pytest.raises(ValueError, match="revenue_fit"):
        rf.same_revenue_comparison(fit.drop(columns=["fit_score"]))
