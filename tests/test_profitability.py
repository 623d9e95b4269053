"""Tests for casekit.analysis.profitability: every exhibit reconciles with the lines."""

import numpy as np
import pandas as pd
import pytest

from casekit.analysis.pocket_price import WATERFALL_STEPS, pocket_price_band, price_waterfall
from casekit.analysis.profit_map import profit_map, profit_map_summary
from casekit.analysis.profitability import (
    SEGMENT_PRESCRIPTIONS,
    SEGMENTS,
    profit_by,
    segment_customers,
    segment_summary,
    sorted_group_sums,
    whale_curve,
)
from casekit.case.company import make_company
from casekit.costing.engine import cost_to_serve

MONEY = ["gross_sales", "on_invoice_discounts", "revenue", "cogs", "gross_margin", "cost_to_serve", "net_profit"]


@pytest.fixture(scope="module")
def company():
    return make_company(seed=11, n_customers=40, n_products=60)


@pytest.fixture(scope="module")
def pnl(company):
    return cost_to_serve(company)


@pytest.fixture
def losing_pnl(pnl):
    """The same lines with net profit pushed below zero in total."""
    shift = 2 * pnl["net_profit"].sum() / len(pnl)
    return pnl.assign(net_profit=pnl["net_profit"] - shift)


def _busiest_product(pnl):
    return str(pnl["product_id"].astype(str).value_counts().index[0])


# --------------------------------------------------------------------------
# profit_by
# --------------------------------------------------------------------------

@pytest.mark.parametrize("by", ["customer_id", "product_id", "rep_id", "channel_of_trade", "region",
                                "order_channel", "brand", "category", "is_niche", ["region", "category"]])
def test_profit_by_reconciles_with_lines(pnl, company, by):
    out = profit_by(pnl, by, company=company)
    cost_cols = pnl.attrs["activities"]
    for col in MONEY + cost_cols + ["cases", "returned_cases"]:
        assert out[col].sum() == pytest.approx(pnl[col].sum(), abs=1e-6), col
    assert out["lines"].sum() == len(pnl)
    assert out["net_profit"].is_monotonic_decreasing


def test_profit_by_keeps_categorical_keys_observed_only(pnl):
    sub = pnl[pnl["customer_id"].isin(pnl["customer_id"].unique()[:5])]
    out = profit_by(sub, "customer_id")
    assert isinstance(out["customer_id"].dtype, pd.CategoricalDtype)
    assert len(out) == 5


def _pandas_sums(frame, key):
    grouped = frame.groupby(key, observed=True, dropna=False, sort=True)
    out = grouped.sum()
    if "lines" not in out.columns:
        out.insert(0, "lines", grouped.size())
    return out.reset_index()


@pytest.mark.parametrize("has_lines", [True, False])
def test_sorted_group_sums_is_the_pandas_group_by(company, has_lines):
    # An engine roll-up comes sorted by customer: the runs' sums are pandas' sums, keys and dtypes alike.
    cp = cost_to_serve(company, by=["customer_id", "product_id"])
    frame = cp.drop(columns=["customer_id", "product_id"] + ([] if has_lines else ["lines"]))
    got = sorted_group_sums(frame, cp["customer_id"])
    want = _pandas_sums(frame, cp["customer_id"])
    assert got is not None and list(got.columns) == list(want.columns)
    assert got["customer_id"].dtype == want["customer_id"].dtype
    assert (got["customer_id"] == want["customer_id"]).all()
    assert (got["lines"] == want["lines"]).all() and got["lines"].dtype == want["lines"].dtype
    money = [c for c in want.columns if c not in ("customer_id", "lines")]
    np.testing.assert_allclose(got[money].to_numpy(), want[money].to_numpy(), rtol=1e-12, atol=1e-9)


