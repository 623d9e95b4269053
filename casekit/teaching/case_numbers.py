"""The numbers the instructor documents quote, computed from the executed case.

Every figure, percentage, dollar amount, count and account or product id in
``docs/src/*.md`` is a ``{{ name }}`` placeholder filled from
:func:`case_numbers`, so the guide cannot drift from what the notebooks
show.  Where a notebook makes a choice inline (which account it follows,
what share of SKUs it prunes, which seed it draws with) the choice is named
here once, and ``tests/test_docs.py`` checks that the notebook still makes
it.  Figures quoted from the literature are in :data:`CITED`, each with its
source, so they too have one place.
"""

from __future__ import annotations

import functools

__all__ = ["STABILITY_RUN", "PRUNE_SHARE", "REP_PICKS", "GAME_REP", "PLAN_COMPARISON_SEED", "CITED",
           "case_results", "case_numbers"]

STABILITY_RUN = {"noise_pct": 30, "n_draws": 50, "seed": 2010}
"""Notebook 03's rate-error run: ``model.run(30, n_draws=50, seed=2010)``."""

PRUNE_SHARE = 0.30
"""Notebook 05's pruning: ``prune_tail(card, share=0.30)`` (also ``check_prune_saving``'s default)."""

REP_PICKS = 3
"""Notebook 06: the objectives a student picks in the rep game (the simulated reps choose their own number)."""

GAME_REP = "R01"
"""Notebook 06: the rep whose bonus-best and company-best picks Exercise 3 compares."""

PLAN_COMPARISON_SEED = 0
"""Notebook 08: ``inc.compare_plans([TODAYS_PLAN, ALIGNED_PLAN], company, pnl, seed=0)``."""

CITED = {
    "cited_top_fifth_range": ("150–300 %", "Kaplan & Cooper (1998), Cost & Effect: the most profitable fifth of "
                                           "customers commonly earns 150-300 % of profit"),
    "cited_pareto_share": ("80 %", "the Pareto (80/20) rule a class reaches for"),
    "cited_prune_saving_range": ("15–30 %", "Wilson & Perumal (2009), Waging War on Complexity Costs"),
    "cited_rate_accuracy": ("70 %", "Byrnes (2010): aim for roughly 70 % accuracy, refine where a decision "
                                    "would change"),
    "cited_objectives_range": ("15–20", "Byrnes, \"Unlikely Operations Heroes: Sales Reps\": reps carry 15-20 "
                                        "objectives at once"),
}
"""Figures the documents quote from the literature: placeholder name -> (text, source)."""


@functools.lru_cache(maxsize=2)
def case_results(case: str = "precision") -> dict:
    """Run the case once and return what the documents and slide figures are drawn from.

    Each entry is made by the same call, with the same arguments, as the
    notebook that shows it (the account notebook 04 fixes or drops, the
    account notebook 07 follows, notebook 03's rate-error run, ...).

    Parameters
    ----------
    case : {"precision", "mass"}, default="precision"
        The shipped case the sessions use.

    Returns
    -------
    dict
        ``company``, ``pnl`` (contribution), ``allin`` (after overheads),
        ``customers``, ``curve``, ``segments``, ``segment_summary`` and
        ``losses`` (all-in), ``segments_contribution``, ``era_table``, ``fit``, ``fit_summary``,
        ``books``, ``candidates``, ``chosen`` (notebook 04's account),
        ``dropped``, ``package``, ``stability``, ``product_id`` (notebook 03's
        product), ``card`` and ``pruned`` (notebook 05), ``alliance_account``
        (notebook 07's account).  Cached: computed once per process.

    Examples
    --------
    >>> r = case_results()
    >>> r["alliance_account"] in set(r["company"].customers["customer_id"].astype(str))
    True
    """
    from casekit.analysis import sensitivity as se
    from casekit.analysis.losses import loss_shares
    from casekit.analysis.profitability import profit_by, segment_customers, segment_summary, whale_curve
    from casekit.case.datasets import load_case
    from casekit.costing.engine import cost_to_serve
    from casekit.costing.overheads import charge_overheads
    from casekit.models import dropping, eras
    from casekit.models import levers as lv
    from casekit.models import revenue_fit as rf
    from casekit.models.account_development import story_account
    from casekit.models.innovation import product_scorecard, prune_tail

    company = load_case(case)
    pnl = cost_to_serve(company)
    # Sessions 00 and 02 (whale curve, segments, profit map, loss shares) judge accounts on the all-in
    # profit, as Byrnes's profit maps do; the decisions of sessions 04-08 move traced costs, so they
    # work on contribution (the engine's net profit).
    allin = charge_overheads(pnl)
    segments = segment_customers(allin)
    fit = rf.revenue_fit(pnl, company)
    candidates = dropping.lever_candidates(company, pnl)
    chosen = dropping.fix_or_drop(candidates).attrs["chosen"]
    card = product_scorecard(company, pnl)
    run = dict(STABILITY_RUN)
    return {
        "company": company, "pnl": pnl, "allin": allin, "customers": profit_by(allin),
        "curve": whale_curve(allin),
        "segments": segments, "segments_contribution": segment_customers(pnl), "losses": loss_shares(allin),
        "segment_summary": segment_summary(segments).set_index("segment"),
        "era_table": eras.era_table(), "fit": fit, "fit_summary": rf.fit_summary(fit).set_index("fit"),
        "books": rf.same_revenue_comparison(fit), "candidates": candidates, "chosen": chosen,
        "dropped": dropping.drop_account(pnl, chosen),
        "package": lv.what_if(company, chosen, **dropping.SERVICE_PACKAGE),
        "stability": se.sensitivity_model(company).run(run.pop("noise_pct"), **run),
        "product_id": pnl.groupby("product_id", observed=True)["customer_id"].nunique().idxmax(),
        "card": card, "pruned": prune_tail(card, share=PRUNE_SHARE),
        "alliance_account": story_account(company, pnl),
    }


