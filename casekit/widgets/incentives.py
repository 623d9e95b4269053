"""The incentive designer (notebook 08, idea I15): set a bonus plan, watch the reps respond.

Sliders set the weight of each metric in the reps' bonus plan and a cap on
the number of launch objectives; :func:`casekit.models.incentives.evaluate_plan`
runs the reps' response, and a scoreboard shows revenue, cost to serve,
profit and operations complexity against today's plan.  Today's plan and
the board with no pushes are computed once; a slider move runs one plan (~10 ms).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import ipywidgets as W
import pandas as pd

import casekit.models.incentives as inc
from casekit.plots.incentives import PUSH_LABELS
from casekit.plots.style import GREEN, RED, money
from casekit.widgets.view import WidgetView

__all__ = ["METRIC_LABELS", "IncentiveDesigner", "incentive_designer", "scoreboard_html"]

METRIC_LABELS = {"revenue": "Revenue", "gross_margin": "Gross margin",
                 "net_profit": "Net profit after cost to serve", "cost_to_serve_per_case": "Cost to serve per case",
                 "fit": "Fit (revenue that fits)", "objectives": "Launch objectives"}
"""Slider labels of the metrics of :data:`casekit.models.incentives.METRICS`."""

def _dollars(x: float) -> str:
    return money(x, unit="dollar")


def _price(x: float) -> str:
    return money(x, unit="dollar", decimals=2)


# (label, column, format, better when: +1 higher, -1 lower, 0 neither)
_ROWS = [("Revenue", "revenue", _dollars, 1), ("Cost to serve", "cost_to_serve", _dollars, -1),
         ("Cost to serve per case", "cost_to_serve_per_case", _price, -1),
         ("Launch objectives in the plan", "n_objectives", lambda v: f"{v:,.0f}", 0),
         ("Active SKUs (operations complexity)", "skus", lambda v: f"{v:,.0f}", -1),
         ("Complexity cost", "complexity_cost", _dollars, -1),
         ("Profit after cost to serve and complexity", "profit", _dollars, 1),
         ("Bonus paid to reps", "bonus_paid", _dollars, 0)]


TODAY_LABEL = "today's plan"
"""What the scoreboard calls today's plan (:data:`casekit.models.incentives.TODAYS_PLAN`)."""

NO_PUSH_LABEL = "no pushes"
"""What the scoreboard calls reps who push nothing, whatever the plan pays for."""


def scoreboard_html(row, todays_plan, no_pushes=None) -> str:
    """Return an HTML scoreboard: (no pushes), today's plan, your plan and its change vs today's plan.

    Parameters
    ----------
    row, todays_plan, no_pushes : pandas.Series or dict
        Rows of :func:`casekit.models.incentives.evaluate_plan` / ``compare_plans``
        (``no_pushes`` optional: its column is left out when None).

    Returns
    -------
    str
        A ``<table class='ck-scoreboard'>`` (revenue, cost to serve, launch
        objectives, active SKUs, complexity cost, profit, bonus paid; the
        change green when better, red when worse) and a line saying what the
        reps push.

    Examples
    --------
    >>> import casekit.models.incentives as inc
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> board = inc.compare_plans([inc.TODAYS_PLAN, inc.ALIGNED_PLAN], company, cost_to_serve(company))
    >>> html = scoreboard_html(board.iloc[2], board.iloc[1], board.iloc[0])
    >>> html.startswith("<table class='ck-scoreboard'"), "ck-change-profit" in html, html.count("<tr>")
    (True, True, 9)
    """
    # One name per baseline, each with a different everyday meaning: reps who push nothing, and today's plan.
    cols = ([(NO_PUSH_LABEL, no_pushes)] if no_pushes is not None else []) + \
        [(TODAY_LABEL, todays_plan), ("your plan", row)]
    th = "style='padding:2px 10px'"
    out = ["<table class='ck-scoreboard' style='font-size:15px;border-collapse:collapse'>",
           "<tr><th style='text-align:left;padding:2px 10px'></th>"
           + "".join(f"<th {th}>{html.escape(name)}</th>" for name, _ in cols)
           + f"<th {th}>change vs {TODAY_LABEL}</th></tr>"]
    for label, key, fmt, better in _ROWS:
        cells = []
        for name, r in cols:
            v = float(r[key])
            color = RED if (key == "profit" and v < 0) else "inherit"
            cls = f" class='ck-plan-{key}'" if name == "your plan" else ""
            bold = ("<b>", "</b>") if name == "your plan" else ("", "")
            cells.append(f"<td{cls} style='text-align:right;padding:2px 10px;color:{color}'>"
                         f"{bold[0]}{fmt(v)}{bold[1]}</td>")
        d = float(row[key]) - float(todays_plan[key])
        good = better * d
        color = GREEN if good > 1e-9 else RED if good < -1e-9 else "inherit"
        sign = "+" if d > 0 else ""
        text = f"{sign}{fmt(d)}" if d >= 0 else fmt(d)
        cells.append(f"<td class='ck-change-{key}' style='text-align:right;padding:2px 10px;color:{color}'>"
                     f"{text}</td>")
        out.append(f"<tr><td style='padding:2px 10px'>{label}</td>{''.join(cells)}</tr>")
    out.append("</table>")
    pushes = " · ".join(f"{PUSH_LABELS[p]} <b>{int(row[f'reps_{p}'])}</b>" for p in inc.PUSHES
                        if int(row[f"reps_{p}"]) > 0) or "none: nothing in the plan pays for a push"
    out.append(f"<div class='ck-pushes' style='font-size:15px;margin-top:6px'>What the reps push (number of "
               f"reps): {pushes}</div>")
    return "".join(out)


