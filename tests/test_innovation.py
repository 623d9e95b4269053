"""Tests for casekit.models.innovation: the launch stream, complexity cost and the two lenses (I1, I4, I14)."""

import numpy as np
import pandas as pd
import pytest

from casekit.case.company import make_company
from casekit.costing.engine import cost_to_serve
from casekit.models.complexity import COMPLEXITY_RATES
from casekit.models.innovation import (
    complexity_cost,
    launch_calendar,
    product_scorecard,
    prune_tail,
    what_if_launch_rate,
)

SEEDS = [1, 2, 3, 4, 5]


@pytest.fixture(scope="session")
def innovation_cases():
    """Small precision-era companies and their engine output, one per seed."""
    out = {}
    for seed in SEEDS:
        co = make_company(seed=seed, n_customers=60, n_products=80)
        out[seed] = (co, cost_to_serve(co))
    return out


@pytest.fixture(scope="session")
def innovation_cards(innovation_cases):
    return {seed: product_scorecard(co, pnl) for seed, (co, pnl) in innovation_cases.items()}


# --------------------------------------------------------------------------- launch calendar
@pytest.mark.parametrize("seed", SEEDS[:3])
def test_launch_calendar_accounts_for_every_launch_and_sku(innovation_cases, seed):
    co, _ = innovation_cases[seed]
    cal = launch_calendar(co)
    assert len(cal) == co.params["months"]
    assert cal["launches"].sum() == len(co.launches)
    assert (cal["major_launches"] + cal["minor_launches"]).equals(cal["launches"])
    assert cal["major_launches"].sum() == (co.launches["launch_size"] == "major").sum()
    assert cal["new_skus"].sum() == co.products["is_new"].sum()
    assert cal["active_skus"].iloc[-1] == len(co.products)
    assert cal["active_skus"].is_monotonic_increasing
    # A few big launches, many small ones (I1).
    assert cal["minor_launches"].sum() > cal["major_launches"].sum()


def test_launch_calendar_without_launches_is_flat():
    co = make_company(era="mass", seed=1, n_customers=30, n_products=60)
    cal = launch_calendar(co)
    assert cal["launches"].sum() == 0
    assert cal["active_skus"].nunique() == 1
    assert cal["changeovers"].nunique() == 1


def test_changeovers_grow_with_the_launch_stream(innovation_cases):
    for co, _ in innovation_cases.values():
        cal = launch_calendar(co)
        assert cal["changeovers"].iloc[-1] > cal["changeovers"].iloc[0]


# --------------------------------------------------------------------------- complexity cost
def test_complexity_components_add_up_and_launches_carry_their_projects(innovation_cases):
    co, pnl = innovation_cases[1]
    cc = complexity_cost(co, pnl)
    parts = ["changeovers", "safety_stock", "warehouse_slots", "master_data", "selling_time", "launch_projects"]
    assert (cc[parts] >= 0).all().all()
    np.testing.assert_allclose(cc[parts].sum(axis=1), cc["complexity_cost"])
    new = co.products["is_new"].to_numpy()
    assert (cc.loc[new, "launch_projects"] > 0).all()
    assert (cc.loc[~new, "launch_projects"] == 0).all()
    # A launch's project cost is shared by its SKUs: charged at once, the launches' costs add up to the rates.
    r = COMPLEXITY_RATES["value"]
    sizes = co.launches["launch_size"].astype(str)
    expected = (sizes == "major").sum() * r["major_launch_cost"] + (sizes == "minor").sum() * r["minor_launch_cost"]
    at_once = COMPLEXITY_RATES.copy()
    at_once.loc["economic_life_months", "value"] = 0.0
    assert complexity_cost(co, pnl, rates=at_once)["launch_projects"].sum() == pytest.approx(expected)
    # Spread over the economic life, the period carries the months each SKU was on sale.
    card = product_scorecard(co, pnl)
    months = np.minimum(card["months_on_sale"].to_numpy() / r["economic_life_months"], 1.0)
    np.testing.assert_allclose(cc["launch_projects"], card["launch_cost"] * months)
    assert cc["launch_projects"].sum() < expected


def test_complexity_cost_rises_with_congestion(innovation_cases):
    co, pnl = innovation_cases[2]
    more = COMPLEXITY_RATES.copy()
    more.loc["congestion_exponent", "value"] = 2 * COMPLEXITY_RATES.loc["congestion_exponent", "value"]
    assert complexity_cost(co, pnl, rates=more)["complexity_cost"].sum() > \
        complexity_cost(co, pnl)["complexity_cost"].sum()


