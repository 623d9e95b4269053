"""Exhibits and the what-if widget of notebook 05 (ideas I1, I4, I14).

The figures draw frames from :mod:`casekit.models.innovation`; :func:`launch_scorecard`
rolls the product scorecard up to launches; :func:`portfolio_widget` lets a
class prune the tail or slow the launch stream and watch the product
managers' lens and the company's lens side by side.  The scorecard is built
once; each slider move calls :func:`~casekit.models.innovation.prune_tail` or
:func:`~casekit.models.innovation.what_if_launch_rate` (a few ms) and swaps a
cached chart.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from casekit.models.complexity import COMPONENTS
from casekit.models.innovation import launch_calendar, prune_tail, what_if_launch_rate
from casekit.plots import DARK, GREEN, GREY, LABEL_SIZE, RED, TICK_SIZE, TITLE_SIZE, _money
from casekit.plots import _style as _plot_style

__all__ = ["launch_scorecard", "complexity_per_sku", "plot_launch_stream", "plot_launch_lenses",
           "plot_launch_bill", "lens_table_html", "PortfolioWhatIf", "portfolio_widget", "bench_hooks"]

_MONEY = FuncFormatter(_money)
_LENS_COLUMNS = ["revenue", "gross_margin", "cost_to_serve", "net_profit", "complexity_cost", "company_profit"]


def _check_card(card, func: str) -> None:
    need = ["launch_id", "is_new", "launch_size"] + _LENS_COLUMNS
    if not isinstance(card, pd.DataFrame) or any(c not in card.columns for c in need):
        raise ValueError(f"{func}: pass the frame from casekit.models.innovation.product_scorecard(company, pnl).")


def launch_scorecard(card: pd.DataFrame) -> pd.DataFrame:
    """Roll the product scorecard up to the period's launches.

    Parameters
    ----------
    card : pandas.DataFrame
        From :func:`casekit.models.innovation.product_scorecard`.

    Returns
    -------
    pandas.DataFrame
        One row per launch, worst company profit first: ``launch_id``,
        ``launch_size``, ``skus``, ``revenue``, ``gross_margin``,
        ``cost_to_serve``, ``net_profit``, ``complexity_cost``,
        ``company_profit``, ``pm_verdict`` and ``company_verdict``
        (``"earns"``/``"loses"`` on gross margin and on company profit).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.innovation import product_scorecard
    >>> card = product_scorecard(co, pnl)
    >>> launches = launch_scorecard(card)
    >>> list(launches.columns[:3]), int(launches["skus"].sum()) == int(card["is_new"].sum())
    (['launch_id', 'launch_size', 'skus'], True)
    >>> bool(launches["company_profit"].is_monotonic_increasing)
    True
    >>> set(launches["pm_verdict"]) <= {"earns", "loses"}
    True
    """
    _check_card(card, "launch_scorecard")
    new = card[card["is_new"].astype(bool)]
    if new.empty:
        raise ValueError("launch_scorecard: the scorecard has no new SKUs (a company without launches?).")
    out = new.groupby("launch_id", observed=True).agg(
        launch_size=("launch_size", lambda s: str(s.iloc[0])), skus=("launch_id", "size"),
        **{c: (c, "sum") for c in _LENS_COLUMNS}).reset_index()
    out["launch_id"] = out["launch_id"].astype("int64")
    out["pm_verdict"] = np.where(out["gross_margin"] > 0, "earns", "loses")
    out["company_verdict"] = np.where(out["company_profit"] > 0, "earns", "loses")
    return out.sort_values("company_profit", kind="stable").reset_index(drop=True)


def complexity_per_sku(company, pnl) -> pd.DataFrame:
    """Average complexity cost per SKU and component, established range vs SKUs launched this period.

    Parameters
    ----------
    company : Company
        From :func:`casekit.make_company` or :func:`casekit.load_case`.
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.

    Returns
    -------
    pandas.DataFrame
        Index ``["established", "new"]``, one column per component of
        :data:`casekit.models.complexity.COMPONENTS` ($ per SKU in the period) and
        ``skus``.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> per_sku = complexity_per_sku(co, pnl)
    >>> per_sku.index.tolist(), int(per_sku["skus"].sum()) == len(co.products)
    (['established', 'new'], True)
    >>> per_sku.columns[-1]
    'skus'
    """
    from casekit.models.innovation import complexity_cost
    cc = complexity_cost(company, pnl)
    group = np.where(company.products["is_new"].to_numpy(dtype=bool), "new", "established")
    out = cc[COMPONENTS].groupby(group).mean().reindex(["established", "new"])
    out["skus"] = pd.Series(group).value_counts().reindex(out.index).to_numpy()
    return out


def _style(ax, title, xlabel, ylabel, *, size=TITLE_SIZE):
    _plot_style(ax, title=title, xlabel=xlabel, ylabel=ylabel, title_size=size, wrap=False)


def plot_launch_stream(company, pnl, *, fig=None):
    """Draw the innovation calendar (I1): launches a month, the SKU count and changeovers, complexity per SKU.

    Parameters
    ----------
    company : Company
        From :func:`casekit.make_company` or :func:`casekit.load_case`.
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    fig : matplotlib.figure.Figure, optional
        Figure to draw on; a new one when omitted.

    Returns
    -------
    matplotlib.figure.Figure
        Three panels (plus the twin axis of the second); never calls
        ``plt.show()``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> fig = plot_launch_stream(co, pnl)
    >>> type(fig).__name__, len(fig.axes)
    ('Figure', 4)
    >>> plt.close(fig)
    """
    cal = launch_calendar(company)
    per_sku = complexity_per_sku(company, pnl)
    if fig is None:
        fig = plt.figure(figsize=(16, 5.8), layout="constrained")
    ax1, ax2, ax3 = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.1, 1.1, 1]})
    x = np.arange(len(cal))
    labels = [m[5:] for m in cal["month"]]
    ax1.bar(x, cal["minor_launches"], color=GREY, label="minor (flavour, pack, display)")
    ax1.bar(x, cal["major_launches"], bottom=cal["minor_launches"], color=DARK, label="major (new product line)")
    ax1.set_xticks(x, labels)
    ax1.set_ylim(0, cal["launches"].max() * 1.3)
    ax1.legend(fontsize=11, frameon=False, loc="upper left")
    _style(ax1, f"{int(cal['launches'].sum())} launches: {int(cal['major_launches'].sum())} major, "
                f"{int(cal['minor_launches'].sum())} minor", f"month of {cal['month'].iloc[0][:4]}",
           "launches per month", size=13)

    start = int(cal["active_skus"].iloc[0] - cal["new_skus"].iloc[0])
    ax2.plot(x, cal["active_skus"], color=DARK, marker="o", lw=2.5, label="active SKUs")
    ax2.set_xticks(x, labels)
    ax2.set_ylim(0, cal["active_skus"].max() * 1.15)
    twin = ax2.twinx()
    twin.plot(x, cal["changeover_cost"], color=RED, marker="s", lw=2, label="changeover cost")
    twin.set_ylim(0, cal["changeover_cost"].max() * 1.15)
    twin.yaxis.set_major_formatter(_MONEY)
    twin.set_ylabel("changeover cost per month ($)", fontsize=LABEL_SIZE, color=RED)
    twin.tick_params(labelsize=TICK_SIZE, colors=RED)
    twin.spines["top"].set_visible(False)
    growth = 100 * (cal["changeover_cost"].iloc[-1] / cal["changeover_cost"].iloc[0] - 1)
    _style(ax2, f"SKUs {start} → {int(cal['active_skus'].iloc[-1])}; changeovers +{growth:.0f}% a month",
           f"month of {cal['month'].iloc[0][:4]}", "active SKUs at month end", size=13)
    ax2.legend(handles=ax2.lines + twin.lines, fontsize=11, frameon=False, loc="lower right")

    names = [c.replace("_", " ") for c in COMPONENTS]
    y = np.arange(len(COMPONENTS))
    ax3.barh(y - 0.2, per_sku.loc["established", COMPONENTS], height=0.4, color=GREY,
             label=f"established SKU ({int(per_sku.loc['established', 'skus'])})")
    ax3.barh(y + 0.2, per_sku.loc["new", COMPONENTS], height=0.4, color=RED,
             label=f"SKU launched this year ({int(per_sku.loc['new', 'skus'])})")
    ax3.set_yticks(y, names)
    ax3.invert_yaxis()
    ax3.xaxis.set_major_formatter(_MONEY)
    ax3.legend(fontsize=11, frameon=False, loc="center right")
    tot = per_sku[COMPONENTS].sum(axis=1)
    _style(ax3, f"Per SKU: new {_money(tot['new'])}, established {_money(tot['established'])}",
           "complexity cost per SKU in the year ($)", "", size=13)
    fig.suptitle("The launch stream piles SKUs, changeovers and complexity cost on operations",
                 fontsize=TITLE_SIZE + 1, fontweight="bold")
    return fig


def plot_launch_lenses(launches: pd.DataFrame, *, ax=None):
    """Scatter every launch by the product manager's number (gross margin) and the company's (I4).

    Losing launches (company profit < 0) are red.

    Parameters
    ----------
    launches : pandas.DataFrame
        From :func:`launch_scorecard`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.innovation import product_scorecard
    >>> card = product_scorecard(co, pnl)
    >>> ax = plot_launch_lenses(launch_scorecard(card))
    >>> type(ax).__name__, ax.get_title().startswith("Product managers see")
    ('Axes', True)
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 6.5), layout="constrained")
    lose = launches["company_profit"] < 0
    for mask, color, label in ((~lose, GREEN, "earns for the company"), (lose, RED, "loses for the company")):
        sub = launches[mask]
        ax.scatter(sub["gross_margin"], sub["company_profit"], s=30 + 25 * sub["skus"], color=color, alpha=0.8,
                   edgecolor="white", label=f"{label} ({int(mask.sum())})")
    ax.axhline(0, color="black", lw=1)
    ax.axvline(0, color="black", lw=1)
    ax.xaxis.set_major_formatter(_MONEY)
    ax.yaxis.set_major_formatter(_MONEY)
    ax.legend(fontsize=12, frameon=False, loc="center right", title="dot size = SKUs in the launch")
    pm = int((launches["gross_margin"] > 0).sum())
    _style(ax, f"Product managers see {pm} of {len(launches)} launches earning a margin;\n"
               f"the company sees {int(lose.sum())} of them losing money",
           "gross margin of the launch (product manager's lens, $)",
           "profit after cost to serve and complexity (company's lens, $)")
    return ax