def _m(x: float) -> str:
    """Dollars in millions: 5299975 -> '$5.3M' (thousands below $100K)."""
    if abs(x) < 1e5:
        return _k(x)
    return f"-${abs(x) / 1e6:,.1f}M" if x < 0 else f"${x / 1e6:,.1f}M"


def _k(x: float) -> str:
    """Dollars in thousands: -31139 -> '-$31K'."""
    return f"-${abs(x) / 1e3:,.0f}K" if x < 0 else f"${x / 1e3:,.0f}K"


def case_numbers(case: str = "precision") -> dict[str, str]:
    """Compute, and format for prose, every number the instructor documents quote.

    Parameters
    ----------
    case : {"precision", "mass"}, default="precision"
        The shipped case the sessions use.

    Returns
    -------
    dict of str to str
        Placeholder name -> formatted number (e.g. ``"loss_share_pct": "34%"``),
        including the cited figures of :data:`CITED`.

    Examples
    --------
    Computing every number takes a few seconds (once per process):

    >>> n = case_numbers()
    >>> len(n) > 100, all(isinstance(v, str) for v in n.values())
    (True, True)
    >>> n["loss_share_pct"].endswith("%"), n["revenue"].startswith("$")
    (True, True)
    >>> n["prune_share_pct"], n["alliance_account"] == case_results()["alliance_account"]
    ('30%', True)
    """
    r = case_results(case)
    n = _company_numbers(r)
    n.update(_era_numbers(r))
    n.update(_glass_box_numbers(r))
    n.update(_fit_numbers(r))
    n.update(_innovation_numbers(r))
    n.update(_alliance_numbers(r))
    n.update(_incentive_numbers(r))
    n.update(_essay_numbers(r))
    n.update(_exercise_numbers(r))
    n.update(_what_if_numbers(r))
    n.update({name: text for name, (text, _source) in CITED.items()})
    return n


