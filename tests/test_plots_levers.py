"""Tests for casekit.plots.levers: the exhibits of notebook 04 state their finding in the title."""

import pytest

import casekit as ck
from casekit.models.dropping import SERVICE_PACKAGE, drop_account
from casekit.models.levers import what_if
from casekit.models.revenue_fit import fit_summary, revenue_fit, same_revenue_comparison
from casekit.plots.levers import plot_drop_account, plot_lever_move, plot_revenue_fit, plot_same_revenue


@pytest.fixture(scope="module")
def drain(precision_case, precision_pnl):
    seg = ck.segment_customers(precision_pnl)
    return str(seg.loc[seg["segment"] == "Profit Drain", "customer_id"].iloc[0])


def test_plots_state_the_finding(precision_case, precision_pnl, drain):
    fit = revenue_fit(precision_pnl, precision_case)
    ax = plot_revenue_fit(fit_summary(fit))
    assert "Poorly fitting" in ax.get_title()
    ax = plot_same_revenue(same_revenue_comparison(fit))
    assert "per case" in ax.get_title()
    ax = plot_drop_account(drop_account(precision_pnl, drain))
    assert drain in ax.get_title()
    r = what_if(precision_case, drain, **SERVICE_PACKAGE)
    ax = plot_lever_move(ck.segment_customers(precision_pnl), r)
    assert drain in ax.get_title() and ax.get_xscale() == "log"