@dataclass
class IncentiveDesigner(WidgetView):
    """Hold the state of the incentive designer, built by :func:`incentive_designer`.

    Attributes
    ----------
    widget : ipywidgets.VBox
        Display this.
    weights : dict of str -> ipywidgets.IntSlider
        One slider (0-10) per metric of :data:`casekit.models.incentives.METRICS`.
    cap : ipywidgets.IntSlider
        Most launch objectives the plan carries (its maximum lets every live
        launch through, as today's plan does).
    scoreboard : ipywidgets.HTML
    message : ipywidgets.HTML
        Says what is wrong when no plan can be made (every weight at 0).
    todays_plan, no_pushes : pandas.Series
        Their scoreboard rows, computed once.
    row : pandas.Series
        The current plan's row of :func:`casekit.models.incentives.evaluate_plan`
        (``None`` while every weight is 0).
    history : list of float
        The plan's profit after each update.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit.models.incentives as inc
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> state = incentive_designer(company, pnl)
    >>> isinstance(state, IncentiveDesigner), sorted(state.weights) == sorted(inc.METRICS)
    (True, True)
    >>> for s in state.weights.values():
    ...     s.value = 0
    >>> state.plan() is None, state.row is None, "at least one metric" in state.message.value
    (True, True, True)
    """

    company: object
    pnl: pd.DataFrame
    seed: int
    weights: dict
    cap: W.IntSlider
    scoreboard: W.HTML
    message: W.HTML
    todays_plan: pd.Series
    no_pushes: pd.Series
    row: pd.Series = None
    history: list = field(default_factory=list)
    widget: W.VBox = None

    def plan(self) -> inc.BonusPlan | None:
        """The bonus plan the sliders show, or None when every weight is 0."""
        w = {m: s.value for m, s in self.weights.items() if s.value > 0}
        if not w:
            return None
        return inc.BonusPlan(w, max_objectives=int(self.cap.value), name="your plan")

    def update(self, *_):
        """Run the reps through the sliders' plan and refresh the scoreboard (the sliders' callback)."""
        plan = self.plan()
        if plan is None:
            self.row = None
            self.message.value = (f"<span style='color:{RED}'>Give at least one metric a weight: a plan that "
                                  "pays for nothing is not a plan.</span>")
            return
        self.message.value = ""
        self.row = inc.evaluate_plan(plan, self.company, self.pnl, seed=self.seed).iloc[0]
        self.scoreboard.value = scoreboard_html(self.row, self.todays_plan, self.no_pushes)
        self.history.append(float(self.row["profit"]))


def incentive_designer(company, pnl, *, seed=0, start=inc.TODAYS_PLAN, baseline=inc.TODAYS_PLAN):
    """Build the incentive-design widget: metric-weight sliders, an objective cap and a scoreboard.

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    seed : int, default=0
        The reps' misperceptions; the same for every plan, so plans compare fairly.
    start : BonusPlan, default=TODAYS_PLAN
        The plan the sliders show first.
    baseline : BonusPlan, default=TODAYS_PLAN
        The plan the scoreboard compares with.

    Returns
    -------
    IncentiveDesigner
        Displays as its widget tree (``.widget``); set a slider's ``.value``
        and read ``.row`` or ``.scoreboard.value``.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit.models.incentives as inc
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> state = incentive_designer(company, pnl)
    >>> type(state.widget).__name__, len(state.history)
    ('VBox', 1)
    >>> state.cap.value = 0
    >>> int(state.row["n_objectives"]), len(state.history)
    (0, 2)
    """
    if not isinstance(start, inc.BonusPlan) or not isinstance(baseline, inc.BonusPlan):
        raise TypeError("incentive_designer: start and baseline must be BonusPlan objects, e.g. "
                        f"casekit.models.incentives.TODAYS_PLAN; got {type(start).__name__} and "
                        f"{type(baseline).__name__}.")
    board = inc.compare_plans([baseline], company, pnl, seed=seed)
    no_push, todays_plan = board.iloc[0], board.iloc[1]
    live = int(inc.evaluate_plan(inc.BonusPlan({"revenue": 1}), company, pnl, seed=seed).loc[0, "n_objectives"])
    style = {"description_width": "200px"}
    layout = W.Layout(width="440px")
    norm = start.normalised()
    weights = {m: W.IntSlider(value=int(round(10 * norm[m])), min=0, max=10, step=1, description=METRIC_LABELS[m],
                              style=style, layout=layout, continuous_update=False) for m in inc.METRICS}
    cap_value = live if start.max_objectives is None else min(int(start.max_objectives), live)
    cap = W.IntSlider(value=cap_value, min=0, max=live, step=1, description="Most launch objectives (cap)",
                      style=style, layout=layout, continuous_update=False)
    state = IncentiveDesigner(company=company, pnl=pnl, seed=seed, weights=weights, cap=cap,
                              scoreboard=W.HTML(), message=W.HTML(), todays_plan=todays_plan,
                              no_pushes=no_push)
    for s in [*weights.values(), cap]:
        s.observe(state.update, names="value")
    state.update()
    head = W.HTML("<b style='font-size:15px'>Weights in the reps' bonus plan (0-10, normalised to 100 %)</b>")
    controls = W.VBox([head, *weights.values(), cap, state.message], layout=W.Layout(min_width="450px"))
    state.widget = W.VBox([W.HBox([controls, state.scoreboard])])
    return state
