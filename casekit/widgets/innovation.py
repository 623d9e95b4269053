"""The what-if widget of notebook 05 (ideas I1, I4, I14): prune the tail or slow the launch stream.

:func:`portfolio_widget` lets a class prune the tail or slow the launch
stream and watch the product managers' lens and the company's lens side by
side.  The scorecard is built once; each slider move calls
:func:`~casekit.models.innovation.prune_tail` or
:func:`~casekit.models.innovation.what_if_launch_rate` (a few ms) and swaps a
cached chart.  The exhibits are in :mod:`casekit.plots.innovation`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import ipywidgets as widgets
import numpy as np
import pandas as pd

from casekit.models.innovation import prune_tail, what_if_launch_rate
from casekit.models.launches import check_scorecard
from casekit.plots.innovation import CHANGE_COLUMNS, change_artists, draw_change_frame
from casekit.plots.style import DARK, RED, money, percent
from casekit.validation import check_choice
from casekit.widgets.blit import BlitFigure
from casekit.widgets.view import WidgetView

__all__ = ["lens_table_html", "PortfolioWhatIf", "portfolio_widget"]


def _cell(x: float, *, bold=False, cls="") -> str:
    color = RED if x < 0 else DARK
    text = money(x, unit="K")
    text = f"<b>{text}</b>" if bold else text
    return f"<td class='{cls}' style='text-align:right;color:{color}'>{text}</td>"


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
                 f"{percent(r.complexity_saved_pct)}</td></tr>")
    return f"<table class='ck-lenses' style='font-size:14px;border-spacing:10px 2px'>{head}{body}</table>"


def _change_limit(card: pd.DataFrame) -> float:
    """Largest change against today either lens can show over the sliders' range (fixes the x axis)."""
    rows = [prune_tail(card, share=0.4, by=by) for by in ("revenue", "gross_margin", "company_profit")]
    rows += [what_if_launch_rate(card, rate=r) for r in (0.0, 2.0)]
    cols = [c for c, _ in CHANGE_COLUMNS]
    return max(1.0, max(float(np.abs(r.loc[1, cols].to_numpy(dtype=float) - r.loc[0, cols].to_numpy(dtype=float)).max())
                        for r in rows))


class _ChangeChart:
    """The what-if chart: its frame rendered once, the bars redrawn on each move (~10 ms instead of ~200 ms)."""

    def __init__(self, limit: float):
        self.blit = BlitFigure(figsize=(10, 3.6))
        self.ax = self.blit.reset()
        self.blit.figure.subplots_adjust(left=0.14, right=0.98, top=0.86, bottom=0.16)
        draw_change_frame(self.ax, limit)
        self.blit.freeze()

    def png(self, rows: pd.DataFrame) -> bytes:
        return self.blit.png(change_artists(self.ax, rows))


@dataclass
class PortfolioWhatIf(WidgetView):
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
    check_scorecard(card, func="portfolio_widget")
    check_choice(rank_by, "rank_by", choices=("revenue", "gross_margin", "company_profit"), func="portfolio_widget")
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
