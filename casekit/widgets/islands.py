"""Widgets of notebook 02 (idea I7): predictions, segment cut-offs, profit-map explorer.

Everything that does not depend on a widget's value (customer and
customer x product P&Ls) is computed once when the factory runs; callbacks
filter those frames and redraw.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import ipywidgets as widgets
import numpy as np
import pandas as pd

from casekit.analysis.profitability import SEGMENT_PRESCRIPTIONS, SEGMENTS, profit_by, segment_customers, whale_curve
from casekit.plots.profitability import plot_segments
from casekit.plots.style import money
from casekit.widgets.blit import BlitFigure
from casekit.widgets.guesses import guess_choice, guess_number
from casekit.widgets.markup import money_html
from casekit.widgets.view import WidgetView

__all__ = ["predictions", "SegmentSliders", "segment_sliders", "ProfitMapExplorer", "profit_map_explorer",
           "account_pnl"]

ALL = "(all)"


def predictions(company, pnl, *, n_options: int = 8):
    """Build the two guesses of notebook 02, answers computed from the case.

    Parameters
    ----------
    company : Company
        The company (its customer names label the choices).
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    n_options : int, default=8
        How many of the largest customers by revenue are offered.

    Returns
    -------
    (Guess, Guess)
        The share of customers losing money (%), and the most profitable
        customer, chosen among the ``n_options`` largest by revenue plus the
        right one.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> share, which = predictions(co, pnl, n_options=4)
    >>> share.kind, which.kind, which.truth in which.entry.options
    ('number', 'choice', True)
    >>> share.entry.value = 20
    >>> share.record()
    >>> share.reveal()
    >>> share.revealed, len(share.records)
    (True, 1)
    """
    curve = whale_curve(pnl)
    names = company.customers.set_index(company.customers["customer_id"].astype(object))["customer_name"]
    cust = profit_by(pnl)
    best = str(names[cust["customer_id"].astype(object).iloc[0]])
    big = cust.nlargest(n_options, "revenue")["customer_id"].astype(object)
    options = sorted({str(names[c]) for c in big} | {best})
    share = guess_number("What share of Beacon's customers lose money once cost to serve is counted?",
                         truth=curve.attrs["loss_share"], unit="%")
    which = guess_choice("Which of these customers earns Beacon the most net profit?", options=options,
                         truth=best)
    return share, which


# --------------------------------------------------------------------------
# Peaks / Drains / Deserts with sliders
# --------------------------------------------------------------------------

@dataclass
class SegmentSliders(WidgetView):
    """Hold the revenue and profit cut-off sliders; state ``segments`` (the frame of segment_customers).

    Built by :func:`segment_sliders`; :meth:`update` is the sliders' callback.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    company : Company, optional
        The company (kept for callers; not used to segment).

    Attributes
    ----------
    widget : ipywidgets.VBox
        Display this.
    revenue_cut, profit_cut : ipywidgets.SelectionSlider
        The cut-offs ($); set ``.value`` to move them.
    table : ipywidgets.HTML
        Customers and net profit per segment, with Byrnes's prescriptions.
    image : ipywidgets.Image
        The segment scatter for the current cut-offs.
    segments : pandas.DataFrame
        :func:`casekit.segment_customers` at the current cut-offs.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> s = segment_sliders(pnl)
    >>> isinstance(s, SegmentSliders), "segment" in s.segments.columns
    (True, True)
    >>> before = s.segments
    >>> s.update()
    >>> s.segments is not before, before["segment"].tolist() == s.segments["segment"].tolist()
    (True, True)
    """

    pnl: pd.DataFrame
    company: object = None
    customers: pd.DataFrame = None
    widget: widgets.VBox = None
    revenue_cut: widgets.SelectionSlider = None
    profit_cut: widgets.SelectionSlider = None
    table: widgets.HTML = None
    image: widgets.Image = None
    segments: pd.DataFrame = None
    _png: dict = field(default_factory=dict)
    _canvas: object = None
    _axes: object = None
    _moving: list = field(default_factory=list)

    def update(self, *_):
        """Re-segment at the sliders' cut-offs and redraw."""
        if self.customers is None:
            self.customers = profit_by(self.pnl)
        self.segments = segment_customers(self.customers, revenue_cut=self.revenue_cut.value,
                                          profit_cut=self.profit_cut.value)
        counts = self.segments["segment"].value_counts()
        total = float(self.segments["net_profit"].sum())
        rows = "".join(
            f"<tr><td><b>{s}s</b></td><td class='n-{s.split()[1].lower()}'>{int(counts.get(s, 0))}</td>"
            f"<td>{money_html(float(self.segments.loc[self.segments['segment'] == s, 'net_profit'].sum()))}</td>"
            f"<td style='font-size:12px'>{html.escape(SEGMENT_PRESCRIPTIONS[s])}</td></tr>" for s in SEGMENTS)
        self.table.value = (f"<table style='font-size:14px'><tr><th>Segment</th><th>Customers</th>"
                            f"<th>Net profit (total {money_html(total)})</th><th>Byrnes prescribes</th></tr>"
                            f"{rows}</table>")
        key = (self.revenue_cut.value, self.profit_cut.value)
        if key not in self._png:  # drawn once per pair of cut-offs
            self._png[key] = self._draw()
        self.image.value = self._png[key]


    def _draw(self) -> bytes:
        # The customers never move when a cut-off does, only their colours,
        # the cut lines, the legend and the title; the axes, ticks and grid
        # are rendered once and the rest is drawn over them (~10 ms instead
        # of ~120 ms for the whole figure).
        if self._canvas is None:
            self._canvas = BlitFigure(figsize=(10, 5.5), dpi=60)
            self._axes = self._canvas.reset()
            self._canvas.figure.subplots_adjust(left=0.11, right=0.97, top=0.9, bottom=0.12)
        ax = self._axes
        for artist in self._moving:
            artist.remove()
        before = set(ax.get_children())
        plot_segments(self.segments, ax=ax)
        # Drawn over the background in z-order, as a full render would.
        self._moving = sorted((a for a in ax.get_children() if a not in before), key=lambda a: a.get_zorder())
        for artist in (*self._moving, ax.title):
            artist.set_animated(True)
        if self._canvas.background is None:
            ax.set_xlim(ax.get_xlim())
            ax.set_ylim(ax.get_ylim())
            self._canvas.freeze()
        return self._canvas.png([*self._moving, ax.title], remove_previous=False)