# --------------------------------------------------------------------------- the two lenses
def test_scorecard_lenses_are_consistent_with_the_engine(innovation_cases, innovation_cards):
    co, pnl = innovation_cases[3]
    card = innovation_cards[3]
    assert len(card) == len(co.products)
    assert card["revenue"].sum() == pytest.approx(pnl["revenue"].sum())
    # The engine's net profit, plus the rep time that moved from the sales-call pool to selling time.
    moved = min(complexity_cost(co, pnl)["selling_time"].sum(), pnl["cost_sales_calls"].sum())
    assert card["net_profit"].sum() == pytest.approx(pnl["net_profit"].sum() + moved)
    np.testing.assert_allclose(card["company_profit"], card["net_profit"] - card["complexity_cost"])
    assert sorted(card["pm_rank"]) == list(range(1, len(card) + 1))
    assert set(card["pm_verdict"].astype(str)) <= {"earns", "loses"}


def test_each_cost_lands_once(innovation_cases, innovation_cards):
    """Rep time is either selling time (complexity) or sales calls (cost to serve), never both."""
    for seed, card in innovation_cards.items():
        co, pnl = innovation_cases[seed]
        cc = complexity_cost(co, pnl)
        calls = pnl["cost_sales_calls"].sum()
        selling = cc["selling_time"].sum()
        # Every dollar of cost the company lens charges: the engine's costs other than calls, the call pool
        # less what moved to selling time, and complexity (which holds the selling time).
        other = pnl["cost_to_serve"].sum() - calls
        charged = card["cost_to_serve"].sum() + card["complexity_cost"].sum()
        assert charged == pytest.approx(other + max(calls - selling, 0.0) + cc["complexity_cost"].sum())
        # Rep time in total is the larger of the two, not their sum.
        rep_time = (card["cost_to_serve"].sum() - other) + selling
        assert rep_time == pytest.approx(max(calls, selling))
        assert card["company_profit"].sum() == pytest.approx(
            pnl["gross_margin"].sum() - charged)


def test_launches_look_fine_on_margin_and_lose_money_for_the_company(innovation_cards):
    """I4: nearly every new SKU earns a gross margin; a large minority lose money after cost to serve and complexity.

    On the economics of issue #11 (35-60 % of launches lose) the share of new SKUs losing money is no longer a
    majority: 45 % pooled over seeds 1-5 (27-59 % by seed), 40 % on the classroom case.
    """
    # Small test companies launch only a dozen or two SKUs each, so the shares
    # are judged on the SKUs of all seeds together; the lens comparison per seed.
    new = pd.concat([card[card["is_new"]] for card in innovation_cards.values()])
    assert (new["pm_verdict"] == "earns").mean() > 0.9
    assert 0.3 < (new["company_verdict"] == "loses").mean() < 0.6
    for card in innovation_cards.values():
        # The company lens condemns more products than the product managers' lens.
        assert (card["company_verdict"] == "loses").sum() > (card["pm_verdict"] == "loses").sum()


def _launches(card):
    new = card[card["is_new"]]
    return new.groupby("launch_id").agg(size=("launch_size", "first"), gross_margin=("gross_margin", "sum"),
                                        company_profit=("company_profit", "sum"))


def test_many_launches_lose_but_major_ones_mostly_pay(innovation_cards, precision_case, precision_pnl):
    """I4 as issue #11 states it: 35-60 % of launches lose money after complexity; major launches mostly pay,
    small tweaks (a flavour, a pack) mostly lose.

    Found on the recalibrated case: 50 % of the classroom case's 52 launches lose (26 of 46 minor, none of 6
    major); pooled over seeds 1-5, 53 % of 73 (61 % of minors, every major pays).
    """
    classroom = _launches(product_scorecard(precision_case, precision_pnl))
    assert 0.35 <= (classroom["company_profit"] < 0).mean() <= 0.6
    cards = list(innovation_cards.values())
    pooled = pd.concat([_launches(card) for card in cards])
    assert 0.35 <= (pooled["company_profit"] < 0).mean() <= 0.6
    for launches in (classroom, pooled):
        size = launches["size"].astype(str)
        major, minor = launches[size == "major"], launches[size == "minor"]
        assert (minor["company_profit"] < 0).mean() > 0.5
        assert (major["company_profit"] > 0).mean() > 0.5
        assert major["company_profit"].median() > minor["company_profit"].median()


def test_a_longer_economic_life_lightens_launches(innovation_cases):
    co, pnl = innovation_cases[2]
    short, long_ = COMPLEXITY_RATES.copy(), COMPLEXITY_RATES.copy()
    short.loc["economic_life_months", "value"] = 12.0
    long_.loc["economic_life_months", "value"] = 60.0
    new = co.products["is_new"].to_numpy()
    cost = {life: complexity_cost(co, pnl, rates=r)["complexity_cost"].to_numpy() for life, r in
            (("short", short), ("long", long_))}
    assert cost["long"][new].sum() < cost["short"][new].sum()
    np.testing.assert_allclose(cost["long"][~new], cost["short"][~new])


