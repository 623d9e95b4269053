"""Slide figures drawn from the executed case (:func:`casekit.teaching.case_numbers.case_results`).

The committed PNGs in ``docs/figures/`` are written by
``python -m casekit.teaching.slides``; a test fails when one is missing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from casekit.teaching.case_numbers import case_results

__all__ = ["FIGURES", "FIGURE_SIZE", "FIGURE_DPI", "figure_width_px", "write_slide_figures", "figure_table"]

FIGURE_SIZE = (11, 6.2)
"""Width and height of a slide figure in inches: a widescreen slide."""

FIGURE_DPI = 110
"""Resolution of the committed slide figures: sharp on a projector, small in git."""

#: Slide figures: file stem -> (notebook it belongs to, what the slide shows: a template, its numbers
#: are placeholders of :func:`casekit.teaching.case_numbers.case_numbers`).
FIGURES = {
    "whale_curve": ("00, 02", "Whale curve: cumulative profit by account, most profitable first"),
    "profit_map": ("00, 02", "Customer x product profit map: islands of profit in a sea of red ink"),
    "segments": ("02", "Profit Peaks, Drains and Deserts at the default cut-offs"),
    "era_mass": ("01", "The era dial at the mass end: revenue rank, pocket price and cost to serve"),
    "era_precision": ("01", "The era dial at the precision end: the same three views"),
    "dock_vs_precision": ("01", "Dock-average cost to serve against cost traced to the account (precision era)"),
    "sku_counts": ("01", "SKUs sold at each position of the era dial"),
    "rank_stability": ("03", "Profit per account with every rate up to {{ stability_noise_pct }} wrong"),
    "price_waterfall": ("03", "From list price to pocket price for the most widely sold product"),
    "pocket_price_band": ("03", "Pocket price band of that product across accounts"),
    "revenue_fit": ("04", "Share of revenue and of profit by how well revenue fits the supply chain"),
    "drop_account": ("04", "Cost allocated to a Profit Drain against cost that dropping it saves"),
    "lever_move": ("04", "The service package moves a Profit Drain on the profit map"),
    "same_revenue": ("04", "Same revenue, well- against poorly-fitting business: operations cost per case"),
    "launch_lenses": ("05, essay", "Each launch through two lenses: the product manager's gross margin and the "
                                   "company's profit after cost to serve and complexity"),
    "rep_choices": ("06, essay", "Which of the plan's {{ plan_objectives }} objectives each rep works"),
    "account_paths": ("07, essay", "Account {{ alliance_account }}: sales first against operations early, "
                                   "quarter by quarter"),
    "plan_scoreboard": ("08, essay", "Today's bonus plan against the aligned plan and reps who push nothing "
                                     "(labelled no pushes)"),
}


def figure_width_px(dpi: int = FIGURE_DPI) -> int:
    """Return the width of a slide figure in pixels (before tight cropping).

    Examples
    --------
    >>> figure_width_px(), figure_width_px(100)
    (1210, 1100)
    """
    return round(FIGURE_SIZE[0] * dpi)


def _draw(name: str, c: dict) -> Figure:
    from casekit import plots
    from casekit.analysis.pocket_price import pocket_price_band, price_waterfall
    from casekit.analysis.profit_map import profit_map
    from casekit.models import eras
    from casekit.models.revenue_fit import fit_summary
    from casekit.plots import eras as era_plots
    from casekit.plots import levers as lever_plots
    from casekit.plots import sensitivity as se_plots

    if name in ("era_mass", "era_precision"):
        return era_plots.plot_era_panel(name.split("_")[1], pyplot=False)
    if name in _ESSAY:
        return _draw_essay(name, c)
    fig = Figure(figsize=FIGURE_SIZE)
    ax = fig.add_subplot()
    pnl = c["pnl"]
    if name == "whale_curve":
        plots.plot_whale_curve(c["curve"], ax=ax)
    elif name == "profit_map":
        plots.plot_profit_map(profit_map(c["allin"], top=40), ax=ax)
    elif name == "segments":
        plots.plot_segments(c["segments"], ax=ax)
    elif name == "dock_vs_precision":
        era_plots.plot_dock_vs_account(eras.era_case("precision")[1], ax=ax, title_prefix="Precision era: ")
    elif name == "sku_counts":
        era_plots.plot_sku_counts(c["era_table"], ax=ax)
    elif name == "rank_stability":
        se_plots.plot_rank_stability(c["stability"], ax=ax)
    elif name == "price_waterfall":
        plots.plot_price_waterfall(price_waterfall(pnl, product_id=c["product_id"]), ax=ax)
    elif name == "pocket_price_band":
        plots.plot_pocket_price_band(pocket_price_band(pnl, product_id=c["product_id"]), ax=ax)
    elif name == "revenue_fit":
        lever_plots.plot_revenue_fit(fit_summary(c["fit"]), ax=ax)
    elif name == "drop_account":
        lever_plots.plot_drop_account(c["dropped"], ax=ax)
    elif name == "lever_move":
        lever_plots.plot_lever_move(c["segments_contribution"], c["package"], ax=ax)
    elif name == "same_revenue":
        lever_plots.plot_same_revenue(c["books"], ax=ax)
    elif name == "launch_lenses":
        from casekit.models.launches import launch_scorecard

        plots.plot_launch_lenses(launch_scorecard(c["card"]), ax=ax)
    else:
        raise ValueError(f"no slide figure named {name!r}; choose from {sorted(FIGURES)}.")
    return fig


_ESSAY = ("rep_choices", "account_paths", "plan_scoreboard")


def _draw_essay(name: str, c: dict) -> Figure:
    """The essay class's figures that need more than one panel, drawn as notebooks 06-08 draw them."""
    from casekit.models import account_development as ad
    from casekit.models import incentives as inc
    from casekit.models.bonus_plan import SIM_SEED, classroom_plan
    from casekit.models.rep_choices import simulate_reps
    from casekit.plots.alliance import plot_account_paths
    from casekit.plots.incentives import plot_scoreboard
    from casekit.plots.objectives import plot_rep_choices
    from casekit.teaching.case_numbers import PLAN_COMPARISON_SEED

    company, pnl = c["company"], c["pnl"]
    if name == "rep_choices":
        fig = Figure(figsize=FIGURE_SIZE)
        sim = simulate_reps(classroom_plan(company), company, pnl, seed=SIM_SEED)  # the reps choose how many
        plot_rep_choices(sim, ax=fig.add_subplot())
    elif name == "account_paths":
        fig = Figure(figsize=(13, 8), layout="constrained")
        plot_account_paths(ad.account_paths(company, pnl, customer_id=c["alliance_account"]),
                           axes=fig.subplots(2, 2, sharex=True))
    else:
        fig = Figure(figsize=(15, 4.4), layout="constrained")
        board = inc.compare_plans([inc.TODAYS_PLAN, inc.ALIGNED_PLAN], company, pnl, seed=PLAN_COMPARISON_SEED)
        plot_scoreboard(board, axes=fig.subplots(1, 4))
    return fig


def write_slide_figures(out_dir, *, names=None, dpi: int = FIGURE_DPI, case: str = "precision") -> list[Path]:
    """Draw the slide figures from the case and save them as PNG files.

    Parameters
    ----------
    out_dir : str or Path
        Folder to write to (created if missing); ``docs/figures`` in the repo.
    names : iterable of str, optional
        Which figures (keys of :data:`FIGURES`); all by default.
    dpi : int, default=FIGURE_DPI
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
    c = case_results(case)
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
