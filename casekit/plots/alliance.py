"""Exhibits of notebook 07 (ideas I8, I9, I11, I13): the natural alliance of sales and operations.

Figures for the account moves that help both functions, the two
account-development paths and the aligned vs unaligned company; and the
operations-timing widget's chart in two parts (:func:`draw_ops_timing_frame`
once, :func:`ops_timing_artists` on each slider move).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

import casekit.models.account_development as ad
from casekit.plots.style import (
    DARK,
    GREEN,
    GREY,
    LABEL_SIZE,
    RED,
    TICK_SIZE,
    TITLE_SIZE,
    annotate,
    apply_style,
    money,
)
from casekit.validation import check_frame

__all__ = ["MOVE_LABELS", "PATH_PANELS", "plot_account_moves", "plot_account_paths", "plot_alignment",
           "paths_finding", "draw_ops_timing_frame", "ops_timing_artists"]


def _price(x) -> str:
    return money(x, unit="dollar", decimals=2)


MOVE_LABELS = {"as is": "as is", "extra_service": "extra service\n(sales says yes)",
               "minimum_order": "minimum order\n(operations says no)",
               "joint_redesign": "joint redesign\n(both together)"}

# (column, panel title, y label, formatter)
PATH_PANELS = [
    ("customer_profit", "Customer's profit from your products", "$ per quarter", money),
    ("your_revenue", "Your sales to the account", "$ per quarter", money),
    ("your_cost_to_serve_per_case", "Your cost to serve per case", "$ per case", _price),
    ("your_profit", "Your profit after cost to serve and project", "$ per quarter", money),
]
"""The four panels of the account paths: (column, title, y label, formatter)."""


def _style(ax, title, xlabel, ylabel, size=TITLE_SIZE - 2):
    apply_style(ax, title=title, xlabel=xlabel, ylabel=ylabel, title_size=size, label_size=LABEL_SIZE - 1,
                wrap=False)


# --------------------------------------------------------------------------- I8
def plot_account_moves(moves: pd.DataFrame, *, axes=None):
    """Draw what each move does to sales' number, operations' number and the account's profit.

    Parameters
    ----------
    moves : pandas.DataFrame
        :func:`casekit.models.alignment.account_moves`.
    axes : sequence of 3 matplotlib Axes, optional
        Where to draw; a new 1 x 3 figure by default.

    Returns
    -------
    numpy.ndarray of Axes
        The three panels: revenue, operations cost per case, net profit.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> from casekit.models.alignment import account_moves
    >>> import casekit.models.account_development as ad
    >>> axes = plot_account_moves(account_moves(company, pnl, customer_id=ad.key_account(company, pnl)))
    >>> axes.shape, type(axes[0]).__name__
    ((3,), 'Axes')
    >>> plt.close(axes[0].figure)
    """
    check_frame(moves, name="moves", columns=["move", "d_revenue", "d_operations_cost_per_case", "d_net_profit",
                                              "helps_sales", "helps_operations", "helps_company"],
                source="account_moves(company, pnl, ...)", func="plot_account_moves")
    m = moves[moves["move"] != "as is"].iloc[::-1]
    if axes is None:
        fig, axes = plt.subplots(1, 3, figsize=(14, 4.2), sharey=True, layout="constrained")
    else:
        fig = axes[0].figure
    labels = [MOVE_LABELS.get(x, x) for x in m["move"]]
    panels = [("d_revenue", "helps_sales", "Sales' number: revenue", "change in revenue, $", money),
              ("d_operations_cost_per_case", "helps_operations", "Operations' number: cost per case",
               "change in operations cost, $ per case", _price),
              ("d_net_profit", "helps_company", "The account's net profit", "change in net profit, $", money)]
    for ax, (col, helps, title, xlabel, fmt) in zip(axes, panels):
        colors = [GREEN if h else RED for h in m[helps]]
        ax.barh(labels, m[col], color=colors)
        ax.axvline(0, color=DARK, lw=1)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, pos=None, fmt=fmt: fmt(v)))
        ax.xaxis.set_major_locator(MaxNLocator(4))
        for y, v in enumerate(m[col]):
            annotate(ax, fmt(v), xy=(v, y), xytext=(4 if v >= 0 else -4, 0), textcoords="offset points",
                     ha="left" if v >= 0 else "right", va="center", fontsize=TICK_SIZE)
        lo, hi = min(0.0, m[col].min()), max(0.0, m[col].max())
        pad = 0.35 * (hi - lo or 1.0)
        ax.set_xlim(lo - pad, hi + pad)
        _style(ax, title, xlabel, "")
    both = m.loc[m["helps_sales"] & m["helps_operations"] & m["helps_company"], "move"].tolist()
    cid = moves.attrs.get("customer_id", "the account")
    finding = (f"{cid}: only {' and '.join(both).replace('_', ' ')} helps sales, operations and profit at once"
               if both else f"{cid}: no single move helps sales, operations and profit at once")
    fig.suptitle(finding + " (green helps, red hurts)", fontsize=TITLE_SIZE, fontweight="bold", parse_math=False)
    return np.asarray(axes)


# --------------------------------------------------------------------------- I9
def _two_lines(text: str) -> str:
    """Break a long title at the space nearest its middle."""
    if len(text) <= 80:
        return text
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "\n" + text[cut + 1:]


def _fmt_axis(ax, fmt):
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, pos=None, fmt=fmt: fmt(v)))


def _losses(ax, ymin):
    """Shade the region below zero red (where a quarter loses money), keeping the axis limits."""
    if ymin < 0:
        lo, hi = ax.get_ylim()
        ax.axhspan(min(lo, ymin) * 1.5, 0, color=RED, alpha=0.08, lw=0)
        ax.axhline(0, color=RED, lw=1)
        ax.set_ylim(lo, hi)


def paths_finding(totals: pd.DataFrame) -> str:
    """Return one sentence stating what operations early does to the account.

    Parameters
    ----------
    totals : pandas.DataFrame
        :func:`casekit.models.account_development.path_totals`, indexed by path
        ("sales first, supply chain last" first, "operations early" second).

    Returns
    -------
    str
        The customer's and your change, and your profit on each path.

    Examples
    --------
    >>> import casekit.models.account_development as ad
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> totals = ad.path_totals(ad.account_paths(company, cost_to_serve(company)))
    >>> paths_finding(totals).startswith("Operations early: the customer earns")
    True
    """
    late, early = totals.loc[ad.PATHS[0]], totals.loc[ad.PATHS[1]]
    cust = 100 * (early["customer_profit"] / late["customer_profit"] - 1)
    sales = 100 * (early["your_revenue"] / late["your_revenue"] - 1)
    return (f"Operations early: the customer earns {cust:+.0f}% on your products, your sales {sales:+.0f}%, "
            f"and your profit goes from {money(late['your_profit'])} to {money(early['your_profit'])} "
            f"over {int(totals.attrs.get('n_quarters', 12))} quarters")


def plot_account_paths(paths: pd.DataFrame, *, axes=None):
    """Draw the two account-development paths quarter by quarter (I9).

    Four panels: the customer's profit from your products, your sales, your
    cost to serve per case and your profit; "sales first, supply chain last"
    in grey, "operations early" in green; quarters that lose money on red.

    Parameters
    ----------
    paths : pandas.DataFrame
        :func:`casekit.models.account_development.account_paths`.
    axes : 2 x 2 array of matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    numpy.ndarray of Axes
        The 2 x 2 panels.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> import casekit.models.account_development as ad
    >>> axes = plot_account_paths(ad.account_paths(company, pnl))
    >>> axes.shape, type(axes[0, 0]).__name__
    ((2, 2), 'Axes')
    >>> plt.close(axes[0, 0].figure)
    """
    check_frame(paths, name="paths", columns=["path", "quarter", *[c for c, *_ in PATH_PANELS]],
                source="account_paths(company, pnl)", func="plot_account_paths")
    if axes is None:
        fig, axes = plt.subplots(2, 2, figsize=(13, 8), sharex=True, layout="constrained")
    else:
        fig = np.asarray(axes).flat[0].figure
    totals = ad.path_totals(paths)
    totals.attrs["n_quarters"] = int(paths["quarter"].max())
    styles = {ad.PATHS[0]: dict(color=GREY, ls="--", marker="o"), ad.PATHS[1]: dict(color=GREEN, marker="o")}
    for ax, (col, title, ylabel, fmt) in zip(np.asarray(axes).flat, PATH_PANELS):
        for label, g in paths.groupby("path", observed=True, sort=False):
            g = g.sort_values("quarter")
            ax.plot(g["quarter"], g[col], label=str(label), lw=2.2, **styles.get(str(label), {}))
            if col == "your_profit":
                neg = g[g[col] < 0]
                ax.scatter(neg["quarter"], neg[col], color=RED, zorder=3, s=40)
            joins = g.loc[g["ops_engaged"], "quarter"]
            if len(joins):
                ax.axvline(joins.min(), color=styles.get(str(label), {}).get("color", DARK), lw=0.8, ls=":")
        _losses(ax, min(paths[col].min(), 0))
        _fmt_axis(ax, fmt)
        _style(ax, title, "quarter", ylabel)
    np.asarray(axes).flat[0].legend(fontsize=TICK_SIZE, frameon=False, loc="upper left")
    fig.suptitle(_two_lines(paths_finding(totals)), fontsize=TITLE_SIZE, fontweight="bold", parse_math=False)
    return np.asarray(axes)


def draw_ops_timing_frame(fig, reference: pd.DataFrame, paths: dict, customer_id: str) -> None:
    """Draw the operations-timing widget's static figure: axes fixed to every path's range, sales first in grey.

    :func:`ops_timing_artists` draws the slider's path over it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Cleared, then given the four panels of :data:`PATH_PANELS`.
    reference : pandas.DataFrame
        The "sales first, supply chain last" path (quarters as rows).
    paths : dict of int -> pandas.DataFrame
        Every path the slider can show, keyed by the quarter operations joins
        (fixes the axes' ranges).
    customer_id : str
        Named in the title.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> paths = ad.account_paths(company, pnl, customer_id="C0001")
    >>> ref = paths[paths["path"] == ad.PATHS[0]].reset_index(drop=True)
    >>> fig = plt.figure()
    >>> one = {1: ad.develop_account(company, pnl, ops_joins=1, customer_id="C0001")}
    >>> draw_ops_timing_frame(fig, ref, one, "C0001")
    >>> len(fig.axes), len(ops_timing_artists(fig.axes, ref, ops_joins=3)) >= 8
    (4, True)
    >>> plt.close(fig)
    """
    fig.clf()
    fig.subplots_adjust(left=0.1, right=0.98, top=0.86, bottom=0.09, hspace=0.4, wspace=0.28)
    allp = pd.concat([reference, *paths.values()], ignore_index=True)
    for i, (col, title, ylabel, fmt) in enumerate(PATH_PANELS):
        ax = fig.add_subplot(2, 2, i + 1)
        ax.plot(reference["quarter"], reference[col], color=GREY, ls="--", marker="o", lw=2,
                label="sales first, supply chain last")
        lo, hi = float(allp[col].min()), float(allp[col].max())
        pad = 0.08 * (hi - lo or abs(hi) or 1.0)
        ax.set_ylim(min(lo - pad, 0) if col == "your_profit" else lo - pad, hi + pad)
        ax.set_xlim(0.5, reference["quarter"].max() + 0.5)
        _losses(ax, lo - pad)
        _fmt_axis(ax, fmt)
        _style(ax, title, "quarter", ylabel, size=TITLE_SIZE - 3)
    fig.axes[0].legend(handles=[Line2D([], [], color=GREY, ls="--", marker="o", label="sales first, supply chain last"),
                                Line2D([], [], color=GREEN, marker="o", label="operations joins at the slider")],
                       fontsize=TICK_SIZE - 1, frameon=False, loc="upper left")
    fig.suptitle(f"{customer_id}: the earlier operations joins, the more both companies earn",
                 fontsize=TITLE_SIZE - 1, fontweight="bold", parse_math=False)


def ops_timing_artists(axes, path: pd.DataFrame, *, ops_joins: int, animated: bool = True) -> list:
    """Draw one path over the frame of :func:`draw_ops_timing_frame`: green lines, the quarter operations joins.

    Parameters
    ----------
    axes : sequence of matplotlib Axes
        The frame's four panels (``fig.axes``).
    path : pandas.DataFrame
        :func:`casekit.models.account_development.develop_account`.
    ops_joins : int
        The quarter operations joins (a dotted line).
    animated : bool, default=True
        Mark the artists animated (drawn over a cached background).

    Returns
    -------
    list of matplotlib artists
        The lines added, losing quarters of ``your_profit`` marked red.
    """
    out = []
    q = path["quarter"].to_numpy()
    for ax, (col, *_rest) in zip(axes, PATH_PANELS):
        y = path[col].to_numpy()
        out.append(Line2D(q, y, color=GREEN, lw=2.4, marker="o", animated=animated))
        ax.add_line(out[-1])
        out.append(ax.axvline(ops_joins, color=GREEN, lw=1, ls=":", animated=animated))
        if col == "your_profit" and (y < 0).any():
            out.append(Line2D(q[y < 0], y[y < 0], color=RED, lw=0, marker="o", ms=7, animated=animated))
            ax.add_line(out[-1])
    return out




# --------------------------------------------------------------------------- I11, I13
def plot_alignment(board: pd.DataFrame, *, axes=None):
    """Draw revenue, operations cost and profit of the company run in silos vs on one account P&L.

    Parameters
    ----------
    board : pandas.DataFrame
        :func:`casekit.models.alignment.compare_alignment`.
    axes : sequence of 3 matplotlib Axes, optional
        Where to draw; a new 1 x 3 figure by default.

    Returns
    -------
    numpy.ndarray of Axes
        The three panels: revenue, operations cost per case, profit.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> from casekit.models.alignment import compare_alignment
    >>> axes = plot_alignment(compare_alignment(company, pnl))
    >>> axes.shape, type(axes[0]).__name__
    ((3,), 'Axes')
    >>> plt.close(axes[0].figure)
    """
    check_frame(board, name="board", columns=["scenario", "revenue", "operations_cost", "operations_cost_per_case",
                                              "profit"],
                source="compare_alignment(company, pnl)", func="plot_alignment")
    if axes is None:
        fig, axes = plt.subplots(1, 3, figsize=(14, 4.6), layout="constrained")
    else:
        fig = axes[0].figure
    labels = [s.replace("each function on its own metric", "each on its\nown metric")
              .replace("shared account P&L", "one account\nP&L") for s in board["scenario"]]
    colors = [GREY, "#e67e22", GREEN][: len(board)]
    panels = [("revenue", "Revenue (sales' metric)", "$ per year", money),
              ("operations_cost_per_case", "Operations cost per case\n(operations' metric)", "$ per case", _price),
              ("profit", "Profit after cost to serve\nand complexity", "$ per year", money)]
    for ax, (col, title, ylabel, fmt) in zip(axes, panels):
        vals = board[col].to_numpy(dtype=float)
        bar_colors = [RED if (col == "profit" and v < 0) else c for v, c in zip(vals, colors)]
        ax.bar(labels, vals, color=bar_colors)
        label = (lambda v: money(v, unit="M")) if col == "revenue" else fmt
        for x, v in enumerate(vals):
            annotate(ax, label(v), xy=(x, v), xytext=(0, 3), textcoords="offset points", ha="center",
                     fontsize=TICK_SIZE + 1, fontweight="bold")
        if col == "revenue":
            ax.set_ylim(0.9 * vals.min(), 1.03 * vals.max())
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, pos=None, fmt=fmt: fmt(v)))
        _style(ax, title, "", ylabel)
    b = board.set_index("scenario")
    fig.suptitle(f"One account P&L: profit {money(b['profit'].iloc[-1])} vs {money(b['profit'].iloc[1])} "
                 f"with each function on its own metric", fontsize=TITLE_SIZE, fontweight="bold", parse_math=False)
    return np.asarray(axes)
