"""Tests for casekit.models.account_development: sales first vs operations early for a key account (I9)."""

import numpy as np
import pandas as pd
import pytest

from casekit.case.company import make_company
from casekit.costing.engine import cost_to_serve
from casekit.models.account_development import (
    ACCOUNT_ASSUMPTIONS,
    PATHS,
    account_paths,
    develop_account,
    key_account,
    path_totals,
)
from casekit.models.account_distribution import path_distribution

SEEDS = [1, 2, 3, 4, 5]
COSTS = ["cost_order_handling", "cost_picking", "cost_delivery", "cost_rush_handling", "cost_sales_calls",
         "cost_trade_promotion", "cost_returns", "cost_receivables", "cost_inventory_carrying"]


@pytest.fixture(scope="session")
def account_cases():
    out = {}
    for seed in SEEDS:
        co = make_company(seed=seed, n_customers=60, n_products=80)
        out[seed] = (co, cost_to_serve(co))
    return out


def _largest(pnl):
    return str(pnl.groupby("customer_id", observed=True)["revenue"].sum().idxmax())


def test_operations_early_raises_both_profits(account_cases):
    """I9, across seeds, for the default key account and the largest account."""
    for co, pnl in account_cases.values():
        for customer in {key_account(co, pnl), _largest(pnl)}:
            tot = path_totals(account_paths(co, pnl, customer_id=customer))
            early, late = tot.loc["operations early"], tot.loc["sales first, supply chain last"]
            assert early["customer_profit"] > late["customer_profit"]
            assert early["your_profit"] > late["your_profit"]
            # Sales first wins volume with service promises, so its revenue can lead: profit, not revenue,
            # is where operations early wins.
            assert early["your_cost_to_serve"] < late["your_cost_to_serve"]


def test_operations_early_cuts_cost_to_serve_per_case(account_cases):
    for co, pnl in account_cases.values():
        early = develop_account(co, pnl, ops_joins=1, n_quarters=8)
        never = develop_account(co, pnl, ops_joins=None, n_quarters=8)
        assert early["your_cost_to_serve_per_case"].iloc[-1] < never["your_cost_to_serve_per_case"].iloc[-1]
        # The customer earns more per case once the changes are in.
        per_case = lambda p: (p["customer_profit"] / p["cases"]).iloc[-1]
        assert per_case(early) > per_case(never)


def test_the_later_operations_joins_the_less_both_sides_earn(account_cases):
    for seed in (2, 4):
        co, pnl = account_cases[seed]
        totals = [develop_account(co, pnl, ops_joins=q, n_quarters=12)[["your_profit", "customer_profit"]].sum()
                  for q in (1, 5, 9)]
        never = develop_account(co, pnl, ops_joins=None, n_quarters=12)[["your_profit", "customer_profit"]].sum()
        for col in ("your_profit", "customer_profit"):
            values = [t[col] for t in totals]
            assert values == sorted(values, reverse=True)
        # Joining at once beats never joining for the customer (joining late may not pay back its set-up in
        # time); for you too on seed 2, while on seed 4 the key account has too little service cost to cut to
        # repay the set-up within three years (found on the recalibrated case of issue #11).
        assert totals[0]["customer_profit"] > never["customer_profit"]
        assert (totals[0]["your_profit"] > never["your_profit"]) == (seed == 2)
        assert totals[-1]["customer_profit"] > never["customer_profit"]