def plot_launch_bill(launches: pd.DataFrame, *, ax=None):
    """Draw the launches' bill as a waterfall: gross margin, minus cost to serve and complexity (I14).

    Each step names who sees it.

    Parameters
    ----------
    launches : pandas.DataFrame
        From :func:`launch_scorecard`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.innovation import product_scorecard
    >>> card = product_scorecard(co, pnl)
    >>> ax = plot_launch_bill(launch_scorecard(card))
    >>> type(ax).__name__, len(ax.patches)
    ('Axes', 4)
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 6), layout="constrained")
    gm = float(launches["gross_margin"].sum())
    cts = float(launches["cost_to_serve"].sum())
    cc = float(launches["complexity_cost"].sum())
    steps = [("gross margin\n(product managers' scorecards)", gm, 0.0),
             ("− cost to serve\n(sales and logistics)", -cts, gm),
             ("− complexity\n(operations)", -cc, gm - cts)]
    for i, (label, value, base) in enumerate(steps):
        ax.bar(i, value, bottom=base, color=GREEN if value > 0 else RED, width=0.6)
        ax.annotate(_money(value), (i, base + value), xytext=(0, 6 if value > 0 else -18),
                    textcoords="offset points", ha="center", fontsize=13, parse_math=False)
    end = gm - cts - cc
    ax.bar(3, end, color=GREEN if end > 0 else RED, width=0.6)
    ax.annotate(_money(end), (3, end), xytext=(0, 6 if end > 0 else -18), textcoords="offset points",
                ha="center", fontsize=13, fontweight="bold", parse_math=False)
    ax.axhline(0, color="black", lw=1)
    ax.set_xticks(range(4), [s[0] for s in steps] + ["= company profit\n(nobody's scorecard)"])
    ax.yaxis.set_major_formatter(_MONEY)
    # Room below the lowest bar for its value label, clear of the tick labels.
    lo, hi = min(0, end, gm - cts), max(gm, 0)
    ax.set_ylim(lo - 0.15 * (hi - lo), hi + 0.12 * (hi - lo))
    _style(ax, f"The year's launches earn {_money(gm)} of gross margin\nand cost the company {_money(-end)}"
           if end < 0 else f"The year's launches earn {_money(gm)} of gross margin\nand {_money(end)} for the company",
           "", "$ in the year, all launches of the year")
    return ax


# --------------------------------------------------------------------------- the what-if widget
def _cell(x: float, *, bold=False, cls="") -> str:
    color = "#c0392b" if x < 0 else "#2c3e50"
    text = f"{'-' if x < 0 else ''}${abs(x) / 1e3:,.0f}K"
    return f"<td class='{cls}' style='text-align:right;color:{color}'>{'<b>' if bold else ''}{text}{'</b>' if bold else ''}</td>"


def lens_table_html(rows: pd.DataFrame) -> str:
    """Write scenario rows (from prune_tail / what_if_launch_rate) as a two-lens HTML table.

    Parameters
    ----------
    rows : pandas.DataFrame
        From :func:`casekit.models.innovation.prune_tail` or
        :func:`casekit.models.innovation.what_if_launch_rate` (columns ``scenario``,
        ``skus``, ``revenue``, ``gross_margin``, ``cost_to_serve``,
        ``complexity_cost``, ``company_profit``, ``complexity_saved_pct``).

    Returns
    -------
    str
        An HTML ``<table>``: two header rows, then one row per scenario.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.innovation import product_scorecard
    >>> card = product_scorecard(co, pnl)
    >>> from casekit.models.innovation import prune_tail
    >>> h = lens_table_html(prune_tail(card, share=0.2))
    >>> h.startswith("<table class='ck-lenses'"), h.count("<tr>")
    (True, 4)
    """
    head = ("<tr><th></th><th colspan=2 style='background:#eef2f5'>product managers' lens</th>"
            "<th colspan=4 style='background:#fdf2f0'>company's lens</th></tr>"
            "<tr><th>scenario ($ thousands a year)</th><th>revenue</th><th>gross margin</th><th>cost to serve</th>"
            "<th>complexity cost</th><th>company profit</th><th>complexity saved</th></tr>")
    body = ""
    for i, r in enumerate(rows.itertuples()):
        body += (f"<tr><td>{html.escape(str(r.scenario))} ({r.skus:.0f} SKUs)</td>{_cell(r.revenue)}"
                 f"{_cell(r.gross_margin, cls=f'ck-margin-{i}')}{_cell(-r.cost_to_serve)}"
                 f"{_cell(-r.complexity_cost)}{_cell(r.company_profit, bold=True, cls=f'ck-profit-{i}')}"
                 f"<td class='ck-saved-{i}' style='text-align:right'>"
                 f"{r.complexity_saved_pct:.0f}%</td></tr>")
    return f"<table class='ck-lenses' style='font-size:14px;border-spacing:10px 2px'>{head}{body}</table>"


_CHANGE_COLUMNS = [("gross_margin", "gross margin (PM lens)"), ("company_profit", "company profit")]


def _change_limit(card: pd.DataFrame) -> float:
    """Largest change against today either lens can show over the sliders' range (fixes the x axis)."""
    rows = [prune_tail(card, share=0.4, by=by) for by in ("revenue", "gross_margin", "company_profit")]
    rows += [what_if_launch_rate(card, rate=r) for r in (0.0, 2.0)]
    cols = [c for c, _ in _CHANGE_COLUMNS]
    return max(1.0, max(float(np.abs(r.loc[1, cols].to_numpy(dtype=float) - r.loc[0, cols].to_numpy(dtype=float)).max())
                        for r in rows))