def test_sorted_group_sums_leaves_the_rest_to_pandas():
    key = pd.Series(pd.Categorical(["b", "a", "b"], categories=["a", "b", "c"]), name="customer_id")
    frame = pd.DataFrame({"revenue": [1.0, 2.0, 3.0]})
    assert sorted_group_sums(frame, key) is None  # not in category order
    in_order = key.sort_values().reset_index(drop=True)
    assert sorted_group_sums(frame.assign(revenue=[1.0, np.nan, 3.0]), in_order) is None  # pandas skips NaN
    assert sorted_group_sums(frame, in_order.astype(str)) is None  # not categorical
    missing = pd.Series(pd.Categorical([None, "a", "b"], categories=["a", "b"]), name="customer_id")
    assert sorted_group_sums(frame, missing) is None  # a group of missing keys
    got = sorted_group_sums(frame, in_order)
    assert got.to_dict("list") == {"customer_id": ["a", "b"], "lines": [1, 2], "revenue": [1.0, 5.0]}


def test_profit_by_of_a_roll_up_sorted_or_not(company):
    # The same roll-up, shuffled, goes through pandas: both give the same customers, to the cent.
    cp = cost_to_serve(company, by=["customer_id", "product_id"])
    shuffled = cp.sample(frac=1.0, random_state=np.random.default_rng(3).integers(2**31))
    a, b = profit_by(cp, "customer_id"), profit_by(shuffled, "customer_id")
    pd.testing.assert_frame_equal(a.drop(columns=a.select_dtypes("float").columns),
                                  b.drop(columns=b.select_dtypes("float").columns))
    np.testing.assert_allclose(a.select_dtypes("float").to_numpy(), b.select_dtypes("float").to_numpy(),
                               rtol=1e-12, atol=1e-9)


def test_profit_by_percentages(pnl):
    out = profit_by(pnl, "customer_id")
    np.testing.assert_allclose(out["net_margin_pct"], out["net_profit"] / out["revenue"] * 100)
    np.testing.assert_allclose(out["cost_to_serve_pct"], out["cost_to_serve"] / out["revenue"] * 100)


def test_profit_by_zero_revenue_gives_nan_margin(pnl):
    two = pnl.head(2).copy()
    two["customer_id"] = two["customer_id"].astype(str)
    two.loc[two.index[1], "customer_id"] = "ZERO"
    two.loc[two.index[1], "revenue"] = 0.0
    out = profit_by(two, "customer_id").set_index("customer_id")
    assert np.isnan(out.loc["ZERO", "net_margin_pct"])
    assert np.isfinite(out.drop(index="ZERO")["net_margin_pct"]).all()


def test_profit_by_joins_the_right_attribute(pnl, company):
    out = profit_by(pnl, "channel_of_trade", company=company).set_index("channel_of_trade")["net_profit"]
    channel = dict(zip(company.customers["customer_id"].astype(str), company.customers["channel_of_trade"].astype(str)))
    expected = pnl.groupby(pnl["customer_id"].astype(str).map(channel))["net_profit"].sum()
    out.index = out.index.astype(str)
    pd.testing.assert_series_equal(out.sort_index(), expected.sort_index(), check_names=False)


def test_profit_by_order_channel_is_the_orders(pnl, company):
    # an order's channel can differ from the customer's usual one
    out = profit_by(pnl, "order_channel", company=company).set_index("order_channel")["revenue"]
    channel = dict(zip(company.orders["order_id"].astype(str), company.orders["order_channel"].astype(str)))
    expected = pnl.groupby(pnl["order_id"].astype(str).map(channel))["revenue"].sum()
    out.index = out.index.astype(str)
    pd.testing.assert_series_equal(out.sort_index(), expected.sort_index(), check_names=False)


def test_profit_by_reaggregates_engine_output(pnl, company):
    cells = cost_to_serve(company, by=["customer_id", "product_id"])
    from_cells = profit_by(cells, "customer_id").set_index("customer_id")
    from_lines = profit_by(pnl, "customer_id").set_index("customer_id")
    pd.testing.assert_frame_equal(from_cells[["lines", "revenue", "net_profit"]],
                                  from_lines.loc[from_cells.index, ["lines", "revenue", "net_profit"]],
                                  check_dtype=False, check_index_type=False)


