"""The operations-timing widget of notebook 07 (idea I9) and the account the notebook follows.

A slider picks the quarter operations joins the key-account team and the
account's quarters are redrawn against "sales first, supply chain last".
Every path is computed once when the widget is built (a few ms each), so a
slider move only redraws the moving lines.  The exhibits are in
:mod:`casekit.plots.alliance`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as W
import pandas as pd

import casekit.models.account_development as ad
from casekit.plots.alliance import draw_ops_timing_frame, ops_timing_artists
from casekit.plots.style import RED, money, percent
from casekit.validation import check_int
from casekit.widgets.blit import BlitFigure
from casekit.widgets.view import WidgetView

__all__ = ["paths_table_html", "OpsTiming", "ops_timing_widget"]


def _dollars(x: float) -> str:
    return money(x, unit="dollar")


def _price(x: float) -> str:
    return money(x, unit="dollar", decimals=2)


# --------------------------------------------------------------------------- the account
def paths_table_html(path: pd.DataFrame, reference: pd.DataFrame) -> str:
    """Return an HTML table of one path's totals against the reference path (sales first).

    Parameters
    ----------
    path : pandas.DataFrame
        One path of :func:`casekit.models.account_development.account_paths` or
        :func:`casekit.models.account_development.develop_account` (quarters as rows).
    reference : pandas.DataFrame
        The "sales first, supply chain last" path, same columns.

    Returns
    -------
    str
        A ``<table>``: customer's profit, your sales, sales growth, cost to
        serve per case, project cost and your profit on the reference, on
        ``path`` and the change.

    Examples
    --------
    >>> import casekit.models.account_development as ad
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> paths = ad.account_paths(company, cost_to_serve(company))
    >>> late, early = (paths[paths["path"] == p] for p in ad.PATHS[:2])
    >>> html = paths_table_html(early, late)
    >>> html.startswith("<table"), "ck-ops-your_profit" in html
    (True, True)
    """
    both = pd.concat([reference.assign(path="ref"), path.assign(path="now")], ignore_index=True)
    t = ad.path_totals(both)
    ref, now = t.loc["ref"], t.loc["now"]
    rows = [("Customer's profit from your products", "customer_profit", _dollars),
            ("Your sales", "your_revenue", _dollars),
            ("Your sales growth, first to last quarter", "sales_growth_pct",
             lambda v: percent(v, decimals=1, signed=True)),
            ("Your cost to serve per case, last quarter", "final_cost_to_serve_per_case", _price),
            ("Operations project cost", "ops_project_cost", _dollars),
            ("Your profit", "your_profit", _dollars)]
    joins = path.loc[path["ops_engaged"], "quarter"]
    head = (f"operations joins in quarter {int(joins.min())}" if len(joins) else "operations never joins")
    out = ["<table style='font-size:15px;border-collapse:collapse'>",
           f"<tr><th style='text-align:left;padding:2px 10px'>over {len(path)} quarters</th>"
           f"<th style='padding:2px 10px'>sales first, supply chain last</th>"
           f"<th style='padding:2px 10px'>{head}</th><th style='padding:2px 10px'>change</th></tr>"]
    for label, key, fmt in rows:
        a, b = float(ref[key]), float(now[key])
        color = RED if (key == "your_profit" and b < 0) else "inherit"
        out.append(f"<tr><td style='padding:2px 10px'>{label}</td>"
                   f"<td style='text-align:right;padding:2px 10px'>{fmt(a)}</td>"
                   f"<td class='ck-ops-{key}' style='text-align:right;padding:2px 10px;color:{color}'>"
                   f"<b>{fmt(b)}</b></td><td style='text-align:right;padding:2px 10px'>{fmt(b - a)}</td></tr>")
    out.append("</table>")
    return "".join(out)


@dataclass
class OpsTiming(WidgetView):
    """Hold the state of the operations-timing widget (I9), built by :func:`ops_timing_widget`.

    Attributes
    ----------
    widget : ipywidgets.VBox
        Display this.
    slider : ipywidgets.IntSlider
        The quarter operations joins; set ``.value`` to move it.
    path : pandas.DataFrame
        :func:`casekit.models.account_development.develop_account` for the slider's quarter.
    reference : pandas.DataFrame
        The "sales first, supply chain last" path.
    totals : pandas.Series
        ``path_totals`` of ``path``.
    table : ipywidgets.HTML
        :func:`paths_table_html` of ``path``.
    image : ipywidgets.Image
        The four panels, the slider's path in green.
    history : list of float
        ``your_profit`` after each update.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> state = ops_timing_widget(company, pnl)
    >>> isinstance(state, OpsTiming), int(state.path["quarter"].max()) == state.slider.max
    (True, True)
    """

    customer_id: str
    slider: W.IntSlider
    table: W.HTML
    image: W.Image
    canvas: BlitFigure
    paths: dict
    reference: pd.DataFrame
    path: pd.DataFrame = None
    totals: pd.Series = None
    history: list = field(default_factory=list)
    widget: W.VBox = None

    def update(self, *_):
        """Show the path for the slider's quarter (the slider callback)."""
        self.path = self.paths[self.slider.value]
        self.totals = ad.path_totals(self.path).iloc[0]
        self.table.value = paths_table_html(self.path, self.reference)
        self.image.value = self.canvas.png(ops_timing_artists(self.canvas.figure.axes, self.path,
                                                                     ops_joins=self.slider.value))
        self.history.append(float(self.totals["your_profit"]))