class _ChangeChart:
    """Bars of the change against today under each lens, per scenario.

    Axes, labels and title are rendered once (:class:`casekit.widgets.levers.BlitFigure`);
    a slider move redraws only the bars and their labels (about 10 ms instead of ~200 ms).
    """

    LABELS = ["pruned tail", "launch rate"]

    def __init__(self, limit: float):
        from casekit.widgets.levers import BlitFigure
        self.blit = BlitFigure(figsize=(10, 3.6))
        ax = self.blit.reset()
        self.blit.figure.subplots_adjust(left=0.14, right=0.98, top=0.86, bottom=0.16)
        ax.axvline(0, color="black", lw=1)
        ax.set_ylim(1.6, -0.6)
        ax.set_yticks(range(2), self.LABELS, fontsize=12)
        ax.set_xlim(-1.25 * limit, 1.25 * limit)
        ax.xaxis.set_major_formatter(_MONEY)
        ax.set_xlabel("change against today ($ a year)", fontsize=12)
        ax.set_title("Change against today: gross margin (hatched, PM lens) and company profit", fontsize=13,
                     fontweight="bold")
        ax.spines[["top", "right"]].set_visible(False)
        self.ax = ax
        self.blit.freeze()

    def png(self, rows: pd.DataFrame) -> bytes:
        base = rows.iloc[0]
        artists = []
        for i in range(1, len(rows)):
            for j, (col, label) in enumerate(_CHANGE_COLUMNS):
                v = float(rows.iloc[i][col] - base[col])
                y = i - 1 + (0.2 if j else -0.2)
                artists += list(self.ax.barh([y], [v], height=0.38, color=GREEN if v >= 0 else RED,
                                             alpha=0.5 if j == 0 else 1.0, hatch="//" if j == 0 else None,
                                             edgecolor="white", animated=True))
                artists.append(self.ax.annotate(f"{label}: {'+' if v >= 0 else ''}{_money(v)}", (0, y),
                                                xytext=(-4 if v >= 0 else 4, 0), textcoords="offset points",
                                                va="center", ha="right" if v >= 0 else "left", fontsize=11,
                                                parse_math=False, animated=True))
        return self.blit.png(artists)