def _company_numbers(r: dict) -> dict[str, str]:
    """The company, its P&L, the whale curve and the segments (sessions 00 and 02)."""
    from casekit.case.datasets import CASES, load_case
    from casekit.costing.rates import RateCard

    pnl, cust, curve, seg, company = r["allin"], r["customers"], r["curve"], r["segment_summary"], r["company"]
    rev = float(pnl["revenue"].sum())
    net_sales = float(pnl["net_sales"].sum())
    traced = float(pnl["cost_to_serve"].sum() - pnl["cost_trade_promotion"].sum())
    losses = r["losses"].set_index("grain")
    logistics = [f"cost_{a}" for a in ("order_handling", "picking", "delivery", "rush_handling",
                                       "inventory_carrying") if f"cost_{a}" in pnl.columns]
    names = company.customers.set_index(company.customers["customer_id"].astype(object))["customer_name"]
    regions = company.reps["region"].astype(str).unique().tolist()
    n = {
        "case_seed": f"{CASES['precision']['seed']}",
        "n_customers": f"{len(company.customers)}",
        "n_products": f"{len(company.products)}",
        "n_orders": f"{len(company.orders):,}",
        "n_lines": f"{len(company.lines):,}",
        "n_reps": f"{len(company.reps)}",
        "n_regions": f"{len(regions)}",
        "regions": ", ".join(regions),
        "n_launches": f"{len(company.launches)}",
        "revenue": _m(rev),
        "gross_margin": _m(float(pnl["gross_margin"].sum())),
        "gross_margin_pct": f"{float(pnl['gross_margin'].sum()) / rev * 100:.0f}%",
        "cost_to_serve": _m(float(pnl["cost_to_serve"].sum())),
        "cost_to_serve_pct": f"{float(pnl['cost_to_serve'].sum()) / rev * 100:.0f}%",
        "logistics_pct": f"{float(pnl[logistics].sum().sum()) / rev * 100:.1f}%",
        "trade_promotion": _m(float(pnl["cost_trade_promotion"].sum())),
        "net_sales": _m(net_sales),
        "gross_margin_net_sales_pct": f"{(net_sales - float(pnl['cogs'].sum())) / net_sales * 100:.0f}%",
        "traced_cts_pct": f"{traced / net_sales * 100:.0f}%",
        "contribution": _m(float(pnl["contribution"].sum())),
        "contribution_pct": f"{float(pnl['contribution'].sum()) / net_sales * 100:.1f}%",
        "overheads": _m(float(pnl["overheads"].sum())),
        "net_profit": _m(float(pnl["net_profit"].sum())),
        "net_margin_pct": f"{float(pnl['net_profit'].sum()) / net_sales * 100:.1f}%",
        "accounts_losing_contribution": f"{int((r['segments_contribution']['net_profit'] < 0).sum())}",
        "products_losing_pct": f"{losses.loc['products', 'losing_pct']:.0f}%",
        "cells_losing_pct": f"{losses.loc['customer x product cells', 'losing_pct']:.0f}%",
        "lines_losing_pct": f"{losses.loc['invoice lines', 'losing_pct']:.0f}%",
        "lines_losing_revenue_pct": f"{losses.loc['invoice lines', 'losing_revenue_pct']:.0f}%",
        "accounts_losing": f"{int((cust['net_profit'] < 0).sum())}",
        "loss_share_pct": f"{curve.attrs['loss_share']:.0f}%",
        "loss_share_exact": f"{curve.attrs['loss_share']:.1f}",
        "loss_share_fraction": f"{curve.attrs['loss_share'] / 100:.3f}",
        "loss_share_complement": f"{100 - curve.attrs['loss_share']:.1f}",
        "top20_pct": f"{curve.attrs['top20_pct']:.0f}%",
        "whale_peak_pct": f"{curve.attrs['peak_pct']:.0f}%",
        "whale_peak_share": f"{curve.attrs['peak_share']:.0f}%",
        "best_customer": str(names[cust["customer_id"].astype(object).iloc[0]]),
        "best_customer_profit": _k(float(cust["net_profit"].iloc[0])),
        "worst_customer_profit": _k(float(cust["net_profit"].iloc[-1])),
        "worst_customer_loss": _k(-float(cust["net_profit"].iloc[-1])),
        "best_vs_largest": ("is not" if cust["revenue"].idxmax() != cust["net_profit"].idxmax() else "is also"),
    }
    for name, key in (("peaks", "Profit Peak"), ("drains", "Profit Drain"), ("deserts", "Profit Desert")):
        row = seg.loc[key]
        n[f"n_{name}"] = f"{int(row['customers'])}"
        n[f"{name}_profit"] = _m(float(row["net_profit"]))
        n[f"{name}_loss"] = _m(-float(row["net_profit"]))
        n[f"{name}_profit_share"] = f"{float(row['share_of_profit']):.0f}%"
        n[f"{name}_customer_share"] = f"{float(row['share_of_customers']):.0f}%"
    n["peaks_profit_share_exact"] = f"{float(seg.loc['Profit Peak', 'share_of_profit']):.1f}"
    n["peaks_customer_share_exact"] = f"{float(seg.loc['Profit Peak', 'share_of_customers']):.1f}"

    sizes = company.launches["launch_size"].astype(str).value_counts()
    n["n_launches_major"] = f"{int(sizes.get('major', 0))}"
    n["n_launches_minor"] = f"{int(sizes.get('minor', 0))}"
    channels = company.customers["channel_of_trade"].astype(str).value_counts()
    n["channel_counts"] = ", ".join(f"{v} {k}" for k, v in channels.items())
    orders = company.customers["order_channel"].astype(str).value_counts()
    n["order_channel_counts"] = ", ".join(f"{v} by {k}" for k, v in orders.items())
    mass = load_case("mass")
    n["mass_orders"] = f"{len(mass.orders):,}"
    n["mass_lines"] = f"{len(mass.lines):,}"
    n["mass_products"] = f"{len(mass.products)}"

    card = RateCard.default()
    n["rate_drop"] = f"${card.rate('delivery', 'deliveries'):.0f}"
    n["rate_km"] = f"${card.rate('delivery', 'delivery_km'):.2f}"
    n["rate_call"] = f"${card.rate('sales_calls', 'sales_calls'):.0f}"
    n["rate_edi_order"] = f"${card.rate('order_handling', 'orders', 'EDI'):.2f}"
    n["rate_phone_order"] = f"${card.rate('order_handling', 'orders', 'phone/fax'):.2f}"
    n["rate_rush"] = f"${card.rate('rush_handling', 'rush_orders'):.0f}"
    return n