def ops_timing_widget(company, pnl, *, customer_id=None, ops_joins=1, n_quarters=None):
    """Build the widget that moves the quarter operations joins the key-account team (I9).

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    customer_id : str, optional
        The account; :func:`casekit.models.account_development.key_account` by default.
    ops_joins : int, default=1
        The slider's first position.
    n_quarters : int, optional
        The horizon (the assumptions' ``n_quarters`` by default).

    Returns
    -------
    OpsTiming
        Displays as its widget tree (``.widget``); set ``.slider.value`` and
        read ``.totals`` or ``.table.value``.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> state = ops_timing_widget(company, pnl, ops_joins=1)
    >>> type(state.widget).__name__, state.slider.value
    ('VBox', 1)
    >>> before = state.table.value
    >>> state.slider.value = 6
    >>> state.table.value != before, len(state.history)
    (True, 2)
    """
    customer_id = ad.key_account(company, pnl) if customer_id is None else str(customer_id)
    ref = ad.account_paths(company, pnl, customer_id=customer_id, n_quarters=n_quarters)
    reference = ref[ref["path"] == ad.PATHS[0]].drop(columns="customer_id").reset_index(drop=True)
    reference["path"] = reference["path"].astype(str)
    n = int(reference["quarter"].max())
    check_int(ops_joins, "ops_joins", low=1, high=n, func="ops_timing_widget")
    paths = {q: ad.develop_account(company, pnl, ops_joins=q, customer_id=customer_id, n_quarters=n)
             for q in range(1, n + 1)}
    canvas = BlitFigure(figsize=(10.5, 6.6))
    draw_ops_timing_frame(canvas.figure, reference, paths, customer_id)
    canvas.freeze()
    slider = W.IntSlider(value=ops_joins, min=1, max=n, step=1, description="Operations joins in quarter",
                         style={"description_width": "200px"}, layout=W.Layout(width="520px"),
                         continuous_update=False)
    state = OpsTiming(customer_id=customer_id, slider=slider, table=W.HTML(),
                      image=W.Image(format="png", layout=W.Layout(width="760px")), canvas=canvas, paths=paths,
                      reference=reference)
    slider.observe(state.update, names="value")
    state.update()
    state.widget = W.VBox([slider, state.table, state.image])
    return state