def segment_sliders(pnl, *, company=None) -> SegmentSliders:
    """Build Byrnes's Peaks/Drains/Deserts with the revenue and profit cut-offs on sliders.

    The revenue cut runs over customers' revenue quantiles (starting at the
    median); the profit cut over -$50K..$50K (starting at $0).

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    company : Company, optional
        The company, kept on the widget.

    Returns
    -------
    SegmentSliders
        Already segmented at the starting cut-offs; ``segments`` follows the
        sliders.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> s = segment_sliders(pnl)
    >>> s.profit_cut.value
    0.0
    >>> peaks = int((s.segments["segment"] == "Profit Peak").sum())
    >>> s.profit_cut.value = 50000.0
    >>> int((s.segments["segment"] == "Profit Peak").sum()) <= peaks
    True
    """
    cust = profit_by(pnl)
    qs = np.unique(np.round(np.quantile(cust["revenue"], np.linspace(0.1, 0.9, 17)), -3))
    # Exactly the median, so the starting segments are segment_customers' defaults.
    median = float(cust["revenue"].median())
    rev_opts = sorted(set(qs.tolist()) | {median})
    s = SegmentSliders(pnl=pnl, company=company)
    s.revenue_cut = widgets.SelectionSlider(options=[(money(v, unit="K") + (" (median)" if v == median else ""), v)
                                                     for v in rev_opts], value=median,
                                            description="Revenue cut", continuous_update=False,
                                            style={"description_width": "initial"},
                                            layout=widgets.Layout(width="480px"))
    s.profit_cut = widgets.SelectionSlider(options=[(money(v, unit="K"), float(v)) for v in
                                                    range(-50_000, 50_001, 10_000)], value=0.0,
                                           description="Profit cut", continuous_update=False,
                                           style={"description_width": "initial"},
                                           layout=widgets.Layout(width="480px"))
    s.table = widgets.HTML()
    s.image = widgets.Image(format="png")
    s.widget = widgets.VBox([s.revenue_cut, s.profit_cut, s.table, s.image])
    s.revenue_cut.observe(s.update, names="value")
    s.profit_cut.observe(s.update, names="value")
    s.update()
    return s