def _era_numbers(r: dict) -> dict[str, str]:
    """Session 01: the era dial, rank agreement and the dock average."""
    from casekit.models import eras

    era = r["era_table"]
    n = {}
    for label, row in (("mass", era.iloc[0]), ("precision", era.iloc[-1])):
        n[f"rho_{label}"] = f"{row['rank_agreement']:.2f}"
        n[f"losing_{label}_pct"] = f"{row['customers_losing_pct']:.0f}%"
        n[f"skus_{label}"] = f"{int(row['skus_sold'])}"
        n[f"price_spread_{label}"] = f"{row['pocket_price_spread_pts']:.0f}"
        n[f"cts_ratio_{label}"] = f"{row['cts_per_case_ratio']:.1f}"
        n[f"era_profit_{label}"] = _m(float(row["net_profit"]))
    n["niche_revenue_precision_pct"] = f"{era.iloc[-1]['niche_revenue_pct']:.0f}%"
    n["rho_mid"] = f"{era.iloc[len(era) // 2]['rank_agreement']:.2f}"
    _, pnl_p = eras.era_case("precision")
    ranks = eras.customer_ranks(pnl_p)
    n["rho_precision_exact"] = f"{eras.rank_agreement(pnl_p):.3f}"
    n["pearson_precision"] = f"{float(ranks['revenue'].corr(ranks['net_profit'])):.3f}"
    n["hidden_losers"] = f"{eras.hidden_losers(pnl_p)}"
    n["losers_precision_count"] = f"{int((ranks['net_profit'] < 0).sum())}"
    return n


def _glass_box_numbers(r: dict) -> dict[str, str]:
    """Session 03: how wrong the rates may be, and the pocket price band."""
    from casekit.analysis import sensitivity as se
    from casekit.analysis.pocket_price import pocket_price_band

    s = se.summarize(r["stability"])
    band = pocket_price_band(r["pnl"], product_id=r["product_id"])
    return {
        "stability_noise_pct": f"{STABILITY_RUN['noise_pct']}%",
        "stability_draws": f"{STABILITY_RUN['n_draws']}",
        "spearman_30": f"{s['spearman_median']:.2f}",
        "jaccard_30": f"{s['jaccard_median']:.2f}",
        "drains_kept_30": f"{s['drains_kept_median']:.0f}",
        "drains_added_30": f"{s['drains_added_median']:.0f}",
        "base_drains": f"{int(s['base_drains'])}",
        "band_product": str(r["product_id"]),
        "band_accounts": f"{band.attrs['n']}",
        "band_min": f"${band.attrs['min']:.2f}",
        "band_max": f"${band.attrs['max']:.2f}",
        "band_spread_pct": f"{band.attrs['spread_pct']:.0f}%",
    }