@dataclass
class PortfolioWhatIf:
    """Hold the prune-the-tail and launch-rate sliders over one scorecard; state ``rows`` (the scenario frame).

    Built by :func:`portfolio_widget`; :meth:`update` is the controls' callback.

    Parameters
    ----------
    card : pandas.DataFrame
        From :func:`casekit.models.innovation.product_scorecard`.

    Attributes
    ----------
    widget : ipywidgets.VBox
        Display this.
    prune : ipywidgets.IntSlider
        Percent of SKUs pruned from the tail (0-40, step 5).
    rank_by : ipywidgets.Dropdown
        What ranks the tail: ``"revenue"``, ``"gross_margin"`` or ``"company_profit"``.
    rate : ipywidgets.FloatSlider
        Launch rate against today's (0-2, step 0.25).
    table : ipywidgets.HTML
        The two-lens table (today, pruned, slower/faster launches).
    image : ipywidgets.Image
        Change against today under each lens.
    rows : pandas.DataFrame
        Three rows: today, the pruned tail, the launch-rate scenario (columns
        of :func:`casekit.models.innovation.prune_tail`).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.innovation import product_scorecard
    >>> card = product_scorecard(co, pnl)
    >>> w = portfolio_widget(card, prune=20)
    >>> isinstance(w, PortfolioWhatIf), len(w.rows)
    (True, 3)
    >>> w.prune.value = 0
    >>> bool(w.rows.loc[1, "skus"] == w.rows.loc[0, "skus"])
    True
    """

    card: pd.DataFrame
    widget: widgets.VBox = None
    prune: widgets.IntSlider = None
    rank_by: widgets.Dropdown = None
    rate: widgets.FloatSlider = None
    table: widgets.HTML = None
    image: widgets.Image = None
    rows: pd.DataFrame = None
    chart: _ChangeChart = None
    _png: dict = field(default_factory=dict)

    def update(self, *_):
        """Recompute both scenarios for the sliders' values and redraw (the callbacks)."""
        pruned = prune_tail(self.card, share=self.prune.value / 100, by=self.rank_by.value)
        slowed = what_if_launch_rate(self.card, rate=float(self.rate.value))
        pruned.loc[1, "scenario"] = f"prune {self.prune.value}% by {self.rank_by.value.replace('_', ' ')}"
        self.rows = pd.concat([pruned, slowed.iloc[[1]]], ignore_index=True)
        self.table.value = lens_table_html(self.rows)
        key = (self.prune.value, self.rank_by.value, float(self.rate.value))
        if key not in self._png:
            self._png[key] = self.chart.png(self.rows)
        self.image.value = self._png[key]