def test_without_changes_a_quarter_is_the_engines_quarter(account_cases):
    """With no growth and operations never joining, each quarter reproduces the engine's figures."""
    co, pnl = account_cases[3]
    flat = ACCOUNT_ASSUMPTIONS.copy()
    flat.loc["base_growth", "value"] = 0.0
    flat.loc[["promise_volume", "promise_cost"], "value"] = 0.0   # no service promises either
    customer = key_account(co, pnl)
    path = develop_account(co, pnl, ops_joins=None, customer_id=customer, n_quarters=4, assumptions=flat)
    lines = pnl[pnl["customer_id"].astype(str) == customer]
    quarter = 3 / co.params["months"]
    assert path["cases"].to_numpy() == pytest.approx(np.full(4, lines["cases"].sum() * quarter))
    assert path["your_revenue"].to_numpy() == pytest.approx(np.full(4, lines["revenue"].sum() * quarter))
    assert path["your_cost_to_serve"].to_numpy() == pytest.approx(
        np.full(4, lines[COSTS].sum().sum() * quarter))
    assert (path["ops_project_cost"] == 0).all()
    assert not path["ops_engaged"].any()


def test_changes_ramp_up_and_project_costs_are_paid(account_cases):
    co, pnl = account_cases[4]
    path = develop_account(co, pnl, ops_joins=3, n_quarters=10)
    a = ACCOUNT_ASSUMPTIONS["value"]
    assert (path.loc[path["quarter"] < 3, ["pallets", "scheduled_deliveries", "vmi"]] == 0).all().all()
    for change, length in (("pallets", a["pallet_quarters"]), ("vmi", a["vmi_quarters"])):
        full = path.loc[path["quarter"] >= 3 + length - 1, change]
        assert (full == 1).all()
        assert path[change].is_monotonic_increasing
    assert path.loc[path["quarter"] == 3, "ops_project_cost"].iloc[0] > a["ops_team_cost"]
    assert path.loc[path["quarter"] >= 3 + a["ops_team_quarters"], "ops_project_cost"].eq(0).all()


def test_paths_and_totals_agree(account_cases):
    co, pnl = account_cases[5]
    paths = account_paths(co, pnl, n_quarters=8)
    assert list(paths["path"].cat.categories) == PATHS
    assert paths.groupby("path", observed=True).size().tolist() == [8, 8]
    tot = path_totals(paths)
    for path in PATHS:
        sub = paths[paths["path"] == path]
        assert tot.loc[path, "your_profit"] == pytest.approx(sub["your_profit"].sum())
        np.testing.assert_allclose(
            sub["your_profit"], sub["your_gross_margin"] - sub["your_cost_to_serve"] - sub["ops_project_cost"])
        np.testing.assert_allclose(
            sub["customer_profit"], sub["customer_gross_margin"] - sub["customer_handling_cost"])


def test_same_inputs_same_paths(account_cases):
    co, pnl = account_cases[1]
    pd.testing.assert_frame_equal(account_paths(co, pnl), account_paths(co, pnl))
    other = make_company(seed=1, n_customers=60, n_products=80)
    pd.testing.assert_frame_equal(account_paths(co, pnl), account_paths(other, cost_to_serve(other)))


@pytest.mark.parametrize("call, error, match", [
    (lambda co, pnl: develop_account(co, pnl, ops_joins=0), ValueError, "ops_joins"),
    (lambda co, pnl: develop_account(co, pnl, ops_joins=13, n_quarters=12), ValueError, "ops_joins"),
    (lambda co, pnl: develop_account(co, pnl, n_quarters=2), ValueError, "n_quarters"),
    (lambda co, pnl: develop_account(co, pnl, n_quarters=8.5), TypeError, "n_quarters"),
    (lambda co, pnl: develop_account(co, pnl, customer_id="C9999"), ValueError, "customer_id"),
    (lambda co, pnl: develop_account("co", pnl), TypeError, "company"),
    (lambda co, pnl: develop_account(co, pnl.drop(columns="cost_delivery")), ValueError, "pnl"),
    (lambda co, pnl: account_paths(co, pnl, ops_early=5, ops_late=3), ValueError, "ops_late"),
    (lambda co, pnl: account_paths(co, pnl, ops_early=0), ValueError, "ops_early"),
    (lambda co, pnl: account_paths(co, pnl, assumptions=ACCOUNT_ASSUMPTIONS.drop("vmi_setup")),
     ValueError, "assumptions"),
    (lambda co, pnl: account_paths(co, pnl, assumptions=ACCOUNT_ASSUMPTIONS.assign(value=-1)),
     ValueError, "assumptions"),
    (lambda co, pnl: path_totals(pnl), ValueError, "paths"),
])
def test_validation_names_the_parameter(account_cases, call, error, match):
    co, pnl = account_cases[1]
    with pytest.raises(error, match=match):
        call(co, pnl)