def _fit_numbers(r: dict) -> dict[str, str]:
    """Session 04: revenue that fits, fix or drop, the service package, same revenue."""
    n = {}
    for label, key in (("well", "fits well"), ("partly", "fits partly"), ("poorly", "fits poorly")):
        row = r["fit_summary"].loc[key]
        n[f"fit_{label}_customers"] = f"{int(row['customers'])}"
        n[f"fit_{label}_revenue_pct"] = f"{row['share_of_revenue_pct']:.0f}%"
        n[f"fit_{label}_profit_pct"] = f"{row['share_of_profit_pct']:.0f}%"
        n[f"fit_{label}_ops_per_case"] = f"${row['ops_cost_per_case']:.2f}"
    books = r["books"].set_index("book")
    well, poor = books.loc["well-fitting"], books.loc["poorly-fitting"]
    n["book_revenue"] = _m(float(well["revenue"]))
    n["book_well_ops"] = f"${well['ops_cost_per_case']:.2f}"
    n["book_poor_ops"] = f"${poor['ops_cost_per_case']:.2f}"
    n["book_well_profit"] = _m(float(well["net_profit"]))
    n["book_poor_profit"] = _m(float(poor["net_profit"]))
    n["ops_gap_pct"] = f"{(poor['ops_cost_per_case'] / well['ops_cost_per_case'] - 1) * 100:.0f}%"
    n["ops_ratio"] = f"{poor['ops_cost_per_case'] / well['ops_cost_per_case']:.2f}"
    n["ops_gap_inverse_pct"] = f"{(1 - well['ops_cost_per_case'] / poor['ops_cost_per_case']) * 100:.0f}%"

    d, pkg = r["dropped"].attrs, r["package"]
    n["drain_id"] = str(r["chosen"])
    n["drain_revenue"] = _k(d["revenue"])
    n["drain_net_profit"] = _k(d["net_profit"])
    n["drain_loss"] = _k(-d["net_profit"])
    n["package_gain"] = _k(float(pkg.loc["net_profit", "change"]))
    n["drain_gross_margin"] = _k(d["gross_margin"])
    n["drain_allocated"] = _k(d["allocated_cost"])
    n["drain_avoidable"] = _k(d["avoidable_cost"])
    n["drop_change"] = _k(d["profit_change_if_dropped"])
    n["drop_wrong_allocated"] = _k(-d["net_profit"])
    n["drop_verdict"] = (f"raise Beacon's profit by {_k(d['profit_change_if_dropped'])}"
                         if d["profit_change_if_dropped"] > 0 else
                         f"cut Beacon's profit by {_k(-d['profit_change_if_dropped'])}")
    n["package_net_profit"] = _k(float(pkg.loc["net_profit", "with_levers"]))
    n["package_deliveries_before"] = f"{pkg.loc['deliveries', 'today']:.0f}"
    n["package_deliveries_after"] = f"{pkg.loc['deliveries', 'with_levers']:.0f}"
    n["n_drains_candidates"] = f"{len(r['candidates'])}"
    n["top_candidate_id"] = str(r["candidates"]["customer_id"].iloc[0])
    return n


def _innovation_numbers(r: dict) -> dict[str, str]:
    """Session 05: launches through two lenses, complexity, pruning the tail."""
    card, pruned = r["card"], r["pruned"]
    new = card[card["is_new"]]
    by_launch = new.groupby("launch_id")[["gross_margin", "company_profit"]].sum()
    return {
        "launch_loss_pct": f"{(by_launch['company_profit'] < 0).mean() * 100:.0f}%",
        "launch_gm_positive_pct": f"{(by_launch['gross_margin'] > 0).mean() * 100:.0f}%",
        "n_launches_scored": f"{len(by_launch)}",
        "new_sku_loss_exact": f"{(new['company_profit'] < 0).mean() * 100:.1f}",
        "complexity_cost": _m(float(card["complexity_cost"].sum())),
        "profit_after_complexity": _m(float(card["company_profit"].sum())),
        "prune_share_pct": f"{PRUNE_SHARE * 100:.0f}%",
        "prune_saving_pct": f"{float(pruned.loc[1, 'complexity_saved_pct']):.0f}%",
        "prune_saving_exact": f"{float(pruned.loc[1, 'complexity_saved_pct']):.1f}",
    }