def test_profit_by_leaves_pnl_alone(pnl, company):
    before = pnl.copy()
    attrs = dict(pnl.attrs)
    profit_by(pnl, ["region", "brand"], company=company)
    pocket_price_band(pnl, product_id=_busiest_product(pnl))
    pd.testing.assert_frame_equal(pnl, before)
    assert set(pnl.attrs) == set(attrs) and pnl.attrs["activities"] == attrs["activities"]


def test_profit_by_needs_company_for_joined_column(pnl):
    with pytest.raises(ValueError, match=r"'channel_of_trade' is not a column of pnl.*company=co"):
        profit_by(pnl, "channel_of_trade")


def test_profit_by_unknown_column(pnl, company):
    with pytest.raises(ValueError, match=r"'chanel' is neither a column of pnl"):
        profit_by(pnl, "chanel", company=company)


@pytest.mark.parametrize("by, error", [(5, TypeError), ([], ValueError), (["customer_id", 3], TypeError),
                                       (None, TypeError)])
def test_profit_by_bad_by(pnl, by, error):
    with pytest.raises(error, match="by must be a column name"):
        profit_by(pnl, by)


def test_profit_by_duplicate_by(pnl):
    with pytest.raises(ValueError, match="names a column twice"):
        profit_by(pnl, ["customer_id", "customer_id"])


def test_profit_by_missing_money_column(pnl):
    with pytest.raises(ValueError, match=r"no column\(s\) \['net_profit'\].*cost_to_serve"):
        profit_by(pnl.drop(columns="net_profit"))


def test_profit_by_empty(pnl):
    with pytest.raises(ValueError, match="no rows"):
        profit_by(pnl.iloc[:0])


def test_profit_by_company_instead_of_pnl(company):
    with pytest.raises(TypeError, match=r"pnl = cost_to_serve\(co\)"):
        profit_by(company)


def test_profit_by_wrong_company(pnl):
    other = make_company(seed=2, n_customers=10, n_products=60)
    with pytest.raises(ValueError, match=r"not in company\.(orders|customers)"):
        profit_by(pnl, "region", company=other)


# --------------------------------------------------------------------------
# whale_curve
# --------------------------------------------------------------------------

@pytest.mark.parametrize("by", ["customer_id", "product_id"])
def test_whale_curve_shape(pnl, by):
    curve = whale_curve(pnl, by)
    n = pnl[by].nunique()
    share = f"share_of_{by}"
    assert len(curve) == n
    assert list(curve["rank"]) == list(range(1, n + 1))
    assert curve["net_profit"].is_monotonic_decreasing
    assert curve[share].is_monotonic_increasing
    assert curve[share].iloc[0] > 0
    assert curve[share].iloc[-1] == pytest.approx(100)
    assert curve["cumulative_profit_pct"].iloc[-1] == pytest.approx(100)
    np.testing.assert_allclose(curve["cumulative_profit"], np.cumsum(curve["net_profit"]))
    assert curve[by].is_unique


def test_whale_curve_attrs(pnl):
    curve = whale_curve(pnl)
    per_customer = pnl.groupby("customer_id", observed=True)["net_profit"].sum()
    ranked = np.sort(per_customer.to_numpy())[::-1]
    cum_pct = np.cumsum(ranked) / ranked.sum() * 100
    k = int(np.ceil(0.2 * len(ranked)))
    assert curve.attrs["total_profit"] == pytest.approx(pnl["net_profit"].sum())
    assert curve.attrs["peak_pct"] == pytest.approx(cum_pct.max())
    assert curve.attrs["top20_pct"] == pytest.approx(cum_pct[k - 1])
    assert curve.attrs["loss_share"] == pytest.approx((per_customer < 0).mean() * 100)
    assert curve.attrs["nonpositive_total"] is False


