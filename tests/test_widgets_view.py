"""Every widget factory returns the same kind of object: a WidgetView that displays as its ``.widget``."""

import ipywidgets as widgets
import pytest

import casekit as ck
from casekit.models.bonus_plan import classroom_plan
from casekit.models.innovation import product_scorecard
from casekit.widgets.alliance import ops_timing_widget
from casekit.widgets.glass_box import sensitivity_widget
from casekit.widgets.guesses import guess_choice, guess_number
from casekit.widgets.incentives import incentive_designer
from casekit.widgets.innovation import portfolio_widget
from casekit.widgets.islands import profit_map_explorer, segment_sliders
from casekit.widgets.levers import lever_widget
from casekit.widgets.objectives import rep_game_widget
from casekit.widgets.two_eras import era_dial
from casekit.widgets.view import WidgetView

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def case():
    co = ck.make_company(seed=1, n_customers=40, n_products=60)
    return co, ck.cost_to_serve(co)


FACTORIES = {
    "era_dial": lambda co, pnl: era_dial(start=1.0, steps=(1.0,), precompute=False),
    "segment_sliders": lambda co, pnl: segment_sliders(pnl),
    "profit_map_explorer": lambda co, pnl: profit_map_explorer(pnl, co),
    "sensitivity_widget": lambda co, pnl: sensitivity_widget(co, n_draws=3),
    "lever_widget": lambda co, pnl: lever_widget(co, pnl),
    "portfolio_widget": lambda co, pnl: portfolio_widget(product_scorecard(co, pnl)),
    "rep_game_widget": lambda co, pnl: rep_game_widget(classroom_plan(co, n_objectives=6), co, pnl),
    "ops_timing_widget": lambda co, pnl: ops_timing_widget(co, pnl),
    "incentive_designer": lambda co, pnl: incentive_designer(co, pnl),
    "guess_number": lambda co, pnl: guess_number("How many?", truth=3.0),
    "guess_choice": lambda co, pnl: guess_choice("Which?", options=["a", "b"], truth="b"),
}


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_factory_returns_a_widget_view(case, name):
    view = FACTORIES[name](*case)
    assert isinstance(view, WidgetView)
    assert isinstance(view.widget, widgets.Widget)
    bundle = view._repr_mimebundle_()
    assert bundle[WIDGET_VIEW]["model_id"] == view.widget.model_id


def test_a_view_without_its_widget_says_so():
    class Empty(WidgetView):
        widget = None

    with pytest.raises(ValueError, match="no widget"):
        Empty()._repr_mimebundle_()