def test_key_account_is_a_big_account_with_room_and_joining_pays(account_cases):
    """I9 is about key accounts: the default is a top-20 % account where the changes have most to cut,
    and for it joining at once beats never joining for the customer on every seed, and for you on 4 of
    seeds 1-5 (seed 4's key account has too little service cost to cut to repay the set-up in time)."""
    pays = []
    for co, pnl in account_cases.values():
        key = key_account(co, pnl)
        revenue = pnl.groupby("customer_id", observed=True)["revenue"].sum().sort_values(ascending=False)
        top = [str(c) for c in revenue.index[: max(3, int(np.ceil(0.2 * len(co.customers))))]]
        assert key in top
        saving = {}
        for customer in top:
            full = develop_account(co, pnl, ops_joins=1, customer_id=customer, n_quarters=8)
            never = develop_account(co, pnl, ops_joins=None, customer_id=customer, n_quarters=8)
            saving[customer] = (never["your_cost_to_serve_per_case"].iloc[-1]
                                - full["your_cost_to_serve_per_case"].iloc[-1]) * never["cases"].iloc[-1]
        # Room is measured in dollars: no other top account would save clearly more.
        assert saving[key] >= 0.8 * max(saving.values())
        early = develop_account(co, pnl, ops_joins=1)[["your_profit", "customer_profit"]].sum()
        never = develop_account(co, pnl, ops_joins=None)[["your_profit", "customer_profit"]].sum()
        assert early["customer_profit"] > never["customer_profit"]
        pays.append(early["your_profit"] > never["your_profit"])
    assert sum(pays) >= 4


def test_story_account_is_a_drain_that_turns(precision_case, precision_pnl):
    import casekit.models.account_development as ad
    from casekit.analysis.profitability import segment_customers
    from casekit.models.account_development import story_account

    cid = story_account(precision_case, precision_pnl)
    seg = segment_customers(precision_pnl).set_index("customer_id")
    assert seg.loc[cid, "segment"] == "Profit Drain"
    t = ad.path_totals(ad.account_paths(precision_case, precision_pnl, customer_id=cid))
    assert t.loc[ad.PATHS[1], "your_profit"] > t.loc[ad.PATHS[0], "your_profit"]
    drains = seg[seg["segment"] == "Profit Drain"]
    bigger = drains[drains["revenue"] > seg.loc[cid, "revenue"]].index
    if t.loc[ad.PATHS[0], "your_profit"] < 0 < t.loc[ad.PATHS[1], "your_profit"]:
        for other in bigger:   # no larger Drain turns from loss to profit
            o = ad.path_totals(ad.account_paths(precision_case, precision_pnl, customer_id=other))
            assert not (o.loc[ad.PATHS[0], "your_profit"] < 0 < o.loc[ad.PATHS[1], "your_profit"])


def test_sales_first_can_be_the_better_path(account_cases):
    """I9 is not built in: over key accounts and seeds 11-30, each path wins somewhere."""
    co, pnl = account_cases[1]
    dist = path_distribution(co, pnl)
    share = dist["ops_early_wins"].mean()
    assert 0.5 < share < 1.0
    assert dist["change_size"].std() > 0
    # The same account can go either way depending on what the joint work finds.
    assert (dist.groupby("customer_id")["gain"].min() < 0).any()


def test_sales_first_grows_revenue_faster_at_first(account_cases):
    co, pnl = account_cases[2]
    paths = account_paths(co, pnl, customer_id=key_account(co, pnl))
    growth = path_totals(paths)["sales_growth_pct"]
    assert growth["sales first, supply chain last"] > growth["operations early"]
