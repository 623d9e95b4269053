"""Levers what-if widget (notebook 04, I12): pull the levers on one Profit Drain."""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as W

import casekit.models.levers as lv
from casekit.analysis.profitability import segment_customers
from casekit.costing.engine import cost_to_serve
from casekit.models.dropping import drains_table
from casekit.plots.levers import lever_move_artists, lever_move_title, plot_lever_move
from casekit.plots.style import GREEN, RED, money
from casekit.widgets.blit import BlitFigure
from casekit.widgets.view import WidgetView

__all__ = ["lever_widget", "LeverState", "result_html"]


def _dollars(x: float) -> str:
    return money(x, unit="dollar")


def _price(x: float) -> str:
    return money(x, unit="dollar", decimals=2)


def result_html(result) -> str:
    """Write the numbers that move as an HTML table: today, with the levers, change.

    Parameters
    ----------
    result : pandas.DataFrame
        The frame from :func:`casekit.models.levers.what_if` (rows ``revenue``,
        ``cases``, ``orders``, ``deliveries``, ``cost_to_serve``,
        ``cost_to_serve_per_case``, ``net_profit``; columns ``today``,
        ``with_levers``, ``change``).

    Returns
    -------
    str
        The finding (:func:`casekit.plots.levers.lever_move_title`) and the table.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> h = result_html(lv.what_if(co, "C0025", move_to_edi=1.0))
    >>> h.startswith("<div class='ck-lever-title'"), "ck-after-net_profit" in h, h.endswith("</table>")
    (True, True, True)
    """
    rows = [("Revenue", "revenue", _dollars), ("Cases", "cases", lambda v: f"{v:,.0f}"),
            ("Orders", "orders", lambda v: f"{v:,.0f}"), ("Deliveries (drops)", "deliveries", lambda v: f"{v:,.0f}"),
            ("Cost to serve", "cost_to_serve", _dollars),
            ("Cost to serve per case", "cost_to_serve_per_case", _price),
            ("Net profit", "net_profit", _dollars)]
    title = lever_move_title(result)
    color = RED if result.loc["net_profit", "with_levers"] < 0 else GREEN
    out = [f"<div class='ck-lever-title' style='font-size:17px;font-weight:bold;color:{color};margin:4px 0'>"
           f"{title.replace('->', '&rarr;')}</div>",
           "<table style='font-size:15px;border-collapse:collapse'>",
           "<tr><th style='text-align:left;padding:2px 10px'></th><th style='padding:2px 10px'>today</th>"
           "<th style='padding:2px 10px'>with the levers</th><th style='padding:2px 10px'>change</th></tr>"]
    for label, key, fmt in rows:
        a, b, c = (result.loc[key, k] for k in ("today", "with_levers", "change"))
        color = RED if (key == "net_profit" and b < 0) else "inherit"
        out.append(f"<tr><td style='padding:2px 10px'>{label}</td><td style='text-align:right;padding:2px 10px'>"
                   f"{fmt(a)}</td><td class='ck-after-{key}' style='text-align:right;padding:2px 10px;color:{color}'>"
                   f"<b>{fmt(b)}</b></td><td style='text-align:right;padding:2px 10px'>{fmt(c)}</td></tr>")
    out.append("</table>")
    return "".join(out)


@dataclass
class LeverState(WidgetView):
    """Hold what the lever widget shows: the model of the chosen account and the latest result.

    Built by :func:`lever_widget`; :meth:`update` is the controls' callback.

    Parameters
    ----------
    company : Company
        The company whose accounts are shown.
    rates : RateCard or None
        The rate card (the default card when None).
    segments : pandas.DataFrame
        :func:`casekit.segment_customers` output (the profit map).
    controls : dict of str -> ipywidgets.Widget
        One slider per lever of :data:`casekit.models.levers.LEVER_DEFAULTS`.
    customer : ipywidgets.Dropdown
        The Profit Drain shown.
    table : ipywidgets.HTML
        :func:`result_html` of the latest result.
    image : ipywidgets.Image
        The profit map (PNG).
    canvas : BlitFigure
        Renders the profit map.
    model : casekit.models.levers.AccountModel, optional
        The chosen account's model (built on the first update).
    result : pandas.DataFrame, optional
        The latest :meth:`casekit.models.levers.AccountModel.what_if` frame.
    history : list of float
        Net profit with the levers after each update.
    widget : ipywidgets.VBox
        Display this.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> state = lever_widget(co, pnl)
    >>> isinstance(state, LeverState), state.model.customer_id == state.customer.value
    (True, True)
    >>> state.levers()["move_to_edi"]
    0.0
    >>> state.controls["move_to_edi"].value = 100
    >>> state.levers()["move_to_edi"], len(state.history)
    (1.0, 2)
    """

    company: object
    rates: object
    segments: object
    controls: dict
    customer: W.Dropdown
    table: W.HTML
    image: W.Image
    canvas: BlitFigure
    model: lv.AccountModel = None
    result: object = None
    history: list = field(default_factory=list)
    widget: W.VBox = None

    def levers(self) -> dict:
        """The lever settings the controls show, as keyword arguments of ``what_if``."""
        c = self.controls
        dpw = c["deliveries_per_week"].value
        calls = c["sales_calls_per_year"].value
        return {
            "min_order_cases": c["min_order_cases"].value,
            "move_to_edi": c["move_to_edi"].value / 100,
            "deliveries_per_week": None if dpw <= 0 else dpw,
            "cut_rush": c["cut_rush"].value / 100,
            "payment_terms_days": c["payment_terms_days"].value or None,
            "sales_calls_per_year": calls if calls >= 0 else None,
            "price_change_pct": c["price_change_pct"].value,
            "allowance_change_pct": c["allowance_change_pct"].value,
        }

    def _new_account(self):
        self.model = lv.account_model(self.company, self.customer.value, self.rates)
        ax = self.canvas.reset()
        plot_lever_move(self.segments, None, ax=ax,
                           title=f"{self.customer.value} among Beacon's accounts (ring: today)")
        ax.set_xlim(*ax.get_xlim())
        ax.set_ylim(*ax.get_ylim())
        self.canvas.freeze()

    def update(self, *_):
        """Recompute the chosen account and redraw (the slider callback)."""
        if self.model is None or self.model.customer_id != self.customer.value:
            self._new_account()
        self.result = self.model.what_if(**self.levers())
        self.table.value = result_html(self.result)
        ax = self.canvas.figure.axes[0]
        self.image.value = self.canvas.png(lever_move_artists(ax, self.result, animated=True))
        self.history.append(float(self.result.loc["net_profit", "with_levers"]))


