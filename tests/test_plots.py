"""Tests for casekit.plots: each exhibit returns its Axes with a title computed from the data."""

import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.text import Text

from casekit import plots
from casekit.analysis.pocket_price import pocket_price_band, price_waterfall
from casekit.analysis.profit_map import profit_map
from casekit.analysis.profitability import (
    segment_customers,
    whale_curve,
)
from casekit.case.company import make_company
from casekit.costing.engine import cost_to_serve
from casekit.plots import (
    plot_pocket_price_band,
    plot_price_waterfall,
    plot_profit_map,
    plot_segments,
    plot_whale_curve,
)


@pytest.fixture(autouse=True)
def close_figures(monkeypatch):
    def no_show(*args, **kwargs):
        raise AssertionError("plot functions must not call plt.show()")

    monkeypatch.setattr(plt, "show", no_show)
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def company():
    return make_company(seed=5, n_customers=40, n_products=60)


@pytest.fixture(scope="module")
def pnl(company):
    return cost_to_serve(company)


@pytest.fixture(scope="module")
def product(pnl):
    return str(pnl["product_id"].astype(str).value_counts().index[0])


def _texts(ax):
    return [t for t in ax.figure.findobj(Text) if t.get_text() and t.get_visible()]


def _assert_readable(ax):
    small = [(t.get_text(), t.get_fontsize()) for t in _texts(ax) if t.get_fontsize() < 11]
    assert not small, f"text smaller than 11 pt: {small[:5]}"


# --------------------------------------------------------------------------
# formatting
# --------------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    (0, "$0"), (950, "$950"), (1500, "$1.5K"), (12_000, "$12K"), (1_000_000, "$1M"),
    (2_340_000, "$2.3M"), (-3_400, "-$3.4K"), (float("nan"), ""),
])
def test_money_format(value, text):
    assert plots.money(value) == text


@pytest.mark.parametrize("value, kwargs, text", [
    (-1_234_567.4, {"unit": "dollar"}, "-$1,234,567"), (12.3, {"unit": "dollar", "decimals": 2}, "$12.30"),
    (-12_345, {"unit": "K"}, "-$12K"), (-1_250, {"unit": "K", "decimals": 1}, "-$1.2K"),
    (4_560_000, {"unit": "M"}, "$4.6M"), (12_500, {"decimals": 1}, "$12.5K"), (12_000, {"decimals": 1}, "$12K"),
    (2.5e9, {}, "$2.5B"),
])
def test_money_units(value, kwargs, text):
    assert plots.money(value, **kwargs) == text


def test_money_ticks_and_percent():
    from casekit.plots.style import money_ticks

    assert money_ticks(unit="K")(-2_000, 0) == "-$2K"
    with pytest.raises(ValueError, match="unit="):
        money_ticks(unit="thousands")
    assert plots.percent(12.34) == "12%"
    assert plots.percent(3, decimals=1, signed=True) == "+3.0%"
    assert plots.percent(float("nan")) == ""


# --------------------------------------------------------------------------
# whale curve
# --------------------------------------------------------------------------

def test_plot_whale_curve(pnl):
    curve = whale_curve(pnl)
    ax = plot_whale_curve(curve)
    assert isinstance(ax, Axes)
    k = math.ceil(0.2 * len(curve))
    top = curve["cumulative_profit"].iloc[k - 1] / curve["net_profit"].sum() * 100
    losers = (curve["net_profit"] < 0).mean() * 100
    assert ax.get_title() == f"Top 20% of customers earn {top:.0f}% of profit; {losers:.0f}% lose money"
    assert "%" in ax.get_ylabel() and "customers" in ax.get_xlabel()
    x, y = ax.lines[0].get_data()
    assert (x[0], y[0]) == (0.0, 0.0)
    assert ax.lines[1].get_data()[1][-1] == pytest.approx(100)
    assert ax.lines[0].get_color() == plots.GREEN and ax.lines[1].get_color() == plots.RED
    _assert_readable(ax)


def test_plot_whale_curve_products_on_given_axes(pnl):
    fig, ax = plt.subplots()
    out = plot_whale_curve(whale_curve(pnl, "product_id"), ax=ax)
    assert out is ax
    assert len(plt.get_fignums()) == 1
    assert out.get_title().startswith("Top 20% of products earn")


def test_plot_whale_curve_nonpositive_in_dollars(pnl):
    losing = pnl.assign(net_profit=pnl["net_profit"] - 2 * pnl["net_profit"].sum() / len(pnl))
    curve = whale_curve(losing, allow_nonpositive=True)
    ax = plot_whale_curve(curve)
    total = losing["net_profit"].sum()
    assert ax.get_title().startswith(f"A {plots.money(-total)} loss")
    assert "($)" in ax.get_ylabel()
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels and all(re.fullmatch(r"-?\$[\d.]+[KMB]?", s) for s in labels)


def test_plot_whale_curve_errors(pnl):
    with pytest.raises(ValueError, match=r"no column\(s\).*whale_curve"):
        plot_whale_curve(whale_curve(pnl).drop(columns="cumulative_profit"))
    with pytest.raises(TypeError, match="whale_curve"):
        plot_whale_curve(pnl["net_profit"])


# --------------------------------------------------------------------------
# profit map
# --------------------------------------------------------------------------

