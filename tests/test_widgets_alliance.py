import matplotlib.pyplot as plt
import numpy as np
import pytest

import casekit.models.account_development as ad
import casekit.models.alignment as al
from casekit.plots.alliance import paths_finding, plot_account_moves, plot_account_paths, plot_alignment
from casekit.widgets.alliance import ops_timing_widget, paths_table_html

CID = "C0184"


@pytest.fixture(scope="module")
def widget(precision_case, precision_pnl):
    return ops_timing_widget(precision_case, precision_pnl, customer_id=CID)


def test_factory_returns_tree_and_state(widget, precision_case, precision_pnl):
    state = widget
    assert state.slider.value == 1 and state.customer_id == CID
    expected = ad.develop_account(precision_case, precision_pnl, ops_joins=1, customer_id=CID)
    assert state.totals["your_profit"] == pytest.approx(expected["your_profit"].sum())
    assert "Customer's profit" in state.table.value
    assert state.image.value[:4] == b"\x89PNG"
    assert state.slider in state.widget.children


def test_reference_is_the_sales_first_path(widget, precision_case, precision_pnl):
    state = widget
    paths = ad.account_paths(precision_case, precision_pnl, customer_id=CID)
    late = paths[paths["path"] == ad.PATHS[0]]
    assert state.reference["your_profit"].sum() == pytest.approx(late["your_profit"].sum())


def test_slider_moves_the_numbers(widget, precision_case, precision_pnl):
    state = widget
    early = state.totals.copy()
    old_png = state.image.value
    state.slider.value = 8
    expected = ad.develop_account(precision_case, precision_pnl, ops_joins=8, customer_id=CID)
    assert state.totals["your_profit"] == pytest.approx(expected["your_profit"].sum())
    assert state.totals["customer_profit"] < early["customer_profit"]   # later means less for the customer
    assert state.totals["your_profit"] < early["your_profit"]
    assert state.image.value != old_png
    assert "quarter 8" in state.table.value
    state.slider.value = 1
    assert state.totals["your_profit"] == pytest.approx(early["your_profit"])


def test_profit_falls_as_operations_joins_later(widget):
    state = widget
    profits = []
    for q in (1, 4, 8, 12):
        state.slider.value = q
        profits.append(state.totals["your_profit"])
    state.slider.value = 1
    # Joining in the last quarter is a courtesy visit: it barely starts the set-up, so it can cost less
    # than joining in quarter 8 once the sales-first promises are locked in; it never beats joining early.
    assert profits[:3] == sorted(profits[:3], reverse=True)
    assert profits[0] == max(profits)


def test_table_marks_a_loss_in_red(widget):
    state = widget
    ref = state.reference
    html = paths_table_html(ref, ref)
    assert (ref["your_profit"].sum() < 0) == ("color:#c0392b" in html)


def test_bad_quarter_is_refused(precision_case, precision_pnl):
    with pytest.raises(ValueError, match="ops_joins"):
        ops_timing_widget(precision_case, precision_pnl, customer_id=CID, ops_joins=0)


def test_finding_states_the_direction(precision_case, precision_pnl):
    paths = ad.account_paths(precision_case, precision_pnl, customer_id=CID)
    t = ad.path_totals(paths)
    text = paths_finding(t)
    pct = 100 * (t.loc[ad.PATHS[1], "customer_profit"] / t.loc[ad.PATHS[0], "customer_profit"] - 1)
    assert f"{pct:+.0f}%" in text


def test_plots_draw(precision_case, precision_pnl):
    moves = al.account_moves(precision_case, precision_pnl, customer_id=CID)
    axes = plot_account_moves(moves)
    assert len(axes) == 3
    win = moves.loc[moves["helps_sales"] & moves["helps_operations"] & moves["helps_company"], "move"]
    title = axes[0].figure.get_suptitle()
    assert all(m.replace("_", " ") in title for m in win)
    red = [p for p in axes[2].patches if np.allclose(p.get_facecolor()[:3], plt.matplotlib.colors.to_rgb("#c0392b"))]
    assert len(red) == int((~moves.loc[moves["move"] != "as is", "helps_company"]).sum())
    axes = plot_account_paths(ad.account_paths(precision_case, precision_pnl, customer_id=CID))
    assert axes.shape == (2, 2)
    board = al.compare_alignment(precision_case, precision_pnl)
    axes = plot_alignment(board)
    heights = [p.get_height() for p in axes[2].patches]
    assert heights == pytest.approx(board["profit"].tolist())


def test_plots_refuse_the_wrong_frame(precision_pnl):
    with pytest.raises(ValueError, match="account_moves"):
        plot_account_moves(precision_pnl)
    with pytest.raises(TypeError):
        plot_alignment([1, 2])