# --------------------------------------------------------------------------
# Profit-map explorer
# --------------------------------------------------------------------------

def _best_and_worst(products: pd.DataFrame, n: int) -> pd.DataFrame:
    """The n most and n least profitable rows (all rows if there are at most 2n): a Drain shows its losers."""
    if len(products) <= 2 * n:
        return products
    return pd.concat([products.head(n), products.tail(n)])


def account_pnl(cells: pd.DataFrame, customer_id) -> tuple[pd.Series, pd.DataFrame]:
    """Return one customer's account P&L (summed) and its products, most profitable first.

    Parameters
    ----------
    cells : pandas.DataFrame
        The customer x product P&L, ``ck.profit_by(pnl, ["customer_id",
        "product_id"])``.
    customer_id : str
        The customer.

    Returns
    -------
    (pandas.Series, pandas.DataFrame)
        The account's totals of ``revenue``, ``cogs``, ``gross_margin``, each
        ``cost_*`` activity, ``cost_to_serve`` and ``net_profit`` ($); and the
        customer's rows of ``cells``, by ``net_profit`` descending.

    Raises
    ------
    ValueError
        If the customer has no lines.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> cells = ck.profit_by(pnl, ["customer_id", "product_id"])
    >>> total, products = account_pnl(cells, "C0001")
    >>> "net_profit" in total.index, bool(products["net_profit"].is_monotonic_decreasing)
    (True, True)
    >>> bool(abs(total["net_profit"] - products["net_profit"].sum()) < 1e-6)
    True
    """
    rows = cells[cells["customer_id"] == customer_id]
    if rows.empty:
        raise ValueError(f"account_pnl: customer {customer_id!r} has no lines.")
    money = [c for c in rows.columns if c in ("revenue", "cogs", "gross_margin", "cost_to_serve", "contribution",
                                              "overheads", "net_profit")
             or (c.startswith("cost_") and c not in ("cost_to_serve", "cost_to_serve_pct"))]
    return rows[money].sum(), rows.sort_values("net_profit", ascending=False)


@dataclass
class ProfitMapExplorer(WidgetView):
    """Hold the filters and a customer picker; state ``selected`` (customers passing the filters).

    Built by :func:`profit_map_explorer`; :meth:`filter` and :meth:`show` are
    the dropdowns' callbacks.

    Parameters
    ----------
    customers : pandas.DataFrame
        Segmented customers (with ``segment``, ``channel_of_trade``,
        ``region``, ``order_channel``), most profitable first.
    cells : pandas.DataFrame
        The customer x product P&L with ``product_name``.

    Attributes
    ----------
    widget : ipywidgets.VBox
        Display this.
    filters : dict of ipywidgets.Dropdown
        One per column above; "(all)" keeps every value.
    customer : ipywidgets.Dropdown
        The customer shown.
    summary, account : ipywidgets.HTML
        The selection's totals; the customer's account P&L and products.
    selected : pandas.DataFrame
        The rows of ``customers`` passing the filters.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> e = profit_map_explorer(pnl, co)
    >>> isinstance(e, ProfitMapExplorer), len(e.selected) == len(e.customers)
    (True, True)
    >>> e.customer.value = e.customers["customer_id"].iloc[-1]
    >>> "Account P&amp;L" in e.account.value
    True
    """

    customers: pd.DataFrame
    cells: pd.DataFrame
    widget: widgets.VBox = None
    filters: dict = field(default_factory=dict)
    customer: widgets.Dropdown = None
    summary: widgets.HTML = None
    account: widgets.HTML = None
    selected: pd.DataFrame = None

    def filter(self, *_):
        """Apply the filters, refill the customer list (most profitable first) and redraw."""
        sel = self.customers
        for col, dd in self.filters.items():
            if dd.value != ALL:
                sel = sel[sel[col].astype(object) == dd.value]
        self.selected = sel
        losing = int((sel["net_profit"] < 0).sum())
        self.summary.value = (f"<b class='n-selected'>{len(sel)}</b> customers · net profit "
                              f"{money_html(float(sel['net_profit'].sum()))} · {losing} losing money")
        opts = [(f"{r.customer_name} ({r.customer_id}) {money(r.net_profit, unit='K')}", r.customer_id)
                for r in sel.itertuples()]
        self.customer.options = opts or [("(no customer matches)", None)]
        if opts and self.customer.value not in sel["customer_id"].values:
            self.customer.value = opts[0][1]
        self.show()

    def show(self, *_):
        """Draw the selected customer's account P&L down to its products."""
        cid = self.customer.value
        if cid is None:
            self.account.value = "Loosen the filters to see an account."
            return
        total, products = account_pnl(self.cells, cid)
        lines = "".join(f"<tr><td>{k.replace('cost_', '− ').replace('_', ' ')}</td><td align='right'>"
                        f"{money_html(float(v))}</td></tr>" for k, v in total.items())
        prod = "".join(f"<tr><td>{html.escape(str(r.product_name))}</td><td align='right'>{money_html(r.revenue)}</td>"
                       f"<td align='right'>{money_html(r.cost_to_serve)}</td>"
                       f"<td align='right'>{money_html(r.net_profit)}</td></tr>"
                       for r in _best_and_worst(products, 8).itertuples())
        n_red = int((products["net_profit"] < 0).sum())
        shown = "all shown" if len(products) <= 16 else "8 best and 8 worst shown"
        self.account.value = (
            f"<div style='display:flex;gap:30px;font-size:13px'><table><tr><th colspan=2>Account P&amp;L "
            f"{html.escape(str(cid))}: <span class='acct-profit'>{money_html(float(total['net_profit']))}</span>"
            f"</th></tr>{lines}</table>"
            f"<table><tr><th>Product ({len(products)}, {n_red} losing; {shown})</th><th>Revenue</th>"
            f"<th>Cost to serve</th><th>Net profit</th></tr>{prod}</table></div>")