def lever_widget(company, pnl=None, *, customer_id=None, rates=None):
    """Build the levers what-if widget for the Profit Drains of a company.

    Parameters
    ----------
    company : Company
        From :func:`casekit.make_company` or :func:`casekit.load_case`.
    pnl : pandas.DataFrame, optional
        The company's line P&L (computed when omitted).
    customer_id : str, optional
        The account shown first; by default the largest Profit Drain whose
        dropping would cut company profit.
    rates : RateCard, optional
        The default rate card when omitted.

    Returns
    -------
    LeverState
        Displays as its widget tree (``.widget``); set a control's ``.value``
        and read ``.result`` (the :meth:`casekit.models.levers.AccountModel.what_if`
        frame) or ``.table.value``.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> state = lever_widget(co, pnl, customer_id="C0025")
    >>> type(state.widget).__name__, state.customer.value
    ('VBox', 'C0025')
    >>> state.controls["price_change_pct"].value = 2.0
    >>> r = state.result
    >>> bool(r.loc["revenue", "with_levers"] > r.loc["revenue", "today"])
    True
    """
    pnl = cost_to_serve(company, rates) if pnl is None else pnl
    seg = segment_customers(pnl)
    drains = drains_table(pnl)
    options = [(f"{r.customer_id}  (net {_dollars(r.net_profit)})", r.customer_id) for r in drains.itertuples()]
    ids = [o[1] for o in options]
    if customer_id is None and not ids:
        # No account loses money on contribution: start on the large account that earns least.
        by = pnl.groupby("customer_id", observed=True)[["revenue", "net_profit"]].sum()
        customer_id = str(by.loc[by["revenue"] >= by["revenue"].median(), "net_profit"].idxmin())
    if customer_id is None:  # the largest Drain that dropping would make worse
        hurts = drains.loc[drains["dropping_hurts"], "customer_id"]
        customer_id = hurts.iloc[0] if len(hurts) else ids[0]
    elif str(customer_id) not in ids:
        options.insert(0, (str(customer_id), str(customer_id)))
    style = {"description_width": "210px"}
    layout = W.Layout(width="500px")

    def slider(kind, value, lo, hi, step, text):
        return kind(value=value, min=lo, max=hi, step=step, description=text, style=style, layout=layout,
                    continuous_update=False)

    controls = {
        "min_order_cases": slider(W.IntSlider, 0, 0, 400, 10, "Minimum order (cases)"),
        "move_to_edi": slider(W.IntSlider, 0, 0, 100, 10, "Manual orders to EDI (%)"),
        "deliveries_per_week": slider(W.FloatSlider, 0, 0, 3, 0.25, "Max drops/week (0 = as is)"),
        "cut_rush": slider(W.IntSlider, 0, 0, 100, 10, "Rush orders to standard (%)"),
        "payment_terms_days": slider(W.IntSlider, 0, 0, 60, 5, "Payment terms, days (0 = as is)"),
        "sales_calls_per_year": slider(W.IntSlider, -1, -1, 52, 1, "Sales calls/yr (-1 = as is)"),
        "price_change_pct": slider(W.FloatSlider, 0, -5, 5, 0.5, "Invoice price change (%)"),
        "allowance_change_pct": slider(W.IntSlider, 0, -100, 0, 10, "Trade allowance change (%)"),
    }
    customer = W.Dropdown(options=options, value=str(customer_id), description="Profit Drain", style=style,
                          layout=layout)
    state = LeverState(company=company, rates=rates, segments=seg, controls=controls, customer=customer,
                       table=W.HTML(), image=W.Image(format="png", layout=W.Layout(width="612px")), canvas=BlitFigure())
    for w in [customer, *controls.values()]:
        w.observe(state.update, names="value")
    state.update()
    state.widget = W.VBox([W.HBox([W.VBox([customer, *controls.values()]), state.table]), state.image])
    return state