def test_whale_curve_joined_grain(pnl, company):
    curve = whale_curve(pnl, "brand", company=company)
    assert len(curve) == company.products.loc[
        company.products["product_id"].isin(pnl["product_id"]), "brand"].nunique()


def test_whale_curve_needs_one_column(pnl):
    with pytest.raises(TypeError, match="one column name"):
        whale_curve(pnl, ["customer_id", "product_id"])


def test_whale_curve_nonpositive_total_raises(losing_pnl):
    with pytest.raises(ValueError, match=r"total net profit is .*undefined.*allow_nonpositive=True"):
        whale_curve(losing_pnl)


def test_whale_curve_zero_total_raises(pnl):
    zero = pnl.assign(net_profit=pnl["net_profit"] - pnl["net_profit"].mean())
    zero.loc[zero.index[0], "net_profit"] -= zero["net_profit"].sum()
    with pytest.raises(ValueError, match="undefined"):
        whale_curve(zero)


def test_whale_curve_nonpositive_allowed(losing_pnl):
    curve = whale_curve(losing_pnl, allow_nonpositive=True)
    assert curve.attrs["nonpositive_total"] is True
    assert curve["cumulative_profit_pct"].isna().all()
    assert curve["cumulative_profit"].iloc[-1] == pytest.approx(losing_pnl["net_profit"].sum())


# --------------------------------------------------------------------------
# segments
# --------------------------------------------------------------------------

def test_segment_counts_and_rules(pnl):
    seg = segment_customers(pnl)
    assert len(seg) == pnl["customer_id"].nunique()
    cut = pnl.groupby("customer_id", observed=True)["revenue"].sum().median()
    assert seg.attrs["revenue_cut"] == pytest.approx(cut)
    assert seg.attrs["profit_cut"] == 0.0
    peak = (seg["revenue"] >= cut) & (seg["net_profit"] > 0)
    drain = (seg["revenue"] >= cut) & (seg["net_profit"] <= 0)
    assert (seg.loc[peak, "segment"] == "Profit Peak").all()
    assert (seg.loc[drain, "segment"] == "Profit Drain").all()
    assert (seg.loc[seg["revenue"] < cut, "segment"] == "Profit Desert").all()
    assert seg["segment"].cat.ordered
    assert list(seg["segment"].cat.categories) == list(SEGMENTS)


def test_segment_custom_cuts(pnl):
    rev = pnl.groupby("customer_id", observed=True)["revenue"].sum()
    cut = float(rev.quantile(0.8))
    seg = segment_customers(pnl, revenue_cut=cut, profit_cut=1000.0)
    assert (seg["segment"] != "Profit Desert").sum() == (rev >= cut).sum()
    assert (seg.loc[seg["segment"] == "Profit Peak", "net_profit"] > 1000).all()
    assert (seg.loc[seg["segment"] == "Profit Drain", "net_profit"] <= 1000).all()


def test_segment_adds_names_from_company(pnl, company):
    seg = segment_customers(pnl, company=company)
    names = dict(zip(company.customers["customer_id"].astype(str), company.customers["customer_name"]))
    assert list(seg["customer_name"]) == [names[c] for c in seg["customer_id"].astype(str)]
    assert "channel_of_trade" in seg.columns


@pytest.mark.parametrize("kwargs, error, match", [
    ({"revenue_cut": -1.0}, ValueError, "revenue_cut=-1.0 is below 0"),
    ({"revenue_cut": "big"}, TypeError, "revenue_cut must be a finite number"),
    ({"revenue_cut": float("nan")}, ValueError, "revenue_cut must be a finite number"),
    ({"profit_cut": True}, TypeError, "profit_cut must be a finite number"),
    ({"profit_cut": float("inf")}, ValueError, "profit_cut must be a finite number"),
])
def test_segment_bad_cuts(pnl, kwargs, error, match):
    with pytest.raises(error, match=match):
        segment_customers(pnl, **kwargs)