def _alliance_numbers(r: dict) -> dict[str, str]:
    """Session 07: the account notebook 07 follows, its two paths, and the aligned company."""
    from casekit.models import account_development as ad
    from casekit.models import alignment as al

    company, pnl, account = r["company"], r["pnl"], r["alliance_account"]
    a = ad.ACCOUNT_ASSUMPTIONS["value"]
    tot = ad.path_totals(ad.account_paths(company, pnl, customer_id=account))
    late, early = tot.loc[ad.PATHS[0]], tot.loc[ad.PATHS[1]]
    n = {
        "alliance_account": str(account),
        "n_quarters": f"{a['n_quarters']:.0f}",
        "ops_early_quarter": f"{a['ops_early_quarter']:.0f}",
        "ops_late_quarter": f"{a['ops_late_quarter']:.0f}",
        "customer_gain_pct": f"{(early['customer_profit'] / late['customer_profit'] - 1) * 100:.0f}%",
        "ops_early_gain": _k(float(early["your_profit"] - late["your_profit"])),
        "sales_first_profit": _k(float(late["your_profit"])),
        "ops_early_profit": _k(float(early["your_profit"])),
        "ops_early_customer_gain": _k(float(early["customer_profit"] - late["customer_profit"])),
    }
    board = al.compare_alignment(company, pnl).set_index("scenario")
    profit = board["profit"]
    silos, shared = "each function on its own metric", "shared account P&L"
    n["silo_change_pct"] = f"{(profit[silos] / profit['today'] - 1) * 100:.0f}%"
    n["shared_change_pct"] = f"{(profit[shared] / profit['today'] - 1) * 100:.0f}%"
    n["board_profit_today"] = _m(float(profit["today"]))
    n["board_profit_silos"] = _m(float(profit[silos]))
    n["board_profit_shared"] = _m(float(profit[shared]))
    return n


def _incentive_numbers(r: dict) -> dict[str, str]:
    """Sessions 06 (fifteen objectives) and 08 (driving the boat)."""
    from casekit.models import incentives as inc
    from casekit.models.bonus_plan import SIM_SEED, classroom_plan
    from casekit.models.rep_choices import rep_game, simulate_reps

    company, pnl = r["company"], r["pnl"]
    plan = classroom_plan(company)
    sim = simulate_reps(plan, company, pnl, seed=SIM_SEED)
    s = sim.summary.iloc[0]
    n = {
        "rep_picks": f"{REP_PICKS}",
        "game_rep": GAME_REP,
        "plan_objectives": f"{int(s['n_objectives'])}",
        "objectives_worked": f"{int(s['objectives_worked'])}",
        "objectives_unworked": f"{int(s['n_objectives'] - s['objectives_worked'])}",
        "distinct_combinations": f"{int(s['distinct_combinations'])}",
        "delivered_pct": f"{s['delivered_pct']:.0f}%",
    }
    ids = plan["objective_id"].astype(str).tolist()[:REP_PICKS]
    game = rep_game(plan, company, pnl, rep_id=GAME_REP, picks=ids, seed=SIM_SEED).set_index("choice")
    best_co, best_bonus = game.loc["best for the company"], game.loc["best for your bonus"]
    n["r01_gap"] = _k(float(best_co["company_profit"] - best_bonus["company_profit"]))
    n["r01_gap_dollars"] = f"${float(best_co['company_profit'] - best_bonus['company_profit']):,.0f}"
    n["r01_bonus_gap"] = f"${float(best_bonus['bonus'] - best_co['bonus']):,.0f}"
    b = inc.compare_plans([inc.TODAYS_PLAN, inc.ALIGNED_PLAN], company, pnl,
                          seed=PLAN_COMPARISON_SEED).set_index("plan")
    no_push, today, al = b.loc["no pushes"], b.loc["today's plan"], b.loc["aligned"]
    n["aligned_cap"] = f"{inc.ALIGNED_PLAN.max_objectives}"
    n["n_pushes"] = f"{len(inc.PUSHES)}"
    n["pushes_per_rep"] = f"{inc.INCENTIVE_ASSUMPTIONS.loc['effort_units', 'value']:.0f}"
    n["no_push_profit"] = _m(float(no_push["profit"]))
    n["todays_plan_profit"] = _m(float(today["profit"]))
    n["aligned_profit"] = _m(float(al["profit"]))
    n["todays_plan_change_pct"] = f"{(today['profit'] / no_push['profit'] - 1) * 100:.0f}%"
    n["todays_plan_revenue_gain"] = _m(float(today["revenue"] - no_push["revenue"]))
    n["aligned_bonus"] = _k(float(al["bonus_paid"]))
    n["todays_plan_bonus"] = _k(float(today["bonus_paid"]))
    return n


