"""Executive views: the key exhibits as one-call widgets for Voilà (no code on screen).

Each ``*_view`` function loads the classroom case, builds one widget factory
of the notebooks and returns an :class:`ExecutiveView`, which displays as the
widget and keeps the factory's state for tests.  The notebooks in ``exec/``
call one of these and nothing else, so an executive sees only sliders,
dropdowns, numbers and charts (``make exec`` serves them).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets

from casekit.case.datasets import load_case
from casekit.costing.engine import cost_to_serve
from casekit.models.bonus_plan import classroom_plan
from casekit.models.eras import CLASSROOM_SEED
from casekit.plots.style import money
from casekit.widgets.view import WidgetView

__all__ = ["ExecutiveView", "era_dial_view", "profit_map_view", "levers_view", "rep_game_view",
           "incentive_designer_view", "rate_accuracy_view", "launches_view", "ops_timing_view", "essay_class_view",
           "headline_profit", "reconcile_html"]


@dataclass
class ExecutiveView(WidgetView):
    """Hold a widget to display plus the state of the factory that built it.

    Returned by the ``*_view`` functions; in a notebook it displays as its
    widget.

    Parameters
    ----------
    widget : ipywidgets.Widget
        What the page shows.
    state : object
        The factory's state.

    Attributes
    ----------
    widget : ipywidgets.Widget
        What the page shows (a one-line caption above the exhibit).
    state : object
        The factory's state (``EraDial``, ``ProfitMapExplorer`` or
        ``LeverState``); set its controls' ``.value`` in tests.

    Examples
    --------
    >>> import ipywidgets as widgets
    >>> view = ExecutiveView(widgets.VBox([widgets.HTML("hello")]), state=None)
    >>> "application/vnd.jupyter.widget-view+json" in view._repr_mimebundle_()
    True
    """

    widget: widgets.Widget
    state: object


def _caption(text: str) -> widgets.HTML:
    return widgets.HTML(f"<div class='ck-exec-caption' style='font-size:15px;color:#2c3e50;margin:0 0 6px 0'>"
                        f"{html.escape(text)}</div>")


def _case(case: str):
    company = load_case(case)
    return company, cost_to_serve(company)


def headline_profit(pnl) -> float:
    """Return the case's headline profit: net profit after cost to serve, summed over every line.

    Examples
    --------
    >>> import pandas as pd
    >>> headline_profit(pd.DataFrame({"net_profit": [5.0, -2.0]}))
    3.0
    """
    return float(pnl["net_profit"].sum())


def reconcile_html(pnl, how: str) -> str:
    """Say, under a view, how its figures relate to the case's headline profit.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L the view was built from.
    how : str
        One sentence: how the view's figures add up to the headline, or why they differ.

    Returns
    -------
    str
        A ``<div class='ck-reconcile'>`` naming the headline profit, then ``how``.

    Examples
    --------
    >>> import pandas as pd
    >>> h = reconcile_html(pd.DataFrame({"net_profit": [2_000_000.0, 1_500_000.0]}), "The table adds up to it.")
    >>> "ck-reconcile" in h, "$3.5M" in h, h.endswith("The table adds up to it.</div>")
    (True, True, True)
    """
    return (f"<div class='ck-reconcile' style='font-size:13px;color:#555;margin-top:10px;border-top:1px solid #ddd;"
            f"padding-top:6px'>Beacon's profit this year, after the cost of serving every customer: "
            f"<b class='ck-headline'>{money(headline_profit(pnl))}</b>. {html.escape(how)}</div>")


def _view(caption: str, body: widgets.Widget, pnl, how: str) -> widgets.VBox:
    return widgets.VBox([_caption(caption), body, widgets.HTML(reconcile_html(pnl, how))])


def era_dial_view(*, seed: int = CLASSROOM_SEED) -> ExecutiveView:
    """Build the era dial (ideas I5, I6) for an executive audience.

    Parameters
    ----------
    seed : int, default=4
        The company's seed; 4 is the classroom case.

    Returns
    -------
    ExecutiveView
        ``state`` is the :class:`casekit.widgets.two_eras.EraDial`.

    Examples
    --------
    Every dial position is drawn when the view is built (a few seconds):

    >>> import matplotlib; matplotlib.use("Agg")
    >>> view = era_dial_view()
    >>> type(view.widget).__name__, view.state.slider.value
    ('VBox', 0.0)
    >>> before = view.state.profile
    >>> view.state.slider.value = 1.0
    >>> view.state.profile is not before
    True
    """
    from casekit.widgets.two_eras import era_dial

    dial = era_dial(seed=seed)
    caption = _caption("Slide the dial from 0 (one price list, every customer served alike) to 1 (negotiated "
                       "prices, service tailored account by account). Red dots are customers that lose money.")
    pnl = cost_to_serve(load_case("precision"))
    how = ("At 1 the dial shows this year's Beacon, whose customers add up to that profit; at 0 the same customers "
           "are served and priced alike, a different company with a different profit.")
    return ExecutiveView(widgets.VBox([caption, dial.widget, widgets.HTML(reconcile_html(pnl, how))]), dial)


def profit_map_view(*, case: str = "precision") -> ExecutiveView:
    """Build the profit-map explorer (idea I7) for an executive audience.

    Parameters
    ----------
    case : {"precision", "mass"}, default="precision"
        Which shipped case to explore.

    Returns
    -------
    ExecutiveView
        ``state`` is the :class:`casekit.widgets.islands.ProfitMapExplorer`.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> view = profit_map_view()
    >>> state = view.state
    >>> n_all = len(state.selected)
    >>> state.filters["segment"].value = "Profit Drain"
    >>> 0 < len(state.selected) < n_all
    True
    """
    from casekit.widgets.islands import profit_map_explorer

    company, pnl = _case(case)
    explorer = profit_map_explorer(pnl, company)
    caption = _caption("Narrow the list with the four filters, then pick a customer: its profit and loss "
                       "after the cost of serving it, and each of its products, appear below.")
    how = "With every filter at (all), the customers listed add up to it."
    return ExecutiveView(widgets.VBox([caption, explorer.widget, widgets.HTML(reconcile_html(pnl, how))]), explorer)


def levers_view(*, case: str = "precision", customer_id=None) -> ExecutiveView:
    """Build the levers what-if (idea I12) for an executive audience.

    Parameters
    ----------
    case : {"precision", "mass"}, default="precision"
        Which shipped case to use.
    customer_id : str, optional
        The account shown first; by default the largest Profit Drain whose
        dropping would cut company profit.

    Returns
    -------
    ExecutiveView
        ``state`` is the :class:`casekit.widgets.levers.LeverState`.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> view = levers_view()
    >>> state = view.state
    >>> runs = len(state.history)
    >>> state.controls["move_to_edi"].value = 100
    >>> len(state.history) > runs, type(state.result).__name__
    (True, 'DataFrame')
    """
    from casekit.widgets.levers import lever_widget

    company, pnl = _case(case)
    state = lever_widget(company, pnl, customer_id=customer_id)
    caption = _caption("Pick a money-losing account and change how it is served: order size, ordering by "
                       "EDI, fewer deliveries, fewer rush orders, terms, calls, price. The table and the dot "
                       "on the chart show the result.")
    how = ("The table shows one account; Beacon's profit changes by the account's change in profit, since the other "
           "customers are served as before.")
    return ExecutiveView(widgets.VBox([caption, state.widget, widgets.HTML(reconcile_html(pnl, how))]), state)


def rep_game_view(*, case: str = "precision") -> ExecutiveView:
    """Build the rep game (ideas I2, I3) for an executive audience.

    The participant plays one sales rep facing the classroom bonus plan; the
    three most heavily weighted objectives start ticked, so a result shows at
    once.

    Parameters
    ----------
    case : {"precision", "mass"}, default="precision"
        Which shipped case to use.

    Returns
    -------
    ExecutiveView
        ``state`` is the :class:`casekit.widgets.objectives.RepGame`.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> view = rep_game_view()
    >>> game = view.state
    >>> sum(box.value for box in game.boxes.values()), game.table is not None
    (3, True)
    >>> next(box for box in game.boxes.values() if box.value).value = False
    >>> game.table is None
    True
    """
    from casekit.widgets.objectives import rep_game_widget

    company, pnl = _case(case)
    plan = classroom_plan(company)
    top = plan.sort_values("weight", ascending=False)["objective_id"].astype(str).head(3).tolist()
    game = rep_game_widget(plan, company, pnl, picks=top)
    caption = _caption("You are a sales rep with this quarter's bonus plan. You have time to push three "
                       "objectives: tick three, and compare your bonus with what your choice earned the company.")
    how = ("The game scores only the extra business one rep's objectives bring in or lose this quarter, "
           "so its profit figures are changes to that total, not parts of it.")
    return ExecutiveView(widgets.VBox([caption, game.widget, widgets.HTML(reconcile_html(pnl, how))]), game)


def incentive_designer_view(*, case: str = "precision") -> ExecutiveView:
    """Build the incentive designer (idea I15) for an executive audience.

    Parameters
    ----------
    case : {"precision", "mass"}, default="precision"
        Which shipped case to use.

    Returns
    -------
    ExecutiveView
        ``state`` is the :class:`casekit.widgets.incentives.IncentiveDesigner`.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> view = incentive_designer_view()
    >>> state = view.state
    >>> state.cap.value = 0
    >>> int(state.row["n_objectives"]), "ck-scoreboard" in state.scoreboard.value
    (0, True)
    """
    from casekit.widgets.incentives import incentive_designer

    company, pnl = _case(case)
    state = incentive_designer(company, pnl)
    caption = _caption("Set how much each measure counts in the sales reps' bonus, and cap the number of "
                       "new-product objectives. The table shows what the reps then do and what it does to "
                       "revenue, cost to serve and profit.")
    how = ("The plans' profit is lower than that: it also charges each product the cost of the complexity it "
           "adds to the plants and warehouses (launches, changeovers), and it follows a year in which every rep "
           "pushes what the plan pays for.")
    return ExecutiveView(widgets.VBox([caption, state.widget, widgets.HTML(reconcile_html(pnl, how))]), state)


def rate_accuracy_view(*, case: str = "precision", n_draws: int = 30) -> ExecutiveView:
    """Build the rate-accuracy check (session 03, idea I7) for an executive audience.

    Parameters
    ----------
    case : {"precision", "mass"}, default="precision"
        Which shipped case to use.
    n_draws : int, default=30
        Random rate cards per slider position (fewer than the notebook's 50, for a quick page).

    Returns
    -------
    ExecutiveView
        ``state`` is the :class:`casekit.widgets.glass_box.SensitivityState`.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> view = rate_accuracy_view(n_draws=5)
    >>> view.state.noise.value = 0
    >>> float(view.state.summary["spearman_median"])
    1.0
    """
    from casekit.widgets.glass_box import sensitivity_widget

    company, pnl = _case(case)
    state = sensitivity_widget(company, n_draws=n_draws)
    caption = ("Nobody knows what serving a customer really costs to the dollar. Slide how wrong every cost rate "
               "might be, and see whether the same customers still come out as money-losers.")
    how = "At 0 % error each dot is one customer at today's rates, and the customers add up to it."
    return ExecutiveView(_view(caption, state.widget, pnl, how), state)


def launches_view(*, case: str = "precision") -> ExecutiveView:
    """Build the launch what-if (session 05, ideas I1, I14) for an executive audience.

    Parameters
    ----------
    case : {"precision", "mass"}, default="precision"
        Which shipped case to use.

    Returns
    -------
    ExecutiveView
        ``state`` is the :class:`casekit.widgets.innovation.PortfolioWhatIf`.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> view = launches_view()
    >>> view.state.rate.value = 0.5
    >>> view.state.rows.loc[2, "scenario"]
    'launch rate x0.5'
    """
    from casekit.models.innovation import product_scorecard
    from casekit.widgets.innovation import portfolio_widget

    company, pnl = _case(case)
    card = product_scorecard(company, pnl)
    state = portfolio_widget(card)
    caption = ("Every new flavour or pack size (each one a stock-keeping unit, or SKU) adds work to the plants, the "
               "warehouse and the sales force. Drop the weakest products, or launch fewer, and compare what the "
               "product managers (PM) see, gross margin, with what the company earns.")
    how = ("'Company profit' in the table is lower: it also charges each product the cost of the complexity it "
           "adds (changeovers, stock, slots, item records, the reps' time selling new items), which the profit "
           f"above leaves out, except {money(card.attrs['rep_time_moved'])} of that selling time: the profit above "
           "already carries it as sales calls, and it is counted once.")
    return ExecutiveView(_view(caption, state.widget, pnl, how), state)


def ops_timing_view(*, case: str = "precision") -> ExecutiveView:
    """Build the operations-timing view (session 07, idea I9) for an executive audience.

    Parameters
    ----------
    case : {"precision", "mass"}, default="precision"
        Which shipped case to use.

    Returns
    -------
    ExecutiveView
        ``state`` is the :class:`casekit.widgets.alliance.OpsTiming` for notebook 07's account.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> view = ops_timing_view()
    >>> before = view.state.table.value
    >>> view.state.slider.value = 6
    >>> view.state.table.value != before
    True
    """
    from casekit.models.account_development import story_account
    from casekit.widgets.alliance import ops_timing_widget

    company, pnl = _case(case)
    state = ops_timing_widget(company, pnl, customer_id=story_account(company, pnl))
    caption = ("One growing account, three years. Choose the quarter in which Beacon's operations people first "
               "meet the customer's, and compare with the usual path: sales first, operations much later.")
    how = ("The table follows one account over three years of quarters, so its figures are not this year's "
           "company total.")
    return ExecutiveView(_view(caption, state.widget, pnl, how), state)


@dataclass
class EssayClass:
    """The four exhibits of the essay class, each the state of its own view (``launches``, ``rep_game``,
    ``ops_timing``, ``incentives``)."""

    launches: object
    rep_game: object
    ops_timing: object
    incentives: object


def essay_class_view(*, case: str = "precision") -> ExecutiveView:
    """Build the one-page class on "Unlikely Operations Heroes": the best exhibits of sessions 05-08.

    Parameters
    ----------
    case : {"precision", "mass"}, default="precision"
        Which shipped case to use.

    Returns
    -------
    ExecutiveView
        ``state`` is an :class:`EssayClass` holding the four exhibits' states.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> view = essay_class_view()
    >>> sorted(vars(view.state))
    ['incentives', 'launches', 'ops_timing', 'rep_game']
    >>> sum("ck-reconcile" in getattr(w, "value", "") for w in view.widget.children)
    1
    """
    parts = {"launches": launches_view(case=case), "rep_game": rep_game_view(case=case),
             "ops_timing": ops_timing_view(case=case), "incentives": incentive_designer_view(case=case)}
    heads = {"launches": "1 · Who pays for the launches? (session 05)",
             "rep_game": "2 · Fifteen objectives, time for three (session 06)",
             "ops_timing": "3 · Sales first, or operations early? (session 07)",
             "incentives": "4 · Who drives the boat: the bonus plan (session 08)"}
    blocks = []
    for key, view in parts.items():
        # Each part without its own footer: one reconciliation line for the page, at the bottom.
        blocks += [widgets.HTML(f"<h2 style='margin:18px 0 4px 0'>{html.escape(heads[key])}</h2>"),
                   *view.widget.children[:-1]]
    _company, pnl = _case(case)
    how = ("Each part measures something different: parts 1 and 4 also charge the cost of complexity, part 2 "
           "scores one rep's extra business, part 3 follows one account over three years.")
    blocks.append(widgets.HTML(reconcile_html(pnl, how)))
    return ExecutiveView(widgets.VBox(blocks), EssayClass(**{k: v.state for k, v in parts.items()}))
