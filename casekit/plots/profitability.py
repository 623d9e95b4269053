"""Exhibits of the profitability analysis: each plot draws one frame from :mod:`casekit.analysis.profitability`.

Every function takes the tidy frame the matching profitability function
returns, draws on ``ax`` (a new 10 x 6 in figure when omitted) and returns the
Axes; none calls ``plt.show()``.  Titles state the finding, computed from the
data; losses are red, profit green, and text is large enough to project.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import TwoSlopeNorm
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter, PercentFormatter

from casekit.analysis.pocket_price import WATERFALL_STEPS
from casekit.analysis.profitability import SEGMENTS
from casekit.plots.style import (
    DARK,
    GREEN,
    GREY,
    LABEL_SIZE,
    NAN_GREY,
    PROFIT_CMAP,
    RED,
    SEGMENT_COLORS,
    TICK_SIZE,
    annotate,
    apply_style,
    money,
    money_ticks,
    new_axes,
    percent,
)
from casekit.validation import check_frame, check_int

__all__ = ["plot_whale_curve", "plot_profit_map", "plot_segments", "plot_price_waterfall", "plot_pocket_price_band"]


def _price(x) -> str:
    """Dollars per case with cents: 12.3 -> '$12.30'."""
    return money(x, unit="dollar", decimals=2)


_NOUNS = {"customer_id": ("customer", "customers"), "product_id": ("product", "products"),
          "rep_id": ("rep", "reps"), "order_id": ("order", "orders"), "delivery_id": ("delivery", "deliveries"),
          "channel_of_trade": ("channel", "channels"), "region": ("region", "regions"),
          "brand": ("brand", "brands"), "category": ("category", "categories"),
          "order_channel": ("order channel", "order channels"), "pick_type": ("pick type", "pick types"),
          "is_niche": ("niche flag", "niche flags")}


def _noun(by, *, plural: bool = True) -> str:
    """A readable name for the entities of a key column: 'customer_id' -> 'customers'."""
    if isinstance(by, (list, tuple)):
        by = by[0] if len(by) == 1 else " x ".join(by)
    by = str(by)
    if by in _NOUNS:
        return _NOUNS[by][plural]
    word = by.removesuffix("_id").replace("_", " ")
    return word + "s" if plural else word


# --------------------------------------------------------------------------
# Whale curve
# --------------------------------------------------------------------------

def plot_whale_curve(curve: pd.DataFrame, *, ax=None):
    """Draw the whale curve: cumulative profit against the share of accounts.

    Parameters
    ----------
    curve : pandas.DataFrame
        The frame from :func:`casekit.whale_curve`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new 10 x 6 in figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> from casekit.analysis.profitability import whale_curve
    >>> curve = whale_curve(cost_to_serve(make_company(seed=1, n_customers=30, n_products=40)))
    >>> ax = plot_whale_curve(curve)
    >>> ax.get_title().startswith("Top 20% of customers earn")
    True
    >>> plt.close("all")
    """
    func = "plot_whale_curve"
    share_cols = [c for c in getattr(curve, "columns", []) if str(c).startswith("share_of_")]
    need = ["net_profit", "cumulative_profit"] + (share_cols[:1] or ["share_of_<by>"])
    check_frame(curve, name="curve", columns=need, source="whale_curve(pnl)", allow_empty=False, func=func)
    share_col = curve.attrs.get("share_column", share_cols[0])
    by = curve.attrs.get("by", share_col.removeprefix("share_of_"))
    noun = _noun(by)
    curve = curve.sort_values(share_col)
    x = np.r_[0.0, curve[share_col].to_numpy(dtype=float)]
    total = float(curve["net_profit"].sum())
    in_dollars = total <= 0 or "cumulative_profit_pct" not in curve.columns
    y = np.r_[0.0, (curve["cumulative_profit"] if in_dollars else curve["cumulative_profit_pct"]).to_numpy(dtype=float)]
    n = len(curve)
    peak = int(y.argmax())

    ax = new_axes(ax)
    ax.plot(x[: peak + 1], y[: peak + 1], color=GREEN, lw=3, solid_capstyle="round")
    ax.plot(x[peak:], y[peak:], color=RED, lw=3, solid_capstyle="round")
    ax.fill_between(x[peak:], y[peak:], y[peak], color=RED, alpha=0.12, lw=0)
    ax.axhline(0, color=GREY, lw=1)
    losers = float((curve["net_profit"] < 0).mean() * 100)
    if in_dollars:
        ax.yaxis.set_major_formatter(money_ticks())
        ylabel = "Cumulative net profit ($)"
        title = (f"A {money(-total)} loss: the top {x[peak]:.0f}% of {noun} earn "
                 f"{money(y[peak])}, the rest lose {money(y[peak] - total)}")
        peak_text = f"Peak: {money(y[peak])} from the top {x[peak]:.0f}% of {noun}"
    else:
        ax.axhline(100, color=DARK, lw=1.2, ls="--")
        # direct label in the right margin: never on top of the curve
        annotate(ax, "total\nprofit", xy=(1, 100), xycoords=("axes fraction", "data"), xytext=(6, 0),
              textcoords="offset points", ha="left", va="center", fontsize=TICK_SIZE, color=DARK)
        ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
        ylabel = "Cumulative net profit (% of total profit)"
        k = max(1, math.ceil(0.2 * n))
        title = f"Top 20% of {noun} earn {y[k]:.0f}% of profit; {losers:.0f}% lose money"
        peak_text = f"Peak: {y[peak]:.0f}% of profit from the top {x[peak]:.0f}% of {noun}"
    ax.plot([x[peak]], [y[peak]], "o", color=DARK, ms=8, zorder=3)
    # the curve peaks here, so the space above the dot is always free
    annotate(ax, peak_text, xy=(x[peak], y[peak]), xytext=(0, 9), textcoords="offset points",
          ha="center" if 25 < x[peak] < 75 else ("left" if x[peak] <= 25 else "right"), va="bottom",
          fontsize=LABEL_SIZE, color=DARK)
    if losers > 0 and peak < n:
        y_end = float(y[-1])
        gone = y[peak] - y_end
        lost = money(gone) if in_dollars else f"{gone:.0f}% of profit" if gone >= 1 else f"{gone:.2g}% of profit"
        text = f"{losers:.0f}% of {noun} lose {lost}"
        if y_end > 0:  # under the end of the curve, below the 100 % line
            low = float(y[x >= 55].min())  # the label spans about the right 45 % of the axes
            annotate(ax, text, xy=(1, min(y_end, low)), xycoords=("axes fraction", "data"), xytext=(-8, -22),
                  textcoords="offset points", ha="right", va="top", fontsize=LABEL_SIZE,
                  color=RED, fontweight="bold")
        else:  # a ranked cumulative sum is concave: the lower left is empty
            annotate(ax, text, xy=(3, 0.75 * y_end), ha="left", va="center", fontsize=LABEL_SIZE,
                  color=RED, fontweight="bold")
    ax.set_xlim(0, 100)
    lo = min(0.0, float(y.min()))
    span = y.max() - lo if y.max() > lo else 1.0
    ax.set_ylim(lo - 0.05 * span, y.max() + 0.15 * span)
    ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    apply_style(ax, title=title, ylabel=ylabel,
           xlabel=f"Share of {noun}, ranked from most to least profitable (cumulative %)")
    ax.grid(axis="y", color="#dddddd", lw=0.8)
    return ax


# --------------------------------------------------------------------------
# Profit map
# --------------------------------------------------------------------------

def _largest(labels: pd.Index, weight: pd.Series, k: int) -> pd.Index:
    """The k labels with the largest weight, in their original order."""
    if len(labels) <= k:
        return labels
    keep = weight.nlargest(k).index
    return labels[labels.isin(keep)]


def plot_profit_map(matrix: pd.DataFrame, *, ax=None, max_rows: int = 60, max_cols: int = 80):
    """Draw the profit map as a heatmap: islands of profit in a sea of red ink.

    Cells are coloured on a red (loss) / green (profit) scale centred at $0;
    light grey cells are combinations that never traded.  When the map is
    larger than ``max_rows`` x ``max_cols``, the rows and columns with the
    most profit or loss at stake (sum of absolute cell values) are shown, in
    the map's order.

    Parameters
    ----------
    matrix : pandas.DataFrame
        The frame from :func:`casekit.profit_map`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new 10 x 6 in figure when omitted.
    max_rows, max_cols : int, default=60, 80
        Most rows and columns to draw.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> from casekit.analysis.profit_map import profit_map
    >>> m = profit_map(cost_to_serve(make_company(seed=1, n_customers=30, n_products=40)))
    >>> ax = plot_profit_map(m)
    >>> "cells lose money" in ax.get_title()
    True
    >>> plt.close("all")
    """
    func = "plot_profit_map"
    check_frame(matrix, name="matrix", source="profit_map(pnl)", func=func)
    if matrix.empty:
        raise ValueError(f"{func}: the matrix has no rows or columns; nothing to draw.")
    check_int(max_rows, "max_rows", low=1, what="a positive int", func=func)
    check_int(max_cols, "max_cols", low=1, what="a positive int", func=func)
    data = matrix.apply(pd.to_numeric, errors="coerce").astype(float)
    if data.notna().sum().sum() == 0:
        raise ValueError(f"{func}: every cell is NaN or not a number; pass profit_map(pnl).")
    rows = matrix.attrs.get("rows", matrix.index.name or "rows")
    cols = matrix.attrs.get("columns", matrix.columns.name or "columns")
    values = matrix.attrs.get("values", "net_profit")
    n_r, n_c = data.shape
    cells = data.stack().dropna()
    losing = float((cells < 0).mean() * 100)

    stake = data.abs()
    data = data.loc[_largest(data.index, stake.sum(axis=1), max_rows),
                    _largest(data.columns, stake.sum(axis=0), max_cols)]
    is_pct = values.endswith("_pct")
    # Losses are usually many and small, profits few and large: scale each
    # side on its own (95th percentile of its magnitudes) so the sea of red
    # ink is visible and a few whales do not wash out the map.
    vals = data.to_numpy()
    vals = vals[np.isfinite(vals)]
    neg, pos = -vals[vals < 0], vals[vals > 0]
    vmin = -float(np.quantile(neg, 0.95)) if neg.size else 0.0
    vmax = float(np.quantile(pos, 0.95)) if pos.size else 0.0
    scale = max(-vmin, vmax, 1e-9)
    vmin = vmin if vmin < 0 else -scale
    vmax = vmax if vmax > 0 else scale

    ax = new_axes(ax)
    ax.set_facecolor(NAN_GREY)
    show_r = len(data.index) <= 30
    show_c = len(data.columns) <= 30
    fmt_cell = percent if is_pct else money
    annot = data.map(lambda v: fmt_cell(v) if np.isfinite(v) else "") if data.size <= 100 else False
    sns.heatmap(data, ax=ax, cmap=PROFIT_CMAP, norm=TwoSlopeNorm(vcenter=0.0, vmin=vmin, vmax=vmax),
                xticklabels=show_c, yticklabels=show_r, linewidths=0, annot=annot, fmt="",
                annot_kws={"fontsize": TICK_SIZE + 1, "parse_math": False},
                cbar_kws={"format": FuncFormatter(lambda v, p: percent(v)) if is_pct else money_ticks(),
                          "extend": "both", "shrink": 0.9})
    cbar = ax.collections[0].colorbar
    ticks = np.r_[MaxNLocator(nbins=3).tick_values(vmin, 0.0), MaxNLocator(nbins=4).tick_values(0.0, vmax)]
    cbar.set_ticks(np.unique(ticks[(ticks >= vmin) & (ticks <= vmax)]))
    label = values.replace("_", " ").removesuffix(" pct")
    cbar.set_label(f"{label.capitalize()} ({'%' if is_pct else '$'}); grey = no sales", fontsize=LABEL_SIZE)
    cbar.ax.tick_params(labelsize=TICK_SIZE)
    ax.tick_params(labelsize=TICK_SIZE, length=0)
    shown = f" (showing {len(data.index)} x {len(data.columns)} with the most at stake)" \
        if data.shape != (n_r, n_c) else ""
    if values == "net_profit":
        total_r = matrix.attrs.get("n_rows_total", n_r)
        total_c = matrix.attrs.get("n_columns_total", n_c)
        # The share is of the block drawn, not of the business: say so when the block is a top slice.
        scope = f" of the top {n_r} \u00d7 {n_c}" if (total_r, total_c) != (n_r, n_c) else " of"
        title = f"{losing:.0f}%{scope} {_noun(rows, plural=False)}-{_noun(cols, plural=False)} cells lose money"
    else:
        title = f"{label.capitalize()} by {_noun(rows, plural=False)} and {_noun(cols, plural=False)}"
    def count(n, total, noun):
        return f"Top {n} of {total} {noun} by revenue" if total > n else f"{n} {noun}"
    xlabel = f"{count(n_c, matrix.attrs.get('n_columns_total', n_c), _noun(cols))}, most profitable on the left"
    ylabel = count(n_r, matrix.attrs.get("n_rows_total", n_r), _noun(rows))
    ylabel += ",\nmost profitable at the top" if len(ylabel) > 20 else ", most profitable at the top"
    apply_style(ax, title=title, xlabel=xlabel + (f"\n{shown.strip()}" if shown else ""), ylabel=ylabel)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


# --------------------------------------------------------------------------
# Segments
# --------------------------------------------------------------------------

def plot_segments(segments: pd.DataFrame, *, ax=None, revenue_cut=None, profit_cut=None):
    """Scatter customers by revenue (log scale) and net profit, coloured by segment.

    Parameters
    ----------
    segments : pandas.DataFrame
        The frame from :func:`casekit.segment_customers`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new 10 x 6 in figure when omitted.
    revenue_cut, profit_cut : float, optional
        Where to draw the cut lines ($); by default the cuts the segments
        were made with (``segments.attrs``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> from casekit.analysis.profitability import segment_customers
    >>> seg = segment_customers(cost_to_serve(make_company(seed=1, n_customers=30, n_products=40)))
    >>> ax = plot_segments(seg)
    >>> ax.get_xscale()
    'log'
    >>> plt.close("all")
    """
    func = "plot_segments"
    check_frame(segments, name="segments", columns=["revenue", "net_profit", "segment"],
                source="segment_customers(pnl)", allow_empty=False, func=func)
    if revenue_cut is None:
        revenue_cut = segments.attrs.get("revenue_cut")
    if profit_cut is None:
        profit_cut = segments.attrs.get("profit_cut", 0.0)
    if revenue_cut is None:
        raise ValueError(f"{func}: the frame carries no revenue cut (attrs were lost); pass "
                         f"revenue_cut=... with the value used in segment_customers.")
    seg = segments.assign(segment=pd.Categorical(segments["segment"].astype(object),
                                                 categories=list(SEGMENTS), ordered=True))
    pos = seg[seg["revenue"] > 0]
    dropped = len(seg) - len(pos)
    total_profit = float(seg["net_profit"].sum())
    n = len(seg)

    ax = new_axes(ax)
    handles = []
    for name in SEGMENTS:
        part = pos[pos["segment"] == name]
        all_part = seg[seg["segment"] == name]
        ax.scatter(part["revenue"], part["net_profit"], s=55, color=SEGMENT_COLORS[name], alpha=0.8,
                   edgecolor="white", linewidth=0.6, zorder=3)
        share = f", {all_part['net_profit'].sum() / total_profit * 100:.0f}% of profit" if total_profit > 0 else ""
        handles.append(Patch(color=SEGMENT_COLORS[name],
                             label=f"{name}s: {len(all_part)} ({len(all_part) / n * 100:.0f}%){share}"))
    ax.set_xscale("log")
    ax.axvline(revenue_cut, color=DARK, lw=1.2, ls="--", zorder=2)
    ax.axhline(profit_cut, color=DARK, lw=1.2, ls="--", zorder=2)
    ax.axhline(0, color=GREY, lw=0.8, zorder=1) if profit_cut != 0 else None
    annotate(ax, f"revenue cut {money(revenue_cut)}", xy=(revenue_cut, 1), xycoords=("data", "axes fraction"),
          xytext=(4, -4), textcoords="offset points", ha="left", va="top", fontsize=TICK_SIZE, color=DARK)
    ax.xaxis.set_major_formatter(money_ticks())
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.yaxis.set_major_formatter(money_ticks())
    ax.legend(handles=handles, fontsize=TICK_SIZE, loc="upper left", frameon=False)
    peaks = seg[seg["segment"] == SEGMENTS[0]]
    if total_profit > 0:
        title = (f"Profit Peaks: {len(peaks) / n * 100:.0f}% of customers earn "
                 f"{peaks['net_profit'].sum() / total_profit * 100:.0f}% of profit")
    else:
        title = f"Profit Peaks: {len(peaks) / n * 100:.0f}% of customers earn {money(peaks['net_profit'].sum())}"
    note = f" ({dropped} with no revenue not shown)" if dropped else ""
    apply_style(ax, title=title, xlabel=f"Revenue per customer ($, log scale){note}",
           ylabel="Net profit per customer ($)")
    ax.grid(color="#eeeeee", lw=0.8, zorder=0)
    return ax


# --------------------------------------------------------------------------
# Pocket price
# --------------------------------------------------------------------------

def plot_price_waterfall(waterfall: pd.DataFrame, *, ax=None):
    """Draw the pocket price waterfall: list price down to pocket price per case.

    Parameters
    ----------
    waterfall : pandas.DataFrame
        The frame from :func:`casekit.price_waterfall` for one selection
        (filter a ``by=`` waterfall to one group first).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new 10 x 6 in figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> from casekit.analysis.pocket_price import price_waterfall
    >>> w = price_waterfall(cost_to_serve(make_company(seed=1, n_customers=30, n_products=40)))
    >>> ax = plot_price_waterfall(w)
    >>> [t.get_text() for t in ax.get_xticklabels()][-1]
    'Pocket\\nprice'
    >>> plt.close("all")
    """
    func = "plot_price_waterfall"
    check_frame(waterfall, name="waterfall", columns=["step", "value_per_case", "kind"], source="price_waterfall(pnl)",
                allow_empty=False, func=func)
    if waterfall["step"].duplicated().any():
        by = waterfall.attrs.get("by") or "the by column"
        raise ValueError(f"{func}: the frame holds several waterfalls (one per group of {by}); draw one "
                         f"at a time, e.g. w[w['{by if isinstance(by, str) else by[0]}'] == 'grocery'].")
    w = waterfall.assign(step=pd.Categorical(waterfall["step"].astype(object),
                                             categories=list(WATERFALL_STEPS), ordered=True))
    w = w.sort_values("step").reset_index(drop=True)
    values = w["value_per_case"].to_numpy(dtype=float)
    kinds = w["kind"].to_numpy()
    bottoms, heights, colors = [], [], []
    level = 0.0
    for v, k in zip(values, kinds):
        if k == "price":
            bottoms.append(0.0)
            heights.append(v)
            colors.append(DARK)
            level = v
        else:
            bottoms.append(level + v)
            heights.append(-v)
            colors.append(RED)
            level = level + v
    ax = new_axes(ax)
    x = np.arange(len(w))
    ax.bar(x, heights, bottom=bottoms, color=colors, width=0.62, zorder=3)
    list_price = values[0] if kinds[0] == "price" and values[0] else np.nan
    top = max(b + h for b, h in zip(bottoms, heights))
    for i, (v, k, b, h) in enumerate(zip(values, kinds, bottoms, heights)):
        pct = f"\n{abs(v) / list_price * 100:.1f}% of list" if np.isfinite(list_price) and i > 0 else ""
        text = _price(v) + pct
        annotate(ax, text, xy=(i, b + h), xytext=(0, 5), textcoords="offset points", ha="center",
              va="bottom", fontsize=TICK_SIZE + 1, color=RED if k == "deduction" else DARK,
              fontweight="bold")
        if i + 1 < len(values):  # connector to the next bar
            edge = b if k == "deduction" else b + h
            ax.plot([i + 0.31, i + 1 - 0.31], [edge, edge], color=GREY, lw=1, zorder=2)
    ax.set_xticks(x, [str(s).replace(" ", "\n", 1) for s in w["step"]])
    ax.set_ylim(0, top * 1.2)
    ax.yaxis.set_major_formatter(money_ticks(unit="dollar", decimals=2))
    pocket = values[-1]
    what = waterfall.attrs.get("product_id")
    what = f" for {what}" if isinstance(what, str) else ""
    if np.isfinite(list_price):
        below = (1 - pocket / list_price) * 100
        title = f"Pocket price{what} is {below:.0f}% below list: {_price(pocket)} of {_price(list_price)} a case"
    else:
        title = f"Pocket price{what}: {_price(pocket)} a case"
    apply_style(ax, title=title, xlabel="", ylabel="Price per case ($)")
    ax.grid(axis="y", color="#eeeeee", lw=0.8, zorder=0)
    return ax


def plot_pocket_price_band(band: pd.DataFrame, *, ax=None):
    """Draw the pocket price band: share of a product's cases at each pocket price.

    Parameters
    ----------
    band : pandas.DataFrame
        The frame from :func:`casekit.pocket_price_band`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new 10 x 6 in figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> from casekit.analysis.pocket_price import pocket_price_band
    >>> pnl = cost_to_serve(make_company(seed=1, n_customers=30, n_products=40))
    >>> ax = plot_pocket_price_band(pocket_price_band(pnl, product_id="P0001"))
    >>> ax.get_ylabel()
    'Share of cases (%)'
    >>> plt.close("all")
    """
    func = "plot_pocket_price_band"
    check_frame(band, name="band", columns=["pocket_price", "cases"], source="pocket_price_band(pnl, product_id=...)",
                allow_empty=False, func=func)
    prices = band["pocket_price"].to_numpy(dtype=float)
    cases = band["cases"].to_numpy(dtype=float)
    ok = np.isfinite(prices) & (cases > 0)
    prices, cases = prices[ok], cases[ok]
    if prices.size == 0:
        raise ValueError(f"{func}: no account has a finite pocket price and cases > 0; nothing to draw.")
    lo, hi = float(prices.min()), float(prices.max())
    weights = cases / cases.sum() * 100
    n_bins = int(np.clip(np.sqrt(prices.size) * 2, 8, 30))
    edges = np.linspace(lo, hi, n_bins + 1) if hi > lo else np.array([lo - 0.5, hi + 0.5])

    ax = new_axes(ax)
    ax.hist(prices, bins=edges, weights=weights, color=DARK, edgecolor="white", linewidth=0.8, zorder=3)
    mean = float((prices * cases).sum() / cases.sum())
    ax.axvline(mean, color=GREEN, lw=2.5, zorder=4, label=f"Average pocket price {_price(mean)}")
    right = hi
    if "list_price" in band.columns:
        lp = band["list_price"].to_numpy(dtype=float)[ok]
        list_avg = float((lp * cases).sum() / cases.sum())
        ax.axvline(list_avg, color=GREY, lw=2, ls="--", zorder=4, label=f"Average list price {_price(list_avg)}")
        right = max(hi, list_avg)
    ax.set_xlim(edges[0] - 0.03 * (right - edges[0] + 1e-9), right + 0.03 * (right - edges[0] + 1e-9))
    legend = ax.legend(loc="best", fontsize=TICK_SIZE + 1, frameon=True, framealpha=0.9, edgecolor="none")
    for text in legend.get_texts():
        text.set_parse_math(False)
    ax.xaxis.set_major_formatter(money_ticks(unit="dollar", decimals=2))
    ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    by = band.attrs.get("by", band.columns[0])
    product = band.attrs.get("product_id")
    product = f"{product}: " if isinstance(product, str) else ""
    spread = (hi - lo) / lo * 100 if lo > 0 else float("nan")
    spread_txt = f" ({spread:.0f}% spread)" if np.isfinite(spread) else ""
    title = f"{product}{prices.size} {_noun(by)}' pocket prices span {_price(lo)} to {_price(hi)}{spread_txt}"
    apply_style(ax, title=title, xlabel="Pocket price per case ($)", ylabel="Share of cases (%)")
    ax.grid(axis="y", color="#eeeeee", lw=0.8, zorder=0)
    return ax
