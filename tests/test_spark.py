"""Spark and DuckDB run the same costing statements and agree to the cent.

One local Spark session (``local[2]``, no UI, 4 shuffle partitions) serves
the whole module.  Needs pyspark (the test extra) and a Java runtime
(``.ci/run`` installs one); without them these tests fail, they do not skip.
"""

import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit.costing.engine import driver_totals

# pyspark 4.3 warns on import that pandas 3 is not fully supported; results come back as Arrow.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")

KEYS = ["line_id", "order_id", "customer_id", "product_id", "delivery_id", "rep_id"]


@pytest.fixture(scope="module")
def spark():
    from casekit.costing.spark import local_session

    session = local_session(2)
    yield session
    session.stop()


def _parquet(company, folder):
    paths = {}
    for name in ("customers", "products", "orders", "lines"):
        paths[name] = str(folder / f"{name}.parquet")
        getattr(company, name).to_parquet(paths[name], index=False)
    return paths


def assert_same_to_the_cent(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]):
    assert list(a.columns) == list(b.columns)
    assert len(a) == len(b)
    a = a.sort_values(keys, ignore_index=True)
    b = b.sort_values(keys, ignore_index=True)
    for col in a.columns:
        if pd.api.types.is_float_dtype(b[col]):
            diff = np.abs(a[col].to_numpy() - b[col].to_numpy())
            assert diff.max() < 0.005, col
        else:
            assert (a[col].astype(str).to_numpy() == b[col].astype(str).to_numpy()).all(), col


@pytest.fixture(scope="module")
def edge_company():
    # Small, with the cases that move money: a customer without orders and one given everything free.
    co = ck.make_company(seed=5, n_customers=25, n_products=30, months=3)
    customers = co.customers.copy()
    cats = [*customers["customer_id"].cat.categories, "C9999"]
    customers["customer_id"] = customers["customer_id"].cat.set_categories(cats)
    extra = customers.iloc[[0]].assign(customer_id=pd.Categorical(["C9999"], categories=cats))
    customers = pd.concat([customers, extra], ignore_index=True)
    orders = co.orders.assign(customer_id=co.orders["customer_id"].cat.set_categories(cats))
    lines = co.lines.copy()
    free = lines["order_id"].isin(orders.loc[orders["customer_id"] == customers["customer_id"].iloc[0], "order_id"])
    lines.loc[free, ["list_price", "on_invoice_discount", "invoice_price"]] = 0.0
    return ck.Company(customers=customers, products=co.products, orders=orders, lines=lines,
                      reps=co.reps, launches=co.launches, params=co.params)


def test_lines_and_rollups_match_duckdb_and_conserve(spark, edge_company, tmp_path):
    co = edge_company
    lines = ck.cost_to_serve(co, engine="spark", spark=spark)
    assert_same_to_the_cent(lines, ck.cost_to_serve(co), KEYS)
    # Conservation on Spark: every activity's cost reaches lines or is reported unallocated.
    expected = driver_totals(co).groupby("activity", sort=False)["cost"].sum()
    un = pd.DataFrame(lines.attrs["unallocated"])
    assert list(un["customer_id"]) == ["C9999"]
    for activity, cost in expected.items():
        got = lines["cost_" + activity].sum() + un.loc[un["activity"] == activity, "cost"].sum()
        assert got == pytest.approx(cost, rel=1e-9, abs=1e-6), activity
    cents_in = int(((co.lines["cases"] * co.lines["invoice_price"]).round(2) * 100).round().sum())
    assert int((lines["revenue"].round(2) * 100).round().sum()) == cents_in
    # Roll-ups inside Spark, from Parquet files, against DuckDB on the same files.
    paths = _parquet(co, tmp_path)
    for by in (["customer_id", "product_id"], ["month", "region"], "order_channel"):
        keys = [by] if isinstance(by, str) else by
        on_spark = ck.cost_to_serve(paths, by=by, engine="spark", spark=spark)
        assert_same_to_the_cent(on_spark, ck.cost_to_serve(paths, by=by), keys)
    assert on_spark["revenue"].sum() == pytest.approx(lines["revenue"].sum(), abs=0.005)


def test_a_million_lines_match_duckdb(spark, tmp_path):
    co = ck.make_company(era="precision", seed=2026, n_customers=4200, n_products=2000)
    assert len(co.lines) > 900_000
    paths = _parquet(co, tmp_path)
    del co
    # One roll-up, every group and column to the cent.
    by = ["customer_id", "product_id"]
    on_spark = ck.cost_to_serve(paths, by=by, engine="spark", spark=spark)
    assert_same_to_the_cent(on_spark, ck.cost_to_serve(paths, by=by), by)
    assert isinstance(on_spark["customer_id"].dtype, pd.CategoricalDtype)
    # One line-level pass: the same lines in the same order, a sample of them
    # compared column by column, and all of them through their sums.
    lines = ck.cost_to_serve(paths, engine="spark", spark=spark)
    ref = ck.cost_to_serve(paths)
    assert (lines["line_id"].to_numpy() == ref["line_id"].to_numpy()).all()
    sample = np.sort(np.random.default_rng(0).choice(len(ref), 20_000, replace=False))
    assert_same_to_the_cent(lines.iloc[sample], ref.iloc[sample], KEYS)
    for col in ("revenue", "cost_to_serve", "net_profit"):
        assert lines[col].sum() == pytest.approx(ref[col].sum(), abs=0.005), col
    # The roll-up is the lines summed, on Spark too.
    summed = lines.groupby("customer_id", observed=True)["net_profit"].sum()
    rolled = on_spark.groupby("customer_id", observed=True)["net_profit"].sum()
    assert (summed - rolled).abs().max() < 0.005


def test_spark_says_what_it_reads(spark, tmp_path, small_company):
    with pytest.raises(FileNotFoundError, match="lines"):
        ck.cost_to_serve({"customers": small_company.customers, "products": small_company.products,
                          "orders": small_company.orders, "lines": str(tmp_path / "nope.parquet")},
                         engine="spark", spark=spark)
    with pytest.raises(ValueError, match="engine must be"):
        ck.cost_to_serve(small_company, engine="polars")
