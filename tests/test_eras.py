import pandas as pd
import pytest

import casekit as ck
from casekit.models import eras
from casekit.plots.eras import plot_dock_vs_account, plot_era_panel, plot_sku_counts


def test_era_case_is_cached_and_matches_make_company():
    co, pnl = eras.era_case(0.5)
    co2, pnl2 = eras.era_case(0.5)
    assert co is co2 and pnl is pnl2
    fresh = ck.cost_to_serve(ck.make_company(era=0.5, seed=eras.CLASSROOM_SEED))
    pd.testing.assert_frame_equal(pnl, fresh)


def test_era_case_rejects_bad_seed_and_era():
    with pytest.raises(TypeError, match="seed must be an int"):
        eras.era_case(0.5, seed="4")
    with pytest.raises(ValueError, match="outside"):
        eras.era_case(1.5)


def test_rank_agreement_is_spearman(precision_pnl):
    cust = ck.profit_by(precision_pnl)
    expected = cust["revenue"].rank().corr(cust["net_profit"].rank())
    assert eras.rank_agreement(precision_pnl) == pytest.approx(expected)


def test_rank_agreement_falls_from_mass_to_precision():
    mass = eras.rank_agreement(eras.era_case(0.0)[1])
    prec = eras.rank_agreement(eras.era_case(1.0)[1])
    assert mass > 0.9 > prec


def test_customer_ranks_gap_and_order(precision_pnl):
    r = eras.customer_ranks(precision_pnl)
    assert r["revenue_rank"].is_monotonic_increasing
    assert (r["rank_gap"] == r["profit_rank"] - r["revenue_rank"]).all()
    assert r.loc[r["net_profit"].idxmax(), "profit_rank"] == 1


def test_customer_spreads_reconcile(precision_pnl):
    s = eras.customer_spreads(precision_pnl)
    cust = ck.profit_by(precision_pnl)
    assert (s["cost_to_serve_per_case"] * s["cases"]).sum() == pytest.approx(cust["cost_to_serve"].sum())
    assert s["pocket_pct_of_list"].between(0, 100.0001).all()


def test_era_profile_widens_spreads():
    t = eras.era_table([0.0, 1.0])
    mass, prec = t.iloc[0], t.iloc[1]
    assert prec["pocket_price_spread_pts"] > mass["pocket_price_spread_pts"]
    assert prec["cts_per_case_ratio"] > mass["cts_per_case_ratio"]
    assert prec["skus_sold"] > mass["skus_sold"]
    co, _ = eras.era_case(1.0)
    assert prec["skus_sold"] <= len(co.products)
    assert mass["niche_skus_sold"] <= mass["skus_sold"]


def test_era_table_validates():
    with pytest.raises(TypeError, match="non-empty list"):
        eras.era_table(0.5)
    with pytest.raises(ValueError, match="non-empty list"):
        eras.era_table([])


def test_dock_vs_account_reconciles(precision_pnl):
    d = eras.dock_vs_account(precision_pnl)
    assert d["cost_to_serve_dock"].sum() == pytest.approx(d["cost_to_serve_account"].sum())
    assert d["profit_dock"].sum() == pytest.approx(d["profit_account"].sum())
    manual = ((d["profit_dock"] > 0) & (d["profit_account"] < 0)).sum()
    assert eras.hidden_losers(precision_pnl) == manual
    assert (d["hidden_loser"] <= (d["profit_account"] < 0)).all()


def test_plots_state_findings():
    fig = plot_era_panel(1.0, pyplot=False)
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    rho = eras.rank_agreement(eras.era_case(1.0)[1])
    assert f"{rho:.2f}" in titles[0]
    ax = plot_dock_vs_account(eras.era_case(1.0)[1])
    assert str(eras.hidden_losers(eras.era_case(1.0)[1])) in ax.get_title(loc="left")
    ax = plot_sku_counts(eras.era_table([0.0, 1.0]))
    assert "SKUs" in ax.get_title(loc="left")
    with pytest.raises(ValueError, match="era_table"):
        plot_sku_counts(pd.DataFrame({"era": [0.0]}))
