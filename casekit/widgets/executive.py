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
from casekit.widgets.view import WidgetView

__all__ = ["ExecutiveView", "era_dial_view", "profit_map_view", "levers_view", "rep_game_view",
           "incentive_designer_view"]


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
    return ExecutiveView(widgets.VBox([caption, dial.widget]), dial)


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
    return ExecutiveView(widgets.VBox([caption, explorer.widget]), explorer)


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
    return ExecutiveView(widgets.VBox([caption, state.widget]), state)


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
    return ExecutiveView(widgets.VBox([caption, game.widget]), game)


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
    return ExecutiveView(widgets.VBox([caption, state.widget]), state)
