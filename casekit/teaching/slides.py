"""Slide figures and the numbers the instructor documents quote, computed from the case.

The instructor guide and the case narrative are written as templates in
``docs/src/``; every number in them is a ``{{name}}`` placeholder filled from
:func:`slide_numbers`, so the documents cannot drift from what the notebooks
show.  ``python -m casekit.teaching.slides`` regenerates ``docs/*.md`` and
``docs/figures/*.png``; a test fails when the committed files are stale.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

__all__ = ["FIGURES", "slide_numbers", "write_slide_figures", "render_template", "rendered_docs", "write_docs",
           "figure_table", "main"]

ROOT = Path(__file__).resolve().parents[2]

#: Slide figures: file stem -> (notebook it belongs to, what the slide shows).
FIGURES = {
    "whale_curve": ("00, 02", "Whale curve: cumulative profit by account, most profitable first"),
    "profit_map": ("00, 02", "Customer x product profit map: islands of profit in a sea of red ink"),
    "segments": ("02", "Profit Peaks, Drains and Deserts at the default cut-offs"),
    "era_mass": ("01", "The era dial at 0: revenue rank, pocket price and cost to serve in the mass era"),
    "era_precision": ("01", "The era dial at 1: the same three views in the precision era"),
    "dock_vs_precision": ("01", "Dock-average cost to serve against cost traced to the account (precision era)"),
    "sku_counts": ("01", "SKUs sold at each position of the era dial"),
    "rank_stability": ("03", "Profit per account with every rate up to 30 % wrong"),
    "price_waterfall": ("03", "From list price to pocket price for the most widely sold product"),
    "pocket_price_band": ("03", "Pocket price band of that product across accounts"),
    "revenue_fit": ("04", "Share of revenue and of profit by how well revenue fits the supply chain"),
    "drop_account": ("04", "Cost allocated to a Profit Drain against cost that dropping it saves"),
    "lever_move": ("04", "The service package moves a Profit Drain on the profit map"),
    "same_revenue": ("04", "Same revenue, well- against poorly-fitting business: operations cost per case"),
}

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


@functools.lru_cache(maxsize=2)
def _context(case: str = "precision"):
    """Everything the numbers and figures need, computed once per process."""
    from casekit.models import eras
    from casekit.models import levers as lv
    from casekit.analysis import sensitivity as se
    from casekit.case.datasets import load_case
    from casekit.costing.engine import cost_to_serve
    from casekit.analysis.profitability import profit_by, segment_customers, segment_summary, whale_curve

    company = load_case(case)
    pnl = cost_to_serve(company)
    customers = profit_by(pnl)
    segments = segment_customers(pnl)
    fit = lv.revenue_fit(pnl, company)
    candidates = lv.lever_candidates(company, pnl)
    chosen = candidates.loc[candidates["net_profit_with_levers"] > 0, "customer_id"].iloc[0]
    product_id = pnl.groupby("product_id", observed=True)["customer_id"].nunique().idxmax()
    return {
        "company": company, "pnl": pnl, "customers": customers, "curve": whale_curve(pnl),
        "segments": segments, "segment_summary": segment_summary(segments).set_index("segment"),
        "era_table": eras.era_table(), "fit": fit, "fit_summary": lv.fit_summary(fit).set_index("fit"),
        "books": lv.same_revenue_comparison(fit), "candidates": candidates, "chosen": chosen,
        "dropped": lv.drop_account(pnl, chosen), "package": lv.what_if(company, chosen, **lv.SERVICE_PACKAGE),
        "stability": se.sensitivity_model(company).run(30, n_draws=50, seed=2010), "product_id": product_id,
    }


def _m(x: float) -> str:
    """Dollars in millions: 5299975 -> '$5.3M' (thousands below $100K)."""
    if abs(x) < 1e5:
        return _k(x)
    return f"-${abs(x) / 1e6:,.1f}M" if x < 0 else f"${x / 1e6:,.1f}M"


def _k(x: float) -> str:
    """Dollars in thousands: -31139 -> '-$31K'."""
    return f"-${abs(x) / 1e3:,.0f}K" if x < 0 else f"${x / 1e3:,.0f}K"


def slide_numbers(case: str = "precision") -> dict[str, str]:
    """Compute, and format for prose, every number the instructor documents quote.

    Parameters
    ----------
    case : {"precision", "mass"}, default="precision"
        The shipped case the sessions use.

    Returns
    -------
    dict of str to str
        Placeholder name -> formatted number (e.g. ``"loss_share_pct": "34%"``).

    Examples
    --------
    Computing every number takes a few seconds (once per process):

    >>> n = slide_numbers()
    >>> len(n) > 100, all(isinstance(v, str) for v in n.values())
    (True, True)
    >>> n["loss_share_pct"].endswith("%"), n["revenue"].startswith("$")
    (True, True)
    """
    from casekit.models import eras
    from casekit.analysis import sensitivity as se
    from casekit.analysis.pocket_price import pocket_price_band

    c = _context(case)
    pnl, cust, curve, seg = c["pnl"], c["customers"], c["curve"], c["segment_summary"]
    company, era, fs, books = c["company"], c["era_table"], c["fit_summary"], c["books"].set_index("book")
    rev = float(pnl["revenue"].sum())
    logistics = [f"cost_{a}" for a in ("order_handling", "picking", "delivery", "rush_handling",
                                       "inventory_carrying") if f"cost_{a}" in pnl.columns]
    n = {
        "n_customers": f"{len(company.customers)}",
        "n_products": f"{len(company.products)}",
        "n_orders": f"{len(company.orders):,}",
        "n_lines": f"{len(company.lines):,}",
        "n_reps": f"{len(company.reps)}",
        "n_launches": f"{len(company.launches)}",
        "revenue": _m(rev),
        "gross_margin": _m(float(pnl["gross_margin"].sum())),
        "gross_margin_pct": f"{float(pnl['gross_margin'].sum()) / rev * 100:.0f}%",
        "cost_to_serve": _m(float(pnl["cost_to_serve"].sum())),
        "cost_to_serve_pct": f"{float(pnl['cost_to_serve'].sum()) / rev * 100:.0f}%",
        "logistics_pct": f"{float(pnl[logistics].sum().sum()) / rev * 100:.1f}%",
        "trade_promotion": _m(float(pnl["cost_trade_promotion"].sum())),
        "net_profit": _m(float(pnl["net_profit"].sum())),
        "net_margin_pct": f"{float(pnl['net_profit'].sum()) / rev * 100:.1f}%",
        "accounts_losing": f"{int((cust['net_profit'] < 0).sum())}",
        "loss_share_pct": f"{curve.attrs['loss_share']:.0f}%",
        "loss_share_exact": f"{curve.attrs['loss_share']:.1f}",
        "loss_share_complement": f"{100 - curve.attrs['loss_share']:.1f}",
        "top20_pct": f"{curve.attrs['top20_pct']:.0f}%",
        "whale_peak_pct": f"{curve.attrs['peak_pct']:.0f}%",
        "whale_peak_share": f"{curve.attrs['peak_share']:.0f}%",
        "best_customer": str(company.customers.set_index(company.customers["customer_id"].astype(object))
                             .loc[cust["customer_id"].astype(object).iloc[0], "customer_name"]),
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

    mass, prec = era.iloc[0], era.iloc[-1]
    for label, row in (("mass", mass), ("precision", prec)):
        n[f"rho_{label}"] = f"{row['rank_agreement']:.2f}"
        n[f"losing_{label}_pct"] = f"{row['customers_losing_pct']:.0f}%"
        n[f"skus_{label}"] = f"{int(row['skus_sold'])}"
        n[f"price_spread_{label}"] = f"{row['pocket_price_spread_pts']:.0f}"
        n[f"cts_ratio_{label}"] = f"{row['cts_per_case_ratio']:.1f}"
        n[f"era_profit_{label}"] = _m(float(row["net_profit"]))
    n["niche_revenue_precision_pct"] = f"{prec['niche_revenue_pct']:.0f}%"
    n["rho_mid"] = f"{era.iloc[len(era) // 2]['rank_agreement']:.2f}"
    _, pnl_p = eras.era_case("precision")
    ranks = eras.customer_ranks(pnl_p)
    n["rho_precision_exact"] = f"{eras.rank_agreement(pnl_p):.3f}"
    n["pearson_precision"] = f"{float(ranks['revenue'].corr(ranks['net_profit'])):.3f}"
    n["hidden_losers"] = f"{eras.hidden_losers(pnl_p)}"
    n["losers_precision_count"] = f"{int((ranks['net_profit'] < 0).sum())}"

    s = se.summarize(c["stability"])
    n["spearman_30"] = f"{s['spearman_median']:.2f}"
    n["jaccard_30"] = f"{s['jaccard_median']:.2f}"
    n["drains_kept_30"] = f"{s['drains_kept_median']:.0f}"
    n["drains_added_30"] = f"{s['drains_added_median']:.0f}"
    n["base_drains"] = f"{int(s['base_drains'])}"
    band = pocket_price_band(pnl, product_id=c["product_id"])
    n["band_product"] = str(c["product_id"])
    n["band_accounts"] = f"{band.attrs['n']}"
    n["band_min"] = f"${band.attrs['min']:.2f}"
    n["band_max"] = f"${band.attrs['max']:.2f}"
    n["band_spread_pct"] = f"{band.attrs['spread_pct']:.0f}%"

    for label, key in (("well", "fits well"), ("partly", "fits partly"), ("poorly", "fits poorly")):
        row = fs.loc[key]
        n[f"fit_{label}_customers"] = f"{int(row['customers'])}"
        n[f"fit_{label}_revenue_pct"] = f"{row['share_of_revenue_pct']:.0f}%"
        n[f"fit_{label}_profit_pct"] = f"{row['share_of_profit_pct']:.0f}%"
        n[f"fit_{label}_ops_per_case"] = f"${row['ops_cost_per_case']:.2f}"
    well, poor = books.loc["well-fitting"], books.loc["poorly-fitting"]
    gap = (poor["ops_cost_per_case"] / well["ops_cost_per_case"] - 1) * 100
    n["book_revenue"] = _m(float(well["revenue"]))
    n["book_well_ops"] = f"${well['ops_cost_per_case']:.2f}"
    n["book_poor_ops"] = f"${poor['ops_cost_per_case']:.2f}"
    n["book_well_profit"] = _m(float(well["net_profit"]))
    n["book_poor_profit"] = _m(float(poor["net_profit"]))
    n["ops_gap_pct"] = f"{gap:.0f}%"
    n["ops_ratio"] = f"{poor['ops_cost_per_case'] / well['ops_cost_per_case']:.2f}"
    n["ops_gap_inverse_pct"] = f"{(1 - well['ops_cost_per_case'] / poor['ops_cost_per_case']) * 100:.0f}%"

    d, pkg = c["dropped"].attrs, c["package"]
    n["drain_id"] = str(c["chosen"])
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
    n["n_drains_candidates"] = f"{len(c['candidates'])}"
    n["top_candidate_id"] = str(c["candidates"]["customer_id"].iloc[0])

    from casekit.case.datasets import load_case
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
    n.update(_later_numbers(company, pnl))

    from casekit.costing.rates import RateCard
    card = RateCard.default()
    n["rate_drop"] = f"${card.rate('delivery', 'deliveries'):.0f}"
    n["rate_km"] = f"${card.rate('delivery', 'delivery_km'):.2f}"
    n["rate_call"] = f"${card.rate('sales_calls', 'sales_calls'):.0f}"
    n["rate_edi_order"] = f"${card.rate('order_handling', 'orders', 'EDI'):.2f}"
    n["rate_phone_order"] = f"${card.rate('order_handling', 'orders', 'phone/fax'):.2f}"
    n["rate_rush"] = f"${card.rate('rush_handling', 'rush_orders'):.0f}"
    n["figure_table"] = "\n".join(["| figure | session | what it shows |", "|---|---|---|"] + [
        f"| [`{row.file}`]({row.file}) | {row.notebook} | {row.shows} |" for row in figure_table().itertuples()])
    return n


ALLIANCE_ACCOUNT = "C0184"
"""The account notebook 07 follows."""


def _later_numbers(company, pnl) -> dict[str, str]:
    """Numbers of sessions 05 (innovation stream) and 07 (natural alliance)."""
    from casekit.models import account_development as ad
    from casekit.models import alignment as al
    from casekit.models.innovation import product_scorecard, prune_tail

    card = product_scorecard(company, pnl)
    new = card[card["is_new"]]
    by_launch = new.groupby("launch_id")[["gross_margin", "company_profit"]].sum()
    pruned = prune_tail(card, share=0.15)
    n = {
        "launch_loss_pct": f"{(by_launch['company_profit'] < 0).mean() * 100:.0f}%",
        "launch_loss_exact": f"{(by_launch['company_profit'] < 0).mean() * 100:.1f}",
        "launch_gm_positive_pct": f"{(by_launch['gross_margin'] > 0).mean() * 100:.0f}%",
        "new_sku_loss_exact": f"{(new['company_profit'] < 0).mean() * 100:.1f}",
        "complexity_cost": _m(float(card["complexity_cost"].sum())),
        "profit_after_complexity": _m(float(card["company_profit"].sum())),
        "prune_saving_pct": f"{float(pruned.loc[1, 'complexity_saved_pct']):.0f}%",
        "prune_saving_exact": f"{float(pruned.loc[1, 'complexity_saved_pct']):.1f}",
        "alliance_account": ALLIANCE_ACCOUNT,
    }
    paths = ad.account_paths(company, pnl, customer_id=ALLIANCE_ACCOUNT)
    tot = ad.path_totals(paths)
    late, early = tot.loc[ad.PATHS[0]], tot.loc[ad.PATHS[1]]
    n["customer_gain_pct"] = f"{(early['customer_profit'] / late['customer_profit'] - 1) * 100:.0f}%"
    n["ops_early_gain"] = _k(float(early["your_profit"] - late["your_profit"]))
    n["sales_first_profit"] = _k(float(late["your_profit"]))
    n["ops_early_profit"] = _k(float(early["your_profit"]))
    n["ops_early_customer_gain"] = _k(float(early["customer_profit"] - late["customer_profit"]))
    board = al.compare_alignment(company, pnl).set_index("scenario")
    profit = board["profit"]
    n["silo_change_pct"] = f"{(profit['each function on its own metric'] / profit['today'] - 1) * 100:.0f}%"
    n["silo_change_exact"] = f"{(profit['each function on its own metric'] / profit['today'] - 1) * 100:.1f}"
    n["shared_change_pct"] = f"{(profit['shared account P&L'] / profit['today'] - 1) * 100:.0f}%"
    n["silo_revenue_change_exact"] = (
        f"{(board.loc['each function on its own metric', 'revenue'] / board.loc['today', 'revenue'] - 1) * 100:.1f}")
    n["board_profit_today"] = _m(float(profit["today"]))
    n["board_profit_silos"] = _m(float(profit["each function on its own metric"]))
    n["board_profit_shared"] = _m(float(profit["shared account P&L"]))
    n.update(_incentive_numbers(company, pnl))
    return n


def _incentive_numbers(company, pnl) -> dict[str, str]:
    """Numbers of sessions 06 (fifteen objectives) and 08 (driving the boat)."""
    from casekit.models import incentives as inc
    from casekit.models.objectives import rep_game, simulate_reps
    from casekit.widgets.objectives import SIM_SEED, classroom_plan

    plan = classroom_plan(company)
    sim = simulate_reps(plan, company, pnl, k=3, seed=SIM_SEED)
    s = sim.summary.iloc[0]
    n = {
        "plan_objectives": f"{int(s['n_objectives'])}",
        "objectives_worked": f"{int(s['objectives_worked'])}",
        "objectives_unworked": f"{int(s['n_objectives'] - s['objectives_worked'])}",
        "distinct_combinations": f"{int(s['distinct_combinations'])}",
        "delivered_pct": f"{s['delivered_pct']:.0f}%",
        "delivered_exact": f"{100 * sim.objectives['delivered_cases'].sum() / sim.objectives['intended_cases'].sum():.1f}",
    }
    ids = plan["objective_id"].astype(str).tolist()[:3]
    game = rep_game(plan, company, pnl, rep_id="R01", picks=ids, seed=SIM_SEED).set_index("choice")
    n["r01_gap"] = _k(float(game.loc["best for the company", "company_profit"]
                            - game.loc["best for your bonus", "company_profit"]))
    n["r01_gap_dollars"] = f"${float(game.loc['best for the company', 'company_profit'] - game.loc['best for your bonus', 'company_profit']):,.0f}"
    n["r01_bonus_gap"] = f"${float(game.loc['best for your bonus', 'bonus'] - game.loc['best for the company', 'bonus']):,.0f}"
    b = inc.compare_plans([inc.STATUS_QUO_PLAN, inc.ALIGNED_PLAN], company, pnl, seed=0).set_index("plan")
    bau, sq, al = b.loc["business as usual"], b.loc["status quo"], b.loc["aligned"]
    n["bau_profit"] = _m(float(bau["profit"]))
    n["status_quo_profit"] = _m(float(sq["profit"]))
    n["aligned_profit"] = _m(float(al["profit"]))
    n["status_quo_change_pct"] = f"{(sq['profit'] / bau['profit'] - 1) * 100:.0f}%"
    n["status_quo_revenue_gain"] = _m(float(sq["revenue"] - bau["revenue"]))
    n["aligned_bonus"] = _k(float(al["bonus_paid"]))
    n["status_quo_bonus"] = _k(float(sq["bonus_paid"]))
    gate = (sq["complexity_cost"] - al["complexity_cost"]) / (al["profit"] - sq["profit"]) * 100
    n["gate_share_exact"] = f"{gate:.1f}"
    return n


def render_template(text: str, numbers: dict) -> str:
    """Replace every ``{{name}}`` in ``text`` by ``numbers[name]``.

    Examples
    --------
    >>> render_template("{{loss}} of accounts lose money", {"loss": "34%"})
    '34% of accounts lose money'
    """
    missing = sorted({m.group(1) for m in _PLACEHOLDER.finditer(text)} - set(numbers))
    if missing:
        raise KeyError(f"render_template: no number named {', '.join(missing)}; add it to "
                       f"casekit.teaching.slides.slide_numbers or fix the placeholder.")
    return _PLACEHOLDER.sub(lambda m: str(numbers[m.group(1)]), text)


def _banner(src: Path) -> str:
    return (f"<!-- Generated from docs/src/{src.name} by `python -m casekit.teaching.slides`; edit that file, "
            f"not this one. Every number comes from casekit. -->\n\n")


def rendered_docs(src_dir=None, *, numbers: dict | None = None) -> dict[str, str]:
    """Render each ``docs/src/*.md`` template; return file name -> text.

    Parameters
    ----------
    src_dir : str or Path, optional
        Folder of the ``*.md`` templates (``docs/src`` by default).
    numbers : dict, optional
        Placeholder name -> text (:func:`slide_numbers` by default).

    Returns
    -------
    dict of str to str
        Template file name -> rendered text, headed by a comment saying
        where it was generated from.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> src = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (src / "guide.md").write_text("{{loss}} of accounts lose money.")
    >>> docs = rendered_docs(src, numbers={"loss": "34%"})
    >>> list(docs), docs["guide.md"].endswith("34% of accounts lose money.")
    (['guide.md'], True)
    """
    src_dir = ROOT / "docs" / "src" if src_dir is None else Path(src_dir)
    numbers = slide_numbers() if numbers is None else numbers
    return {p.name: _banner(p) + render_template(p.read_text(encoding="utf-8"), numbers)
            for p in sorted(src_dir.glob("*.md"))}


NUMBERS_FILE = "numbers.json"
"""Where :func:`write_docs` records the numbers it wrote into the documents (in ``docs/``)."""


def write_docs(out_dir=None, *, src_dir=None, numbers: dict | None = None) -> list[Path]:
    """Write the rendered documents (instructor guide, case narrative) to ``out_dir`` (default ``docs/``).

    The numbers used are recorded in ``numbers.json`` beside them, so a test
    can say which number changed when the case changes.

    Parameters
    ----------
    out_dir : str or Path, optional
        Where to write (``docs/`` by default; created if missing).
    src_dir : str or Path, optional
        Folder of the templates (``docs/src`` by default).
    numbers : dict, optional
        Placeholder name -> text (:func:`slide_numbers` by default).

    Returns
    -------
    list of Path
        The documents written, then ``numbers.json``.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> src, out = pathlib.Path(tempfile.mkdtemp()), pathlib.Path(tempfile.mkdtemp())
    >>> _ = (src / "guide.md").write_text("{{loss}} of accounts lose money.")
    >>> [p.name for p in write_docs(out, src_dir=src, numbers={"loss": "34%"})]
    ['guide.md', 'numbers.json']
    >>> json.loads((out / "numbers.json").read_text())
    {'loss': '34%'}
    """
    import json

    out_dir = ROOT / "docs" if out_dir is None else Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    numbers = slide_numbers() if numbers is None else numbers
    paths = []
    for name, text in rendered_docs(src_dir, numbers=numbers).items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    path = out_dir / NUMBERS_FILE
    path.write_text(json.dumps(numbers, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return [*paths, path]


def _draw(name: str, c: dict) -> Figure:
    from casekit.models import eras
    from casekit.models import levers as lv
    from casekit import plots
    from casekit.analysis import sensitivity as se
    from casekit.analysis.pocket_price import pocket_price_band, price_waterfall
    from casekit.analysis.profit_map import profit_map

    if name in ("era_mass", "era_precision"):
        return eras.plot_era_panel(name.split("_")[1], pyplot=False)
    fig = Figure(figsize=(11, 6.2))  # 16:9 slide
    ax = fig.add_subplot()
    pnl = c["pnl"]
    if name == "whale_curve":
        plots.plot_whale_curve(c["curve"], ax=ax)
    elif name == "profit_map":
        plots.plot_profit_map(profit_map(pnl, top=40), ax=ax)
    elif name == "segments":
        plots.plot_segments(c["segments"], ax=ax)
    elif name == "dock_vs_precision":
        eras.plot_dock_vs_account(eras.era_case("precision")[1], ax=ax, title_prefix="Precision era: ")
    elif name == "sku_counts":
        eras.plot_sku_counts(c["era_table"], ax=ax)
    elif name == "rank_stability":
        se.plot_rank_stability(c["stability"], ax=ax)
    elif name == "price_waterfall":
        plots.plot_price_waterfall(price_waterfall(pnl, product_id=c["product_id"]), ax=ax)
    elif name == "pocket_price_band":
        plots.plot_pocket_price_band(pocket_price_band(pnl, product_id=c["product_id"]), ax=ax)
    elif name == "revenue_fit":
        lv.plot_revenue_fit(lv.fit_summary(c["fit"]), ax=ax)
    elif name == "drop_account":
        lv.plot_drop_account(c["dropped"], ax=ax)
    elif name == "lever_move":
        lv.plot_lever_move(c["segments"], c["package"], ax=ax)
    elif name == "same_revenue":
        lv.plot_same_revenue(c["books"], ax=ax)
    else:
        raise ValueError(f"no slide figure named {name!r}; choose from {sorted(FIGURES)}.")
    return fig


def write_slide_figures(out_dir, *, names=None, dpi: int = 110, case: str = "precision") -> list[Path]:
    """Draw the slide figures from the case and save them as PNG files.

    Parameters
    ----------
    out_dir : str or Path
        Folder to write to (created if missing); ``docs/figures`` in the repo.
    names : iterable of str, optional
        Which figures (keys of :data:`FIGURES`); all by default.
    dpi : int, default=110
        Resolution; 11 x 6.2 in at 110 dpi is about 1210 x 680 px, sharp on
        a projector.
    case : {"precision", "mass"}, default="precision"

    Returns
    -------
    list of Path
        The files written, in the order of :data:`FIGURES`.

    Examples
    --------
    >>> import tempfile
    >>> import matplotlib; matplotlib.use("Agg")
    >>> paths = write_slide_figures(tempfile.mkdtemp(), names=["sku_counts"], dpi=30)
    >>> [p.name for p in paths], paths[0].stat().st_size > 0
    (['sku_counts.png'], True)
    """
    names = list(FIGURES) if names is None else list(names)
    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        raise ValueError(f"write_slide_figures: no figure named {unknown}; choose from {sorted(FIGURES)}.")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    c = _context(case)
    paths = []
    for name in names:
        fig = _draw(name, c)
        path = out_dir / f"{name}.png"
        fig.savefig(path, dpi=dpi, bbox_inches="tight", metadata={"Software": None})
        paths.append(path)
    return paths


def figure_table() -> pd.DataFrame:
    """Return the slide figures as a table: file, notebook, what it shows.

    Returns
    -------
    pandas.DataFrame
        One row per entry of :data:`FIGURES`: ``file`` (``figures/<name>.png``),
        ``notebook`` (the sessions that show it) and ``shows``.

    Examples
    --------
    >>> t = figure_table()
    >>> t.columns.tolist(), len(t) == len(FIGURES)
    (['file', 'notebook', 'shows'], True)
    >>> t["file"].iloc[0]
    'figures/whale_curve.png'
    """
    return pd.DataFrame([(f"figures/{k}.png", nb, what) for k, (nb, what) in FIGURES.items()],
                        columns=["file", "notebook", "shows"])


def main(argv=None) -> int:
    """Regenerate ``docs/figures/*.png`` and ``docs/*.md`` from the case (``python -m casekit.teaching.slides``).

    Writes into the repository's ``docs/`` folder and prints each path
    written; to write elsewhere, call :func:`write_slide_figures` and
    :func:`write_docs` with a folder.

    Parameters
    ----------
    argv : list of str, optional
        Unused (the command takes no options).

    Returns
    -------
    int
        The exit code, 0.

    Examples
    --------
    Running it rewrites ``docs/``, so here only the entry point is shown:

    >>> import inspect
    >>> list(inspect.signature(main).parameters), callable(main)
    (['argv'], True)
    """
    import matplotlib
    matplotlib.use("Agg")
    figs = write_slide_figures(ROOT / "docs" / "figures")
    docs = write_docs()
    for p in [*figs, *docs]:
        print(p.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