def test_segment_needs_customer_id(pnl):
    with pytest.raises(ValueError, match=r"\['customer_id'\]"):
        segment_customers(pnl.drop(columns="customer_id"))


def test_segment_summary_reconciles(pnl):
    seg = segment_customers(pnl)
    summary = segment_summary(seg)
    assert list(summary["segment"]) == list(SEGMENTS)
    assert summary["customers"].sum() == pnl["customer_id"].nunique()
    for col in ("share_of_customers", "share_of_revenue", "share_of_profit", "share_of_cost_to_serve"):
        assert summary[col].sum() == pytest.approx(100), col
    for col in ("revenue", "net_profit", "cost_to_serve"):
        assert summary[col].sum() == pytest.approx(pnl[col].sum()), col
    counts = seg["segment"].value_counts()
    assert dict(zip(summary["segment"], summary["customers"])) == {s: counts[s] for s in SEGMENTS}
    assert summary["prescription"].tolist() == [SEGMENT_PRESCRIPTIONS[s] for s in SEGMENTS]


def test_segment_summary_keeps_empty_segments(pnl):
    summary = segment_summary(segment_customers(pnl, revenue_cut=0.0))
    deserts = summary.set_index("segment").loc["Profit Desert"]
    assert deserts["customers"] == 0
    assert deserts["revenue"] == 0


def test_segment_summary_nonpositive_profit(losing_pnl):
    summary = segment_summary(segment_customers(losing_pnl))
    assert summary["share_of_profit"].isna().all()


def test_segment_summary_errors(pnl):
    seg = segment_customers(pnl)
    with pytest.raises(ValueError, match=r"no column\(s\) \['segment'\]"):
        segment_summary(seg.drop(columns="segment"))
    bad = seg.assign(segment=seg["segment"].astype(str).replace({"Profit Peak": "Peak"}))
    with pytest.raises(ValueError, match=r"'Peak'.*segment_customers"):
        segment_summary(bad)
    with pytest.raises(TypeError, match="segment_customers"):
        segment_summary(pnl["revenue"])


def test_prescriptions_cover_segments():
    assert set(SEGMENT_PRESCRIPTIONS) == set(SEGMENTS)
    assert "vendor-managed inventory" in SEGMENT_PRESCRIPTIONS["Profit Peak"]
    assert "cross-functional" in SEGMENT_PRESCRIPTIONS["Profit Drain"]
    assert "dedicated team" in SEGMENT_PRESCRIPTIONS["Profit Desert"]


# --------------------------------------------------------------------------
# profit map
# --------------------------------------------------------------------------

def test_profit_map_reconciles_and_keeps_gaps(pnl):
    m = profit_map(pnl)
    assert np.nansum(m.to_numpy()) == pytest.approx(pnl["net_profit"].sum())
    pairs = pd.DataFrame({"c": pnl["customer_id"].astype(str), "p": pnl["product_id"].astype(str)}).drop_duplicates()
    assert m.notna().sum().sum() == len(pairs)
    assert m.shape == (pnl["customer_id"].nunique(), pnl["product_id"].nunique())
    bought = set(map(tuple, pairs.to_numpy()))
    gap = next((c, p) for c in m.index for p in m.columns if (str(c), str(p)) not in bought)
    assert np.isnan(m.loc[gap])


def test_profit_map_order(pnl):
    m = profit_map(pnl)
    assert m.sum(axis=1).is_monotonic_decreasing
    assert m.sum(axis=0).is_monotonic_decreasing