def profit_map_explorer(pnl, company, *, revenue_cut=None, profit_cut=0.0) -> ProfitMapExplorer:
    """Build the explorer: filter by segment, channel of trade, region and order channel; pick a customer.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    company : Company
        The company (customers' order channel, product names).
    revenue_cut : float, optional
        Revenue cut-off of :func:`casekit.segment_customers`.
    profit_cut : float, default=0.0
        Net-profit cut-off.

    Returns
    -------
    ProfitMapExplorer
        With every customer selected and the most profitable one shown.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> e = profit_map_explorer(pnl, co)
    >>> sorted(e.filters)
    ['channel_of_trade', 'order_channel', 'region', 'segment']
    >>> e.filters["segment"].value = "Profit Peak"
    >>> bool((e.selected["segment"] == "Profit Peak").all()), len(e.selected) < len(e.customers)
    (True, True)
    """
    seg = segment_customers(pnl, revenue_cut=revenue_cut, profit_cut=profit_cut, company=company)
    cust = company.customers[["customer_id", "order_channel"]].astype({"customer_id": object})
    seg = seg.assign(customer_id=seg["customer_id"].astype(object)).merge(cust, on="customer_id", how="left")
    cells = profit_by(pnl, ["customer_id", "product_id"])
    cells["customer_id"] = cells["customer_id"].astype(object)
    names = company.products.set_index(company.products["product_id"].astype(object))["product_name"]
    cells["product_name"] = cells["product_id"].astype(object).map(names)
    e = ProfitMapExplorer(customers=seg.sort_values("net_profit", ascending=False).reset_index(drop=True),
                          cells=cells)
    for col, label in (("segment", "Segment"), ("channel_of_trade", "Channel"), ("region", "Region"),
                       ("order_channel", "Orders by")):
        values = sorted(seg[col].astype(object).dropna().unique(), key=str)
        e.filters[col] = widgets.Dropdown(options=[ALL] + values, value=ALL, description=label)
        e.filters[col].observe(e.filter, names="value")
    e.customer = widgets.Dropdown(description="Customer", layout=widgets.Layout(width="520px"))
    e.customer.observe(e.show, names="value")
    e.summary = widgets.HTML()
    e.account = widgets.HTML()
    e.widget = widgets.VBox([widgets.HBox(list(e.filters.values())[:2]), widgets.HBox(list(e.filters.values())[2:]),
                             e.summary, e.customer, e.account])
    e.filter()
    return e