def portfolio_widget(card: pd.DataFrame, *, prune: int = 30, rate: float = 1.0,
                     rank_by: str = "revenue") -> PortfolioWhatIf:
    """Build the what-if widget of notebook 05: prune the tail or change the launch rate, see both lenses.

    Parameters
    ----------
    card : pandas.DataFrame
        From :func:`casekit.models.innovation.product_scorecard` (computed once).
    prune : int, default=30
        Starting percent of SKUs pruned (a multiple of 5 up to 40).
    rate : float, default=1.0
        Starting launch rate (today = 1).
    rank_by : {"revenue", "gross_margin", "company_profit"}, default="revenue"
        What ranks the tail.

    Returns
    -------
    PortfolioWhatIf
        Set ``.prune.value``, ``.rank_by.value`` or ``.rate.value`` and read
        ``.rows`` (columns ``scenario``, ``skus``, ``launches``, ``cases``,
        ``revenue``, ``gross_margin``, ``cost_to_serve``, ``net_profit``,
        ``complexity_cost``, ``company_profit``, ``complexity_saved_pct``).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.innovation import product_scorecard
    >>> card = product_scorecard(co, pnl)
    >>> w = portfolio_widget(card, prune=20)
    >>> w.rows["scenario"].tolist()
    ['today', 'prune 20% by revenue', 'launch rate x1']
    >>> w.rate.value = 0.5
    >>> w.rows.loc[2, "scenario"], bool(w.rows.loc[2, "skus"] < w.rows.loc[0, "skus"])
    ('launch rate x0.5', True)
    """
    _check_card(card, "portfolio_widget")
    if rank_by not in ("revenue", "gross_margin", "company_profit"):
        raise ValueError(f"portfolio_widget: rank_by={rank_by!r}; use 'revenue', 'gross_margin' or 'company_profit'.")
    w = PortfolioWhatIf(card=card, chart=_ChangeChart(_change_limit(card)))
    style = {"description_width": "initial"}
    w.prune = widgets.IntSlider(value=prune, min=0, max=40, step=5, description="Prune the tail (% of SKUs)",
                                continuous_update=False, style=style, layout=widgets.Layout(width="480px"))
    w.rank_by = widgets.Dropdown(options=[("revenue", "revenue"), ("gross margin (PM lens)", "gross_margin"),
                                          ("company profit", "company_profit")], value=rank_by,
                                 description="tail ranked by", style=style)
    w.rate = widgets.FloatSlider(value=rate, min=0, max=2, step=0.25, description="Launch rate (today = 1)",
                                 continuous_update=False, readout_format=".2f", style=style,
                                 layout=widgets.Layout(width="480px"))
    w.table = widgets.HTML()
    w.image = widgets.Image(format="png", layout=widgets.Layout(width="720px"))
    w.widget = widgets.VBox([widgets.HBox([w.prune, w.rank_by]), w.rate, w.table, w.image])
    for control in (w.prune, w.rank_by, w.rate):
        control.observe(w.update, names="value")
    w.update()
    return w