def _essay_numbers(r: dict) -> dict[str, str]:
    """The essay class: the decisions its four exhibits ask for, as :mod:`casekit.teaching.decisions` computes them."""
    from casekit.teaching import decisions as d

    company, pnl = r["company"], r["pnl"]
    return {
        "essay_prune_answer": d.prune_rank_decision(r["card"], share=PRUNE_SHARE).answer,
        "essay_cap_answer": d.objective_cap_decision(company, pnl, cap=REP_PICKS).answer,
        "essay_path_answer": d.path_decision(company, pnl, customer_id=r["alliance_account"]).answer,
        "essay_plan_answer": d.plan_decision(company, pnl, seed=PLAN_COMPARISON_SEED).answer,
    }


def _exercise_numbers(r: dict) -> dict[str, str]:
    """The what-if exercises of sessions 05-08: each answer by the call its checker makes."""
    from casekit.models import alignment as al
    from casekit.models import incentives as inc
    from casekit.models.assumptions import with_values
    from casekit.models.bonus_plan import SIM_SEED, classroom_plan
    from casekit.models.launches import LIFE_ASSUMPTIONS, launch_life
    from casekit.models.objectives import OBJECTIVE_ASSUMPTIONS
    from casekit.models.rep_choices import simulate_reps
    from casekit.teaching import decisions as d
    from casekit.teaching.checks.alliance import COORDINATION_FACTOR, REDESIGN_SAVING_FACTOR
    from casekit.teaching.checks.objectives import OPEN_BUYERS_APPETITE

    company, pnl, card, account = r["company"], r["pnl"], r["card"], r["alliance_account"]
    life = launch_life(card)
    free = launch_life(card, assumptions=with_values(LIFE_ASSUMPTIONS, cannibalisation=0, major_cannibalisation=0))
    plan = classroom_plan(company)
    sim = simulate_reps(plan, company, pnl, seed=SIM_SEED)
    per_rep = sim.choices.groupby("rep_id", observed=True)["chosen"].sum()
    open_sim = simulate_reps(plan, company, pnl, seed=SIM_SEED,
                             assumptions=with_values(OBJECTIVE_ASSUMPTIONS, customer_appetite=OPEN_BUYERS_APPETITE))
    time_decision = d.selling_time_decision(plan, company, pnl)
    saving = float(al.ALIGNMENT_ASSUMPTIONS.loc["redesign_saving", "value"]) * REDESIGN_SAVING_FACTOR
    moves = al.account_moves(company, pnl, customer_id=account,
                             assumptions=with_values(al.ALIGNMENT_ASSUMPTIONS, redesign_saving=saving))
    cost = float(al.ALIGNMENT_ASSUMPTIONS.loc["coordination_cost", "value"]) * COORDINATION_FACTOR
    dearer = al.compare_alignment(company, pnl, assumptions=with_values(al.ALIGNMENT_ASSUMPTIONS,
                                                                        coordination_cost=cost))
    dearer = dearer.set_index("scenario")["profit"]
    uncapped = inc.BonusPlan(dict(inc.ALIGNED_PLAN.weights), max_objectives=None, name="uncapped")
    b = inc.compare_plans([inc.TODAYS_PLAN, inc.ALIGNED_PLAN, uncapped], company, pnl,
                          seed=PLAN_COMPARISON_SEED).set_index("plan")
    return {
        "life_losers": f"{int((life['life_value'] < 0).sum())}",
        "n_launches_life": f"{len(life)}",
        "no_cannibalisation_losers": f"{int((free['life_value'] < 0).sum())}",
        "objectives_per_rep_min": f"{int(per_rep.min())}",
        "objectives_per_rep_max": f"{int(per_rep.max())}",
        "objectives_per_rep_median": f"{per_rep.median():g}",
        "open_buyers_appetite": f"{OPEN_BUYERS_APPETITE:g}",
        "open_buyers_profit_change": _dollars(float(open_sim.summary.loc[0, "profit"] - sim.summary.loc[0, "profit"])),
        "time_decision_answer": time_decision.answer,
        "redesign_factor": f"{REDESIGN_SAVING_FACTOR:g}",
        "weak_redesign_move": str(moves.loc[moves["d_net_profit"].idxmax(), "move"]),
        "coordination_factor": f"{COORDINATION_FACTOR:g}",
        "dearer_alignment_change": _dollars(float(dearer["shared account P&L"] - dearer["today"])),
        "cap_value": _dollars(float(b.loc["aligned", "profit"] - b.loc["uncapped", "profit"])),
        "cap_complexity_saved": _dollars(float(b.loc["today's plan", "complexity_cost"]
                                               - b.loc["aligned", "complexity_cost"])),
    }