def test_plot_profit_map(pnl):
    matrix = profit_map(pnl)
    ax = plot_profit_map(matrix, max_rows=10, max_cols=12)
    cells = matrix.stack().dropna()
    assert ax.get_title() == f"{(cells < 0).mean() * 100:.0f}% of customer-product cells lose money"
    mesh = ax.collections[0]
    assert mesh.get_array().size == 10 * 12
    assert mesh.norm.vcenter == 0 and mesh.norm.vmin < 0 < mesh.norm.vmax
    assert "Net profit ($)" in mesh.colorbar.ax.get_ylabel()
    assert "customers" in ax.get_ylabel() and "products" in ax.get_xlabel()
    assert ax.get_facecolor()[:3] == pytest.approx(matplotlib.colors.to_rgb(plots.style.NAN_GREY))
    _assert_readable(ax)


def test_plot_profit_map_small_map_is_annotated(pnl, company):
    matrix = profit_map(pnl, rows="channel_of_trade", columns="category", company=company)
    ax = plot_profit_map(matrix)
    assert ax.get_title().endswith("of channel-category cells lose money")
    shown = {t.get_text() for t in ax.texts}
    assert plots.money(np.nanmax(matrix.to_numpy())) in shown


@pytest.mark.parametrize("kwargs, error, match", [({"max_rows": 0}, ValueError, "max_rows=0 is below 1"),
                                                  ({"max_cols": 2.5}, TypeError, "max_cols must be a positive int")])
def test_plot_profit_map_errors(pnl, kwargs, error, match):
    matrix = profit_map(pnl, top=5)
    with pytest.raises(error, match=match):
        plot_profit_map(matrix, **kwargs)
    with pytest.raises(ValueError, match="no rows or columns"):
        plot_profit_map(matrix.iloc[:0])


# --------------------------------------------------------------------------
# segments
# --------------------------------------------------------------------------

def test_plot_segments(pnl):
    seg = segment_customers(pnl)
    ax = plot_segments(seg)
    peaks = seg[seg["segment"] == "Profit Peak"]
    share = len(peaks) / len(seg) * 100
    profit = peaks["net_profit"].sum() / seg["net_profit"].sum() * 100
    assert ax.get_title() == f"Profit Peaks: {share:.0f}% of customers earn {profit:.0f}% of profit"
    assert ax.get_xscale() == "log"
    assert "Revenue" in ax.get_xlabel() and "($" in ax.get_xlabel()
    assert "($)" in ax.get_ylabel()
    xs = [line.get_xdata()[0] for line in ax.lines]
    assert seg.attrs["revenue_cut"] in xs
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(legend) == 3 and legend[0].startswith(f"Profit Peaks: {len(peaks)} ")
    _assert_readable(ax)


def test_plot_segments_cut_lines_follow_arguments(pnl):
    seg = segment_customers(pnl)
    ax = plot_segments(seg, revenue_cut=123456.0, profit_cut=-500.0)
    assert 123456.0 in [line.get_xdata()[0] for line in ax.lines]
    assert -500.0 in [line.get_ydata()[0] for line in ax.lines]


def test_plot_segments_errors(pnl):
    seg = segment_customers(pnl)
    lost = seg.copy()
    lost.attrs = {}
    with pytest.raises(ValueError, match="revenue_cut=..."):
        plot_segments(lost)
    with pytest.raises(ValueError, match=r"\['segment'\].*segment_customers"):
        plot_segments(seg.drop(columns="segment"))


# --------------------------------------------------------------------------
# pocket price
# --------------------------------------------------------------------------

def test_plot_price_waterfall(pnl, product):
    w = price_waterfall(pnl, product_id=product)
    ax = plot_price_waterfall(w)
    v = w["value_per_case"].to_numpy()
    below = (1 - v[-1] / v[0]) * 100
    assert ax.get_title().startswith(f"Pocket price for {product} is {below:.0f}% below list")
    assert len(ax.patches) == 5
    heights = [p.get_height() for p in ax.patches]
    assert heights[0] == pytest.approx(v[0]) and heights[-1] == pytest.approx(v[-1])
    assert heights[1] == pytest.approx(-v[1])
    assert ax.patches[1].get_facecolor()[:3] == pytest.approx(matplotlib.colors.to_rgb(plots.RED))
    assert ax.get_ylabel() == "Price per case ($)"
    _assert_readable(ax)


def test_plot_price_waterfall_one_group_at_a_time(pnl, company):
    w = price_waterfall(pnl, by="channel_of_trade", company=company)
    with pytest.raises(ValueError, match="several waterfalls"):
        plot_price_waterfall(w)
    one = w[w["channel_of_trade"] == w["channel_of_trade"].iloc[0]]
    assert isinstance(plot_price_waterfall(one), Axes)


def test_plot_pocket_price_band(pnl, product):
    band = pocket_price_band(pnl, product_id=product)
    ax = plot_pocket_price_band(band)
    lo, hi = band["pocket_price"].min(), band["pocket_price"].max()
    title = ax.get_title()
    assert title.startswith(f"{product}: {len(band)} customers' pocket prices span")
    assert f"${lo:,.2f}" in title and f"${hi:,.2f}" in title
    assert f"({(hi - lo) / lo * 100:.0f}% spread)" in title
    assert ax.get_ylabel() == "Share of cases (%)"
    assert sum(p.get_height() for p in ax.patches) == pytest.approx(100)
    _assert_readable(ax)


def test_plot_pocket_price_band_errors(pnl, product):
    band = pocket_price_band(pnl, product_id=product)
    with pytest.raises(ValueError, match=r"\['pocket_price'\]"):
        plot_pocket_price_band(band.drop(columns="pocket_price"))
    with pytest.raises(ValueError, match="no rows"):
        plot_pocket_price_band(band.iloc[:0])