def test_profit_map_top(pnl):
    m = profit_map(pnl, top=(4, 6))
    assert m.shape == (4, 6)
    plain = pnl.copy()
    plain.attrs = {}  # pnl.attrs holds a DataFrame, which pandas cannot compare in nlargest/concat
    top_customers = plain.groupby(plain["customer_id"].astype(str))["revenue"].sum().nlargest(4).index
    assert set(m.index.astype(str)) == set(top_customers)
    assert m.attrs["n_rows_total"] == pnl["customer_id"].nunique()


def test_profit_map_top_is_a_block_of_the_full_map(pnl, company):
    # top= aggregates only the block it shows; it must be exactly that block
    # of the full map, in the full map's order.
    for kwargs in ({"top": (12, 20)}, {"top": 7, "values": "revenue"},
                   {"rows": "channel_of_trade", "columns": "category", "company": company, "top": (3, 4)}):
        top = profit_map(pnl, **kwargs)
        full = profit_map(pnl, **{k: v for k, v in kwargs.items() if k != "top"})
        expected = full.loc[[r for r in full.index if r in top.index], [c for c in full.columns if c in top.columns]]
        pd.testing.assert_frame_equal(top, expected, check_exact=False, rtol=1e-12)
        assert top.attrs["n_rows_total"] == full.attrs["n_rows_total"]
        assert top.attrs["n_columns_total"] == full.attrs["n_columns_total"]


def test_profit_map_values_and_joined_grains(pnl, company):
    m = profit_map(pnl, rows="channel_of_trade", columns="category", values="revenue", company=company)
    assert np.nansum(m.to_numpy()) == pytest.approx(pnl["revenue"].sum())
    assert m.index.name == "channel_of_trade" and m.columns.name == "category"


@pytest.mark.parametrize("kwargs, error, match", [
    ({"top": 0}, ValueError, "top must be a positive int"),
    ({"top": "5"}, TypeError, "top must be a positive int"),
    ({"top": (1, 2, 3)}, ValueError, "top must be a positive int"),
    ({"rows": "product_id"}, ValueError, "rows and columns are both 'product_id'"),
    ({"values": "profit"}, ValueError, r"values='profit' is not a column"),
    ({"rows": ["customer_id"]}, TypeError, "rows must be one column name"),
])
def test_profit_map_errors(pnl, kwargs, error, match):
    with pytest.raises(error, match=match):
        profit_map(pnl, **kwargs)


def test_profit_map_summary(pnl):
    s = profit_map_summary(pnl)
    keys = [pnl["customer_id"].astype(str), pnl["product_id"].astype(str)]
    cells = pnl.groupby(keys)[["revenue", "net_profit"]].sum()
    losing = cells["net_profit"] < 0
    assert s["cells"] == len(cells)
    assert s["losing_cells_pct"] == pytest.approx(losing.mean() * 100)
    losing_revenue = cells.loc[losing, "revenue"].sum() / cells["revenue"].sum() * 100
    assert s["revenue_in_losing_cells_pct"] == pytest.approx(losing_revenue)
    assert s["loss_in_losing_cells"] < 0 < s["profit_in_profitable_cells"]
    assert s["net_profit"] == pytest.approx(pnl["net_profit"].sum())
    with pytest.raises(ValueError, match="rows and columns are both"):
        profit_map_summary(pnl, rows="product_id")


# --------------------------------------------------------------------------
# pocket price
# --------------------------------------------------------------------------

def test_price_waterfall_reconciles(pnl):
    w = price_waterfall(pnl)
    assert list(w["step"]) == list(WATERFALL_STEPS)
    assert list(w["kind"]) == ["price", "deduction", "price", "deduction", "price"]
    v = dict(zip(w["step"], w["value_per_case"]))
    cases = pnl["cases"].sum()
    assert v["List price"] == pytest.approx(pnl["gross_sales"].sum() / cases)
    assert v["Invoice price"] == pytest.approx(pnl["revenue"].sum() / cases)
    assert v["Pocket price"] == pytest.approx((pnl["revenue"].sum() - pnl["cost_trade_promotion"].sum()) / cases)
    assert v["List price"] + v["On-invoice discount"] == pytest.approx(v["Invoice price"])
    assert v["Invoice price"] + v["Off-invoice allowances"] == pytest.approx(v["Pocket price"])
    assert v["On-invoice discount"] <= 0 and v["Off-invoice allowances"] <= 0
    assert w["pct_of_list"].iloc[0] == pytest.approx(100)