def _what_if_numbers(r: dict) -> dict[str, str]:
    """The what-if exercises of sessions 01, 04, 05, 06 and 07: each answer by the call its checker makes."""
    from casekit.models import account_development as ad
    from casekit.models import dropping, eras
    from casekit.models import revenue_fit as rf
    from casekit.models.assumptions import with_values
    from casekit.models.bonus_plan import SIM_SEED, classroom_plan
    from casekit.models.complexity import COMPLEXITY_RATES
    from casekit.models.innovation import prune_tail
    from casekit.models.objectives import OBJECTIVE_ASSUMPTIONS
    from casekit.models.rep_choices import rep_game
    from casekit.teaching.checks.alliance import WITHDRAWABLE_LOCK_IN
    from casekit.teaching.checks.innovation import LOST_DEMAND_TRANSFER
    from casekit.teaching.checks.levers import LEAN_CAPACITY, SMALLER_TARGET
    from casekit.teaching.checks.objectives import FIRST_CASE_THRESHOLD
    from casekit.teaching.checks.two_eras import HALFWAY_ERA

    company, pnl = r["company"], r["pnl"]
    dock = eras.dock_vs_account(eras.era_case("precision")[1])
    lean = dropping.drop_account(pnl, r["chosen"], avoidable={**dropping.AVOIDABLE_SHARE, **LEAN_CAPACITY}).attrs
    target = float(r["books"]["revenue"].iloc[0]) * SMALLER_TARGET
    smaller = rf.same_revenue_comparison(r["fit"], target_revenue=target).set_index("book")["ops_cost_per_case"]
    plan = classroom_plan(company)
    ids = plan["objective_id"].astype(str).tolist()[:REP_PICKS]
    game = rep_game(plan, company, pnl, rep_id=GAME_REP, picks=ids, seed=SIM_SEED,
                    assumptions=with_values(OBJECTIVE_ASSUMPTIONS, bonus_threshold=FIRST_CASE_THRESHOLD))
    game = game.set_index("choice")["company_profit"]
    paths = ad.account_paths(company, pnl, customer_id=r["alliance_account"],
                             assumptions=with_values(ad.ACCOUNT_ASSUMPTIONS, lock_in=WITHDRAWABLE_LOCK_IN))
    mine = ad.path_totals(paths)["your_profit"]
    walked = prune_tail(r["card"], share=PRUNE_SHARE,
                        rates=with_values(COMPLEXITY_RATES, demand_transfer=LOST_DEMAND_TRANSFER))["company_profit"]
    pruned = r["pruned"]["company_profit"]
    return {
        "lost_demand_transfer": f"{LOST_DEMAND_TRANSFER:g}",
        "prune_profit_change": _dollars(float(pruned.iloc[1] - pruned.iloc[0])),
        "prune_profit_no_transfer": _dollars(float(walked.iloc[1] - walked.iloc[0])),
        "dock_rho": f"{float(dock['revenue'].rank().corr(dock['profit_dock'].rank())):.3f}",
        "halfway_era": f"{HALFWAY_ERA:g}",
        "halfway_hidden_losers": f"{eras.hidden_losers(eras.era_case(HALFWAY_ERA)[1])}",
        "lean_capacity": " and ".join(LEAN_CAPACITY),
        "lean_drop_change": _dollars(float(lean["profit_change_if_dropped"])),
        "drop_change_dollars": _dollars(float(r["dropped"].attrs["profit_change_if_dropped"])),
        "smaller_target": f"{SMALLER_TARGET:g}",
        "smaller_target_gap_pct": f"{(smaller['poorly-fitting'] / smaller['well-fitting'] - 1) * 100:.0f}%",
        "first_case_threshold": f"{FIRST_CASE_THRESHOLD:g}",
        "first_case_gap": _dollars(float(game["best for the company"] - game["best for your bonus"])),
        "withdrawable_lock_in": f"{WITHDRAWABLE_LOCK_IN:g}",
        "withdrawable_ops_early_gain": _k(float(mine[ad.PATHS[1]] - mine[ad.PATHS[0]])),
    }


def _dollars(x: float) -> str:
    """Dollars to the unit, as a checker echoes them: -1045.3 -> '-$1,045'."""
    return f"-${abs(x):,.0f}" if x < 0 else f"${x:,.0f}"