def bench_hooks():
    """Return the update paths timed by benchmarks/bench_widgets.py.

    Internal plumbing for the benchmarks (builds the widget on the
    ``"precision"`` case).

    Returns
    -------
    list of (str, callable, list)
        ``(label, function, values)``: calling ``function(v)`` for each ``v``
        moves one control of the portfolio widget.

    Examples
    --------
    >>> hooks = bench_hooks()
    >>> [label.split(":")[0] for label, _, _ in hooks]
    ['05 portfolio', '05 portfolio', '05 portfolio']
    >>> _, move_prune, values = hooks[0]
    >>> move_prune(values[0]) is None
    True
    """
    from casekit.case.datasets import load_case
    from casekit.costing.engine import cost_to_serve
    from casekit.models.innovation import product_scorecard

    co = load_case("precision")
    w = portfolio_widget(product_scorecard(co, cost_to_serve(co)))

    def move_prune(v):
        w.prune.value = v

    def move_rate(v):
        w.rate.value = v

    prunes = [0, 5, 10, 20, 25, 30, 35, 40, 15]
    rates = [0.0, 0.25, 0.5, 0.75, 1.25, 1.5, 1.75, 2.0, 1.0]
    return [("05 portfolio: prune slider (first visits)", move_prune, prunes),
            ("05 portfolio: launch-rate slider (first visits)", move_rate, rates),
            ("05 portfolio: prune slider (revisits)", move_prune, prunes)]