# --------------------------------------------------------------------------- what-ifs
def test_pruning_the_tail_saves_15_to_30_percent_of_complexity(innovation_cards, precision_case, precision_pnl):
    """Wilson & Perumal's range, across seeds and on the classroom case."""
    cards = list(innovation_cards.values()) + [product_scorecard(precision_case, precision_pnl)]
    for card in cards:
        out = prune_tail(card)
        assert 15 <= out.loc[1, "complexity_saved_pct"] <= 30
        assert out.loc[1, "skus"] < out.loc[0, "skus"]


def test_pruning_more_saves_more_and_loses_little_revenue(innovation_cards):
    card = innovation_cards[4]
    saved = [prune_tail(card, share=s).loc[1, "complexity_cost"] for s in (0.0, 0.1, 0.2, 0.3)]
    assert saved == sorted(saved, reverse=True)
    assert prune_tail(card, share=0.0).loc[1, "complexity_saved_pct"] == pytest.approx(0.0)
    # Revenue falls by no more than the pruned SKUs sold (part of it moves to substitutes).
    out = prune_tail(card, share=0.2)
    pruned_revenue = card.nsmallest(int(round(0.2 * len(card))), "revenue")["revenue"].sum()
    loss = out.loc[0, "revenue"] - out.loc[1, "revenue"]
    assert 0 <= loss <= pruned_revenue + 1e-6


def test_launch_rate_what_if(innovation_cards):
    card = innovation_cards[5]
    same = what_if_launch_rate(card, rate=1.0)
    for col in ["skus", "revenue", "complexity_cost", "company_profit"]:
        assert same.loc[1, col] == pytest.approx(same.loc[0, col])
    none = what_if_launch_rate(card, rate=0.0)
    assert none.loc[1, "launches"] == 0
    assert none.loc[1, "skus"] == (~card["is_new"]).sum()
    costs = [what_if_launch_rate(card, rate=r).loc[1, "complexity_cost"] for r in (0.0, 0.5, 1.0, 1.5)]
    assert costs == sorted(costs)
    # The two lenses disagree: halving the launches costs the product managers gross margin and earns the
    # company profit (complexity falls more than the launches' profit), in 3 of seeds 1-5 on the recalibrated
    # case of issue #11 (seeds 1 and 4: -1.4 % and -4.6 %, where the minor launches sell well enough to pay).
    half = what_if_launch_rate(card, rate=0.5)
    assert half.loc[1, "gross_margin"] < half.loc[0, "gross_margin"]
    assert half.loc[1, "company_profit"] > half.loc[0, "company_profit"]
    gains = [what_if_launch_rate(c, rate=0.5).pipe(lambda o: o.loc[1, "company_profit"] > o.loc[0, "company_profit"])
             for c in innovation_cards.values()]
    assert sum(gains) >= 3


def test_what_ifs_do_not_need_the_engine(innovation_cards):
    card = innovation_cards[1].copy()
    out = prune_tail(card, share=0.1)
    assert list(out["scenario"]) == ["today", "pruned"]


# --------------------------------------------------------------------------- reproducibility
def test_same_company_same_numbers():
    a = make_company(seed=9, n_customers=40, n_products=60)
    b = make_company(seed=9, n_customers=40, n_products=60)
    pd.testing.assert_frame_equal(launch_calendar(a), launch_calendar(b))
    card_a = product_scorecard(a, cost_to_serve(a))
    card_b = product_scorecard(b, cost_to_serve(b))
    pd.testing.assert_frame_equal(card_a, card_b)
    pd.testing.assert_frame_equal(prune_tail(card_a), prune_tail(card_b))


# --------------------------------------------------------------------------- validation
@pytest.mark.parametrize("call, error, match", [
    (lambda co, pnl, card: launch_calendar("not a company"), TypeError, "company"),
    (lambda co, pnl, card: complexity_cost(co, pnl[["product_id", "cases"]]), ValueError, "pnl"),
    (lambda co, pnl, card: complexity_cost(co, "pnl"), TypeError, "pnl"),
    (lambda co, pnl, card: complexity_cost(co, pnl, rates=COMPLEXITY_RATES.drop("slot_cost")), ValueError, "rates"),
    (lambda co, pnl, card: product_scorecard(co, pnl, rates=COMPLEXITY_RATES.assign(value=-1.0)), ValueError, "rates"),
    (lambda co, pnl, card: prune_tail(card, share=1.5), ValueError, "share"),
    (lambda co, pnl, card: prune_tail(card, share="half"), TypeError, "share"),
    (lambda co, pnl, card: prune_tail(card, by="volume"), ValueError, "by"),
    (lambda co, pnl, card: prune_tail(card[["revenue"]]), ValueError, "scorecard"),
    (lambda co, pnl, card: what_if_launch_rate(card, rate=-0.1), ValueError, "rate"),
    (lambda co, pnl, card: what_if_launch_rate(card, rate=4), ValueError, "rate"),
])
def test_validation_names_the_parameter(innovation_cases, innovation_cards, call, error, match):
    co, pnl = innovation_cases[1]
    with pytest.raises(error, match=match):
        call(co, pnl, innovation_cards[1])
