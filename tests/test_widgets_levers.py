import pytest

import casekit.models.levers as lv
from casekit.models.dropping import drains_table
from casekit.widgets.levers import lever_widget


@pytest.fixture(scope="module")
def widget(precision_case, precision_pnl):
    return lever_widget(precision_case, precision_pnl, customer_id="C0132")


def test_factory_returns_tree_and_state(widget):
    state = widget
    assert state.customer.value == "C0132"
    assert state.result.loc["net_profit", "change"] == pytest.approx(0)
    assert "Net profit" in state.table.value
    assert state.image.value[:4] == b"\x89PNG"


def test_slider_moves_the_numbers(widget, precision_case):
    state = widget
    before = state.result.loc["net_profit", "with_levers"]
    old_png = state.image.value
    state.controls["deliveries_per_week"].value = 0.25
    after = state.result.loc["net_profit", "with_levers"]
    assert after > before
    assert state.image.value != old_png
    expected = lv.what_if(precision_case, "C0132", deliveries_per_week=0.25).loc["net_profit", "with_levers"]
    assert after == pytest.approx(expected)
    state.controls["deliveries_per_week"].value = 0


def test_price_slider_changes_revenue(widget):
    state = widget
    state.controls["price_change_pct"].value = 2.0
    assert state.result.loc["revenue", "change"] > 0
    state.controls["price_change_pct"].value = 0.0
    assert state.result.loc["revenue", "change"] == pytest.approx(0)


def test_dropdown_switches_account(widget, precision_pnl):
    state = widget
    other = next(v for _, v in state.customer.options if v != "C0132")
    state.customer.value = other
    assert state.model.customer_id == other
    sel = precision_pnl[precision_pnl["customer_id"].astype(str) == other]
    assert state.result.loc["revenue", "today"] == pytest.approx(sel["revenue"].sum())
    state.customer.value = "C0132"


def test_default_account_is_a_drain(precision_case, precision_pnl):
    state = lever_widget(precision_case, precision_pnl)
    drains = drains_table(precision_pnl)
    assert state.customer.value in set(drains["customer_id"])