def test_price_waterfall_one_product(pnl):
    pid = _busiest_product(pnl)
    w = price_waterfall(pnl, product_id=pid)
    lines = pnl[pnl["product_id"] == pid]
    pocket = w.loc[w["step"] == "Pocket price", "value_per_case"].item()
    expected = (lines["revenue"].sum() - lines["cost_trade_promotion"].sum()) / lines["cases"].sum()
    assert pocket == pytest.approx(expected)
    assert w.attrs["cases"] == pytest.approx(lines["cases"].sum())


def test_price_waterfall_by_group(pnl, company):
    w = price_waterfall(pnl, by="channel_of_trade", company=company)
    groups = w.groupby("channel_of_trade", observed=True)
    assert (groups.size() == len(WATERFALL_STEPS)).all()
    for _, g in groups:
        v = g.set_index("step")["value_per_case"]
        deductions = v["On-invoice discount"] + v["Off-invoice allowances"]
        assert v["List price"] + deductions == pytest.approx(v["Pocket price"])
        assert g["pct_of_list"].iloc[0] == pytest.approx(100)


def test_price_waterfall_errors(pnl):
    with pytest.raises(ValueError, match=r"product_id \['NOPE'\] has no lines"):
        price_waterfall(pnl, product_id="NOPE")
    with pytest.raises(ValueError, match=r"\['cost_trade_promotion'\]"):
        price_waterfall(pnl.drop(columns="cost_trade_promotion"))
    zero = pnl.assign(cases=0.0)
    with pytest.raises(ValueError, match="no cases"):
        price_waterfall(zero)


def test_pocket_price_band(pnl):
    pid = _busiest_product(pnl)
    band = pocket_price_band(pnl, product_id=pid)
    lines = pnl[pnl["product_id"] == pid]
    per = lines.groupby(lines["customer_id"].astype(str))[["revenue", "cost_trade_promotion", "cases"]].sum()
    expected = (per["revenue"] - per["cost_trade_promotion"]) / per["cases"]
    got = band.set_index(band["customer_id"].astype(str))["pocket_price"]
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)
    assert band["pocket_price"].is_monotonic_decreasing
    assert band["share_of_cases"].sum() == pytest.approx(100)
    assert band.attrs["min"] == pytest.approx(expected.min())
    assert band.attrs["max"] == pytest.approx(expected.max())
    assert band.attrs["spread_pct"] == pytest.approx((expected.max() - expected.min()) / expected.min() * 100)
    waterfall = price_waterfall(pnl, product_id=pid)
    assert band.attrs["mean"] == pytest.approx(waterfall["value_per_case"].iloc[-1])


def test_pocket_price_band_by_channel(pnl, company):
    pid = _busiest_product(pnl)
    band = pocket_price_band(pnl, product_id=pid, by="channel_of_trade", company=company)
    assert band["cases"].sum() == pytest.approx(pnl.loc[pnl["product_id"] == pid, "cases"].sum())


@pytest.mark.parametrize("kwargs, error, match", [
    ({"product_id": None}, TypeError, "one product"),
    ({"product_id": ["P0001", "P0002"]}, TypeError, "one product"),
    ({"product_id": "NOPE"}, ValueError, "has no lines"),
    ({"product_id": "P0001", "by": ["customer_id"]}, TypeError, "by must be one column name"),
])
def test_pocket_price_band_errors(pnl, kwargs, error, match):
    with pytest.raises(error, match=match):
        pocket_price_band(pnl, **kwargs)
