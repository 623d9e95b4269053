import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import casekit as ck
from casekit.case.company import era_to_float


def test_same_seed_same_frames():
    a = ck.make_company(era=0.7, seed=5, n_customers=50, n_products=60)
    b = ck.make_company(era=0.7, seed=5, n_customers=50, n_products=60)
    for name in a.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_generator_seed_accepted():
    a = ck.make_company(seed=np.random.default_rng(3), n_customers=20, n_products=30)
    b = ck.make_company(seed=np.random.default_rng(3), n_customers=20, n_products=30)
    pd.testing.assert_frame_equal(a.lines, b.lines)


def test_different_seeds_differ():
    a = ck.make_company(seed=1, n_customers=30, n_products=40)
    b = ck.make_company(seed=2, n_customers=30, n_products=40)
    assert not a.lines[["cases"]].equals(b.lines[["cases"]])


def test_same_accounts_in_every_era():
    mass = ck.make_company(era="mass", seed=9, n_customers=60, n_products=80)
    prec = ck.make_company(era="precision", seed=9, n_customers=60, n_products=80)
    cols = ["customer_id", "customer_name", "channel_of_trade", "region", "rep_id", "distance_km"]
    pd.testing.assert_frame_equal(mass.customers[cols], prec.customers[cols])


def test_keys_are_categorical_and_consistent(small_company):
    co = small_company
    for table, cols in {"customers": ["customer_id", "rep_id"], "orders": ["order_id", "customer_id", "delivery_id"],
                        "lines": ["order_id", "product_id"], "products": ["product_id"]}.items():
        for col in cols:
            assert isinstance(getattr(co, table)[col].dtype, pd.CategoricalDtype), (table, col)
    assert co.lines["order_id"].isin(co.orders["order_id"]).all()
    assert co.lines["product_id"].isin(co.products["product_id"]).all()
    assert co.orders["customer_id"].isin(co.customers["customer_id"]).all()
    assert co.customers["rep_id"].isin(co.reps["rep_id"]).all()
    assert not co.lines.duplicated(["order_id", "product_id"]).any()


def test_prices_are_consistent(small_company):
    l = small_company.lines
    np.testing.assert_allclose(l["invoice_price"], l["list_price"] - l["on_invoice_discount"], atol=0.0051)
    assert (l["cases"] >= 1).all()
    assert (l["returned_cases"] <= l["cases"]).all()
    assert (l["off_invoice_allowance"] >= 0).all()


def test_era_moves_catalogue_and_price_dispersion():
    mass = ck.make_company(era="mass", seed=9)
    prec = ck.make_company(era="precision", seed=9)
    assert len(prec.products) > len(mass.products)
    assert mass.products["is_niche"].sum() == 0
    assert len(prec.launches) > len(mass.launches)

    def disc_spread(co):
        rate = co.lines["on_invoice_discount"] / co.lines["list_price"]
        return rate.std()

    assert disc_spread(prec) > 5 * disc_spread(mass)


def test_era_aliases_and_validation():
    assert era_to_float("Mass") == 0.0
    with pytest.raises(ValueError, match="era='modern' is not known"):
        ck.make_company(era="modern")
    with pytest.raises(ValueError, match="outside"):
        ck.make_company(era=1.5)
    with pytest.raises(TypeError, match="era must be"):
        ck.make_company(era=None)
    with pytest.raises(ValueError, match="n_customers=0"):
        ck.make_company(n_customers=0)
    with pytest.raises(TypeError, match="n_products must be an integer"):
        ck.make_company(n_products=2.5)
    with pytest.raises(ValueError, match="months=40"):
        ck.make_company(months=40)
    with pytest.raises(ValueError, match="lines_scale"):
        ck.make_company(lines_scale=0)


def test_months_sets_the_period():
    co = ck.make_company(seed=2, n_customers=20, n_products=30, months=3)
    assert co.orders["order_date"].max() < pd.Timestamp("2025-04-01")
    assert co.orders["order_date"].min() >= pd.Timestamp("2025-01-01")


def test_launch_calendar_matches_products():
    co = ck.make_company(seed=4)
    new = co.products[co.products["is_new"]]
    assert new["launch_id"].notna().all()
    per_launch = new.groupby("launch_id").size()
    assert per_launch.sort_index().tolist() == co.launches.set_index("launch_id")["n_skus"].sort_index().tolist()
    assert set(co.launches["launch_size"]) == {"minor", "major"}


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(-5, 5_000), max_size=300))
def test_unique_inverse_matches_numpy(values):
    from casekit.case.company import _unique_inverse

    key = np.asarray(values, dtype=np.int64)
    u1, i1 = np.unique(key, return_inverse=True)
    u2, i2 = _unique_inverse(key)
    np.testing.assert_array_equal(u1, u2)
    np.testing.assert_array_equal(i1.ravel(), i2)
