import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casekit as ck
from casekit.costing import engine
from casekit.costing.engine import driver_totals
from casekit.costing.rates import RateCard


def check_conservation(company, rates, pnl):
    expected = driver_totals(company, rates).groupby("activity", sort=False)["cost"].sum()
    un = pd.DataFrame(pnl.attrs["unallocated"])
    unalloc = un.groupby("activity")["cost"].sum() if len(un) else {}
    for activity, cost in expected.items():
        col = "cost_" + activity
        got = pnl[col].sum() + float(unalloc.get(activity, 0.0))
        assert got == pytest.approx(cost, rel=1e-9, abs=1e-6), activity
    # Nothing lost between input and output.
    lines = company.lines
    assert len(pnl) == len(lines)
    assert pnl["cases"].sum() == lines["cases"].sum()
    assert pnl["revenue"].sum() == pytest.approx((lines["cases"] * lines["invoice_price"]).sum(), abs=0.005)
    np.testing.assert_allclose(pnl["cost_to_serve"], pnl[pnl.attrs["activities"]].sum(axis=1), rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(pnl["net_profit"], pnl["gross_margin"] - pnl["cost_to_serve"], rtol=1e-12, atol=1e-9)


def test_conservation_on_classroom_case(precision_case, precision_pnl):
    check_conservation(precision_case, RateCard.default(), precision_pnl)


def test_revenue_reconciles_to_the_cent(precision_case, precision_pnl):
    l = precision_case.lines
    cents_in = int(((l["cases"] * l["invoice_price"]).round(2) * 100).round().sum())
    cents_out = int((precision_pnl["revenue"].round(2) * 100).round().sum())
    assert cents_in == cents_out


def test_order_handling_by_hand(precision_case, precision_pnl):
    # One EDI order with several lines: $4 split equally over its lines.
    co = precision_case
    edi = co.orders[co.orders["order_channel"] == "EDI"]["order_id"]
    counts = co.lines[co.lines["order_id"].isin(edi)].groupby("order_id", observed=True).size()
    oid = counts[counts > 2].index[0]
    rows = precision_pnl[precision_pnl["order_id"] == oid]
    edi_order = RateCard.default().rate("order_handling", "orders", "EDI")
    assert rows["cost_order_handling"].sum() == pytest.approx(edi_order)
    assert rows["cost_order_handling"].nunique() == 1


def _random_rates(draw_scales):
    t = RateCard.default().table.copy()
    t["rate"] = t["rate"] * np.asarray(draw_scales)
    return RateCard(t)


N_RATES = len(RateCard.default().table)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    era=st.floats(0, 1),
    n_customers=st.integers(1, 25),
    n_products=st.integers(3, 30),
    scales=st.lists(st.floats(0, 5), min_size=N_RATES, max_size=N_RATES),
)
def test_conservation_property(seed, era, n_customers, n_products, scales):
    co = ck.make_company(era=era, seed=seed, n_customers=n_customers, n_products=n_products, months=2)
    rates = _random_rates(scales)
    check_conservation(co, rates, ck.cost_to_serve(co, rates))


def _with_edge_cases(co):
    customers = co.customers.copy()
    # A customer with no orders at all.
    new_id = "C9999"
    cats = list(customers["customer_id"].cat.categories) + [new_id]
    customers["customer_id"] = customers["customer_id"].cat.set_categories(cats)
    extra = customers.iloc[[0]].copy()
    extra["customer_id"] = pd.Categorical([new_id], categories=cats)
    extra["sales_calls_per_year"] = 24
    customers = pd.concat([customers, extra], ignore_index=True)
    orders = co.orders.copy()
    orders["customer_id"] = orders["customer_id"].cat.set_categories(cats)
    # A zero-revenue customer: every line of customer 0 given away.
    lines = co.lines.copy()
    first = orders.loc[orders["customer_id"] == customers["customer_id"].iloc[0], "order_id"]
    free = lines["order_id"].isin(first)
    lines.loc[free, ["list_price", "on_invoice_discount", "invoice_price"]] = 0.0
    return ck.Company(customers=customers, products=co.products, orders=orders, lines=lines,
                      reps=co.reps, launches=co.launches, params=co.params)


def test_edge_cases_conserve():
    co = _with_edge_cases(ck.make_company(seed=3, n_customers=12, n_products=20, months=2))
    pnl = ck.cost_to_serve(co)
    check_conservation(co, RateCard.default(), pnl)
    un = pd.DataFrame(pnl.attrs["unallocated"])
    assert list(un["customer_id"]) == ["C9999"]
    assert un["cost"].iloc[0] == pytest.approx(24 * 2 / 12 * 180.0)
    zero = co.customers["customer_id"].iloc[0]
    calls = pnl.loc[pnl["customer_id"] == zero, "cost_sales_calls"]
    assert (calls > 0).all()  # split by cases when revenue is zero


def test_one_line_orders_carry_the_whole_order_cost():
    co = ck.make_company(seed=8, n_customers=10, n_products=10, months=1)
    one = co.lines.groupby("order_id", observed=True).size()
    one = one[one == 1].index
    pnl = ck.cost_to_serve(co)
    rows = pnl[pnl["order_id"].isin(one)].merge(co.orders[["order_id", "order_channel"]], on="order_id")
    rates = RateCard.default()
    for row in rows.head(5).itertuples():
        expected = rates.rate("order_handling", "orders", row.order_channel)
        if row.order_channel in ("phone/fax", "rep-taken"):
            expected += rates.rate("order_handling", "order_lines", row.order_channel)
        assert row.cost_order_handling == pytest.approx(expected)


def test_rollup_in_engine_matches_lines(precision_case, precision_pnl):
    by = ck.cost_to_serve(precision_case, by=["customer_id", "product_id"])
    assert by["revenue"].sum() == pytest.approx(precision_pnl["revenue"].sum(), rel=1e-12)
    assert by["net_profit"].sum() == pytest.approx(precision_pnl["net_profit"].sum(), rel=1e-9)
    ref = precision_pnl.groupby(["customer_id", "product_id"], observed=True)["net_profit"].sum()
    got = by.set_index(["customer_id", "product_id"])["net_profit"]
    pd.testing.assert_series_equal(got.sort_index(), ref.sort_index(), check_names=False, rtol=1e-9)


@pytest.mark.parametrize("by", [["customer_id", "product_id"], ["order_id"], "customer_id"])
def test_rollup_in_customer_slices_is_the_whole_rollup(monkeypatch, precision_case, by):
    # Client-sized roll-ups in SQL run customer slice by customer slice under
    # the memory cap; here a tiny slice size forces several slices.
    monkeypatch.setattr("casekit.costing.engine.DENSE_ROLLUPS", False)
    whole = ck.cost_to_serve(precision_case, by=by)
    monkeypatch.setattr("casekit.costing.engine.LINES_PER_GB", 5_000)
    assert engine._parts_for(len(precision_case.lines), 1e9, by) > 10
    sliced = ck.cost_to_serve(precision_case, by=by)
    pd.testing.assert_frame_equal(sliced, whole, rtol=1e-12)


def test_large_rollup_streams_to_disk_and_comes_back_the_same(monkeypatch, precision_case):
    # Past PARK_LINES a one-pass roll-up in SQL streams its result to an Arrow file batch by batch.
    monkeypatch.setattr("casekit.costing.engine.DENSE_ROLLUPS", False)
    by = ["customer_id", "product_id"]
    whole = ck.cost_to_serve(precision_case, by=by)
    parked = []
    real = engine._park
    monkeypatch.setattr("casekit.costing.engine._park", lambda *a: parked.append(a[2]) or real(*a))
    assert ck.cost_to_serve(precision_case, by=by) is not None and parked == []
    monkeypatch.setattr("casekit.costing.engine.PARK_LINES", 0)
    got = ck.cost_to_serve(precision_case, by=by)
    assert len(parked) == 1
    pd.testing.assert_frame_equal(got, whole, rtol=1e-12)  # parallel sums may differ in the last bit


def test_engine_reads_parquet_and_csv(tmp_path, small_company):
    paths = {}
    for name in ("customers", "products", "orders", "lines"):
        frame = getattr(small_company, name)
        p = tmp_path / f"{name}.parquet"
        frame.to_parquet(p)
        paths[name] = str(p)
    by_file = ck.cost_to_serve(paths, by="customer_id")
    by_frame = ck.cost_to_serve(small_company, by="customer_id")
    # Period length is inferred from order dates when reading files.
    assert by_file["revenue"].sum() == pytest.approx(by_frame["revenue"].sum())
    lines_csv = tmp_path / "lines.csv"
    small_company.lines.to_csv(lines_csv, index=False)
    paths["lines"] = str(lines_csv)
    assert ck.cost_to_serve(paths, by="customer_id")["cases"].sum() == small_company.lines["cases"].sum()


def test_bad_inputs_say_what_to_fix(small_company, tmp_path):
    with pytest.raises(TypeError, match="needs a Company"):
        ck.cost_to_serve(small_company.lines)
    with pytest.raises(TypeError, match="rates must be a RateCard"):
        ck.cost_to_serve(small_company, rates={"delivery": 1})
    with pytest.raises(ValueError, match="not a grain"):
        ck.cost_to_serve(small_company, by="colour")
    with pytest.raises(FileNotFoundError, match="lines"):
        ck.cost_to_serve({"customers": small_company.customers, "products": small_company.products,
                          "orders": small_company.orders, "lines": str(tmp_path / "nope.parquet")})
    with pytest.raises(ValueError, match="table 'orders' is missing"):
        ck.cost_to_serve({"customers": small_company.customers, "products": small_company.products,
                          "lines": small_company.lines})


def test_pnl_survives_ordinary_pandas(precision_pnl):
    top = precision_pnl.groupby("customer_id", observed=True)["net_profit"].sum().nlargest(5)
    both = pd.concat([precision_pnl.head(3), precision_pnl.tail(3)])
    assert len(top) == 5 and len(both) == 6


def _parquet_tables(company, folder):
    paths = {}
    for name in ("customers", "products", "orders", "lines"):
        path = folder / f"{name}.parquet"
        getattr(company, name).to_parquet(path, index=False)
        paths[name] = str(path)
    return paths


def test_results_come_sorted_and_keys_categorical_from_files(tmp_path, small_company):
    paths = _parquet_tables(small_company, tmp_path)
    by = ck.cost_to_serve(paths, by=["customer_id", "product_id"])
    # Keys from files come back categorical too, rows sorted by the keys.
    assert isinstance(by["customer_id"].dtype, pd.CategoricalDtype)
    assert isinstance(by["product_id"].dtype, pd.CategoricalDtype)
    pairs = list(zip(by["customer_id"].astype(str), by["product_id"].astype(str)))
    assert pairs == sorted(pairs)
    assert not by.duplicated(["customer_id", "product_id"]).any()
    lines = ck.cost_to_serve(paths)
    assert lines["line_id"].is_monotonic_increasing
    assert len(lines) == len(small_company.lines)
    # The same rows as from the frames (costs differ: files infer the
    # period from order dates).
    from_frames = ck.cost_to_serve(small_company, by=["customer_id", "product_id"])
    np.testing.assert_allclose(by["revenue"], from_frames["revenue"], rtol=1e-12)
    assert (by["customer_id"].astype(str).to_numpy() == from_frames["customer_id"].astype(str).to_numpy()).all()


def test_a_month_and_channel_rollup_sorts_by_both(small_company):
    by = ck.cost_to_serve(small_company, by=["month", "region"])
    keys = list(zip(by["month"], by["region"].cat.codes))
    assert keys == sorted(keys)
    lines = small_company.lines
    assert by["revenue"].sum() == pytest.approx((lines["cases"] * lines["invoice_price"]).sum())


def test_memory_limit_and_a_callers_connection(small_company):
    import duckdb

    capped = ck.cost_to_serve(small_company, by="customer_id", memory_limit="200MB")
    uncapped = ck.cost_to_serve(small_company, by="customer_id", memory_limit=None)
    pd.testing.assert_frame_equal(capped, uncapped)
    con = duckdb.connect()
    con.execute("SET memory_limit = '3GB'")
    ck.cost_to_serve(small_company, by="customer_id", connection=con)
    # The caller's connection stays open, with the caller's settings.
    number, unit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0].split()
    scale = {"GiB": 2**30, "GB": 1e9, "MiB": 2**20, "MB": 1e6}[unit]
    assert float(number) * scale == pytest.approx(3e9, rel=0.05)
    con.close()
    with pytest.raises(duckdb.Error):
        ck.cost_to_serve(small_company, by="customer_id", memory_limit="a lot")


def test_repeated_customer_ids_are_named(small_company):
    customers = pd.concat([small_company.customers, small_company.customers.iloc[[3]]], ignore_index=True)
    tables = {"customers": customers, "products": small_company.products,
              "orders": small_company.orders, "lines": small_company.lines}
    repeated = str(small_company.customers["customer_id"].iloc[3])
    with pytest.raises(ValueError, match=rf"customers: column customer_id repeats ids \['{repeated}'\]"):
        ck.cost_to_serve(tables)


@pytest.mark.parametrize("by", [None, ["customer_id", "product_id"]])
def test_repeated_order_ids_are_named(small_company, tmp_path, by):
    # A repeated order used to cost each of its lines twice, silently (revenue over by the order's).
    orders = pd.concat([small_company.orders, small_company.orders.iloc[[5, 5, 9]]], ignore_index=True)
    orders.to_parquet(tmp_path / "orders.parquet", index=False)
    tables = {"customers": small_company.customers, "products": small_company.products,
              "orders": str(tmp_path / "orders.parquet"), "lines": small_company.lines}
    repeated = sorted(str(small_company.orders["order_id"].iloc[i]) for i in (5, 9))
    with pytest.raises(ValueError, match=rf"orders: column order_id repeats ids \['{repeated[0]}', '{repeated[1]}'\]"):
        ck.cost_to_serve(tables, by=by)
    tables["orders"] = small_company.orders  # the control: one row per order goes through
    assert len(ck.cost_to_serve(tables, by=by)) > 0


@pytest.mark.parametrize("parked", [False, True])
def test_conversion_keeps_strings_dates_and_nulls(parked, tmp_path):
    import pyarrow as pa

    from casekit.costing.handover import _Parked, _parts_to_pandas

    batches = [pa.record_batch({"k": pa.array([3, 1], pa.int64()), "name": ["c", "a"],
                                "day": pa.array([pa.scalar(2, pa.date32()).as_py()] * 2, pa.date32()),
                                "x": pa.array([1.5, None])}),
               pa.record_batch({"k": pa.array([2], pa.int64()), "name": ["b"],
                                "day": pa.array([pa.scalar(3, pa.date32()).as_py()], pa.date32()),
                                "x": pa.array([2.5])})]
    parts = [pa.Table.from_batches(batches)]
    if parked:
        # Slices of a large roll-up come back from Arrow files, sorted together.
        parts = []
        for i, batch in enumerate(batches):
            path = tmp_path / f"part{i}.arrow"
            with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, batch.schema) as writer:
                writer.write_batch(batch)
            nulls = {name: batch.column(name).null_count for name in batch.schema.names}
            parts.append(_Parked(path, pa.table({"k": batch.column("k")}), nulls))
    handover = list(parts)
    out = _parts_to_pandas(handover, ["k"])
    assert handover == []
    assert out["k"].tolist() == [1, 2, 3]
    assert out["name"].tolist() == ["a", "b", "c"]
    assert out["x"].isna().tolist() == [True, False, False]
    assert out["x"].iloc[1:].tolist() == [2.5, 1.5]
    assert [str(d) for d in out["day"]] == ["1970-01-03", "1970-01-04", "1970-01-03"]


def test_rollups_at_every_grain_match_the_lines_with_conditions_at_every_level():
    # A roll-up applies each rule where its factors are fixed (after the
    # group-by, per order, or line by line); with conditions on customers,
    # products and orders and drivers split every way, every grain must still
    # sum the line-level costs.
    co = ck.make_company(seed=5, n_customers=40, n_products=30, months=3)
    table = RateCard.default().table
    extra = pd.DataFrame([
        ("delivery", "deliveries", "region", str(co.customers["region"].iloc[0]), 7.0, "$/drop", "test"),
        ("sales_calls", "sales_calls", "channel_of_trade", str(co.customers["channel_of_trade"].iloc[0]), 11.0,
         "$/call", "test"),
        ("picking", "rush_orders", "pick_type", "split_case", 5.0, "$/order", "test"),
        ("returns", "inventory_dollar_days", "order_channel", "EDI", 0.001, "$/($ x day)", "test"),
        ("rush_handling", "delivery_km", "pick_type", "full_case", 0.3, "$/km", "test"),
    ], columns=table.columns)
    rates = RateCard(pd.concat([table, extra], ignore_index=True))
    lines = ck.cost_to_serve(co, rates)
    joined = (lines.merge(co.orders[["order_id", "order_channel", "order_date"]].rename(columns={"order_date": "day"}),
                          on="order_id")
              .merge(co.customers[["customer_id", "region", "channel_of_trade"]], on="customer_id")
              .merge(co.products[["product_id", "pick_type", "brand", "category"]], on="product_id")
              .assign(lines=1))
    joined["month"] = pd.to_datetime(joined["day"]).dt.strftime("%Y-%m")
    cols = ["lines", "cases", "revenue", "cogs", *lines.attrs["activities"], "cost_to_serve", "net_profit"]
    for by in (["customer_id", "product_id"], "customer_id", "product_id", "order_id", ["month", "region"],
               "rep_id", "pick_type", "delivery_id", "order_channel", ["channel_of_trade", "brand"], "category"):
        keys = [by] if isinstance(by, str) else by
        got = ck.cost_to_serve(co, rates, by=by)
        got = got.assign(**{k: got[k].astype(str) for k in keys}).set_index(keys)[cols]
        ref = joined.assign(**{k: joined[k].astype(str) for k in keys}).groupby(keys)[cols].sum()
        assert len(got) == len(ref), by
        pd.testing.assert_frame_equal(got.sort_index(), ref.sort_index(), check_dtype=False, rtol=1e-9,
                                      check_names=False, obj=str(by))


@pytest.mark.parametrize("case", ["unique pairs", "repeated pairs", "wide keys", "strings"])
def test_sort_rank_is_the_place_a_stable_sort_gives(case):
    # _sort_rank counts keys from a bitmap when they are unique and dense; it must agree with a stable sort.
    import pyarrow as pa

    from casekit.costing.handover import _sort_rank

    rng = np.random.default_rng(7)
    n, customers, products = 20_000, 400, 300
    if case == "repeated pairs":
        cells = rng.integers(0, customers * products, n)
    else:
        cells = rng.choice(customers * products, size=n, replace=False)
    c, p = cells // products + 1, cells % products + 1
    if case == "wide keys":
        c = c * 1_000_003  # a space too large for the bitmap
    table = pa.table({"c": c.astype(np.int32 if case != "wide keys" else np.int64), "p": p.astype(np.int32)})
    if case == "strings":
        table = pa.table({"c": [f"C{x:05d}" for x in c], "p": p.astype(np.int32)})
    reference = np.empty(n, dtype=np.int64)
    reference[np.lexsort([p, c])] = np.arange(n)
    assert np.array_equal(_sort_rank(table, ["c", "p"]), reference)


def test_rollup_keeps_join_sides_and_the_callers_optimizer_settings(monkeypatch, small_company):
    import duckdb

    seen = []
    real = engine._park
    monkeypatch.setattr("casekit.costing.engine.DENSE_ROLLUPS", False)
    monkeypatch.setattr("casekit.costing.engine.PARK_LINES", 0)
    monkeypatch.setattr("casekit.costing.engine._park", lambda run, *a: seen.append(
        run.con.execute("SELECT current_setting('disabled_optimizers')").fetchall()[0][0]) or real(run, *a))
    con = duckdb.connect()
    con.execute("SET disabled_optimizers = 'top_n'")
    got = ck.cost_to_serve(small_company, by=["customer_id", "product_id"], connection=con)
    # While the roll-up runs, DuckDB may not swap its join sides; afterwards the caller's setting is back.
    assert seen and all(set(s.split(",")) == {"top_n", "build_side_probe_side"} for s in seen)
    assert con.execute("SELECT current_setting('disabled_optimizers')").fetchall() == [("top_n",)]
    con.close()
    whole = ck.cost_to_serve(small_company, by=["customer_id", "product_id"])
    pd.testing.assert_frame_equal(got, whole, rtol=1e-12)


@pytest.mark.parametrize("by", [["customer_id", "product_id"], ["product_id", "customer_id"], "customer_id",
                                "product_id"])
def test_rollup_summed_in_arrays_is_the_sql_rollup(monkeypatch, precision_case, by):
    # Roll-ups to customers and products sum in arrays (casekit.costing.dense); the SQL roll-up is the reference:
    # same rows in the same order, same columns and types, the same numbers but for the order of the additions.
    taken = []
    real = engine.dense_rollup
    monkeypatch.setattr("casekit.costing.engine.dense_rollup", lambda *a, **k: taken.append(real(*a, **k)) or taken[-1])
    got = ck.cost_to_serve(precision_case, by=by)
    assert len(taken) == 1 and taken[0] is not None
    monkeypatch.setattr("casekit.costing.engine.DENSE_ROLLUPS", False)
    sql = ck.cost_to_serve(precision_case, by=by)
    pd.testing.assert_frame_equal(got, sql, rtol=1e-12)
    assert got.attrs == sql.attrs


def test_rollup_falls_back_to_sql_for_missing_measures_large_grids_and_mixed_coefficients(monkeypatch,
                                                                                          small_company):
    from casekit.costing import dense

    by = ["customer_id", "product_id"]
    seen = []
    real = engine.dense_rollup  # the engine's own (doctests may import the module a second time)

    def spy(*args, **kwargs):
        try:
            seen.append(real(*args, **kwargs))
        except engine.NotDense as error:
            seen.append(str(error))
            raise
        return seen[-1]

    monkeypatch.setattr("casekit.costing.engine.dense_rollup", spy)

    def both(company, rates=None):
        seen.clear()
        got = ck.cost_to_serve(company, rates, by=by)
        monkeypatch.setattr("casekit.costing.engine.DENSE_ROLLUPS", False)
        sql = ck.cost_to_serve(company, rates, by=by)
        monkeypatch.setattr("casekit.costing.engine.DENSE_ROLLUPS", True)
        pd.testing.assert_frame_equal(got, sql, rtol=1e-12)
        return got

    # A NULL measure: SQL's sum skips it, and so does the result.
    lines = small_company.lines.copy()
    lines["returned_cases"] = lines["returned_cases"].astype(float)
    lines.loc[lines.index[:5], "returned_cases"] = np.nan
    holed = {"customers": small_company.customers, "products": small_company.products,
             "orders": small_company.orders, "lines": lines}
    got = both(holed)
    assert seen == ["line measure returned_cases has 5 NULL values"]
    assert got["returned_cases"].sum() == lines["returned_cases"].sum()
    # A coefficient that reads both the customer and the product: the SQL roll-up applies it group by group.
    table = RateCard.default().table
    mixed = RateCard(pd.concat([table, pd.DataFrame(
        [("picking", "delivery_km", "pick_type", "split_case", 0.3, "$/km", "test")], columns=table.columns)],
        ignore_index=True))
    both(small_company, mixed)
    assert len(seen) == 1 and seen[0] is None
    assert dense.dense_rollup_query(mixed, "customer_id", spans={"_ck": 2}) is not None
    # A grid with more cells than the lines allow.
    both(small_company)
    assert len(seen) == 1 and isinstance(seen[0], engine.Summed)
    monkeypatch.setitem(real.__globals__, "CELLS_PER_LINE", 0)
    monkeypatch.setitem(real.__globals__, "_MIN_CELLS", 0)
    both(small_company)
    assert len(seen) == 1 and seen[0] is None


def test_rollup_summed_in_customer_slices_is_the_whole(monkeypatch, precision_case):
    # Orders too many for the memory cap: both passes run customer slice by customer slice, adding into the
    # same sums, under a cap lowered for the sums' room and then put back.
    by = ["customer_id", "product_id"]
    whole = ck.cost_to_serve(precision_case, by=by)
    summed = engine.dense_rollup.__globals__
    parts = []
    real = summed["_parts"]
    monkeypatch.setitem(summed, "BYTES_PER_ORDER", 1e6)
    monkeypatch.setitem(summed, "_parts", lambda run, cap: parts.append(real(run, cap)) or parts[-1])
    caps = []
    real_reader = engine._DuckDB.reader
    monkeypatch.setattr(engine._DuckDB, "reader", lambda run, sql, **kw: caps.append(run.memory_limit_bytes())
                        or real_reader(run, sql, **kw))
    sliced = ck.cost_to_serve(precision_case, by=by)
    assert len(parts) == 2 and all(len(p) > 5 for p in parts)
    assert len(caps) == len(parts[0]) + len(parts[1]) and min(caps) < max(caps)
    pd.testing.assert_frame_equal(sliced, whole, rtol=1e-12)


@pytest.mark.parametrize("rowids", [True, False], ids=["rowid", "row_number"])
def test_order_pass_makes_the_order_totals_and_the_grid_of_the_sql_path(precision_case, monkeypatch, rowids):
    # One pass over the lines gives the order totals (order_base) and the roll-up's grid; the SQL
    # statements and a pandas count of the pairs are the references.  Orders are numbered by their
    # rowid, or by row_number() where the rowids do not run from 0 without a gap.
    from casekit.costing import dense, query

    if not rowids:
        monkeypatch.setattr(dense, "rowids_run_from_zero", lambda run, table, rows: False)
    tables = {name: getattr(precision_case, name) for name in ("customers", "products", "orders", "lines")}
    with engine.capped_connection() as con:
        for name, table in tables.items():
            engine._register(con, name, table)
        run = engine._DuckDB(con)
        keys_of = engine._key_tables(run)
        grid = dense.order_pass(run, RateCard.default(), ["customer_id", "product_id"], spans=engine._spans(keys_of))
        got = run.arrow("SELECT * FROM order_base ORDER BY order_id").to_pandas()
        left = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()}
        for name, sql in query.context_statements(12)[:2]:
            run.table(name, sql)
        want = run.arrow("SELECT * FROM order_base ORDER BY order_id").to_pandas()
    assert left == {"cx", "px", "order_base"}
    assert len(got) == len(want) == tables["lines"]["order_id"].nunique()
    pd.testing.assert_frame_equal(got, want, rtol=1e-12)
    pairs = tables["lines"].merge(tables["orders"][["order_id", "customer_id"]]).groupby(
        ["customer_id", "product_id"], observed=True).size()
    assert len(grid.cell) == len(pairs)


@pytest.mark.parametrize("column", ["cases", "invoice_price"])
def test_order_pass_leaves_a_null_line_to_sql(monkeypatch, small_company, column):
    # SQL's sum skips a NULL; the order pass does not try to match it and leaves the order totals to SQL.
    lines = small_company.lines.copy()
    lines[column] = lines[column].astype(float)
    lines.loc[lines.index[3], column] = np.nan
    holed = {"customers": small_company.customers, "products": small_company.products,
             "orders": small_company.orders, "lines": lines}
    seen = []
    real = engine.order_pass
    monkeypatch.setattr("casekit.costing.engine.order_pass", lambda *a, **k: seen.append(real(*a, **k)) or seen[-1])
    got = ck.cost_to_serve(holed, by=["customer_id", "product_id"])
    assert seen == [None]
    monkeypatch.setattr("casekit.costing.engine.DENSE_ROLLUPS", False)
    pd.testing.assert_frame_equal(got, ck.cost_to_serve(holed, by=["customer_id", "product_id"]), rtol=1e-12)


def test_a_pair_whose_lines_the_line_pass_drops_is_no_row(monkeypatch, small_company):
    # The order pass marks every line's pair; an order with no delivery is dropped later by the
    # delivery join, and a pair bought only in that order must not come out as an empty row.
    lines = small_company.lines.merge(small_company.orders[["order_id", "customer_id"]])
    once = lines.groupby(["customer_id", "product_id"], observed=True)["order_id"].transform("size") == 1
    order = lines.loc[once, "order_id"].iloc[0]
    orders = small_company.orders.copy()
    orders["delivery_id"] = orders["delivery_id"].astype(object)
    orders.loc[orders["order_id"] == order, "delivery_id"] = None
    company = {"customers": small_company.customers, "products": small_company.products, "orders": orders,
               "lines": small_company.lines}
    grids = []
    real = engine.order_pass
    monkeypatch.setattr("casekit.costing.engine.order_pass", lambda *a, **k: grids.append(real(*a, **k)) or grids[-1])
    got = ck.cost_to_serve(company, by=["customer_id", "product_id"])
    # The control: the grid did hold the pair(s) that only the dropped order bought.
    assert len(grids[0].cell) > len(got)
    assert (got["lines"] > 0).all()
    monkeypatch.setattr("casekit.costing.engine.DENSE_ROLLUPS", False)
    pd.testing.assert_frame_equal(got, ck.cost_to_serve(company, by=["customer_id", "product_id"]), rtol=1e-12)


def test_an_order_pass_out_of_memory_leaves_the_totals_to_sql(monkeypatch, small_company):
    def out_of_memory(run, *args, **kwargs):
        run.table("_order_no", "SELECT 1 AS x")
        raise duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block")

    by = ["customer_id", "product_id"]
    want = ck.cost_to_serve(small_company, by=by)
    monkeypatch.setattr("casekit.costing.engine.order_pass", out_of_memory)
    got = ck.cost_to_serve(small_company, by=by)
    pd.testing.assert_frame_equal(got, want, rtol=1e-12)


def test_roll_up_totals_in_blocks_are_the_columns_added_in_order(monkeypatch):
    # Blocks added on several threads give every row the sum (a + b) + c ... of its own columns, bit for bit.
    from casekit.costing import handover

    rng = np.random.default_rng(7)
    n = 3 * handover.TOTALS_BLOCK + 11
    frame = pd.DataFrame({"revenue": rng.random(n) * 1e4, "cogs": rng.random(n) * 1e4,
                          **{f"cost_{k}": rng.random(n) * 1e3 for k in ("a", "b", "c", "d")}})
    got = handover.with_totals(frame)
    total = ((frame["cost_a"] + frame["cost_b"]) + frame["cost_c"]) + frame["cost_d"]
    margin = frame["revenue"] - frame["cogs"]
    assert list(got.columns) == ["revenue", "cogs", "gross_margin", "cost_a", "cost_b", "cost_c", "cost_d",
                                 "cost_to_serve", "net_profit"]
    assert (got["gross_margin"].to_numpy() == margin.to_numpy()).all()
    assert (got["cost_to_serve"].to_numpy() == total.to_numpy()).all()
    assert (got["net_profit"].to_numpy() == (margin - total).to_numpy()).all()
    monkeypatch.setattr(handover, "TOTALS_BLOCK", n)  # one block, no threads: the same numbers
    assert handover.with_totals(frame).equals(got)


@pytest.mark.parametrize("dtype", [np.int32, np.int64])
def test_unfolded_cells_are_the_folded_pairs(dtype):
    from casekit.costing.summed import unfold

    rng = np.random.default_rng(5)
    spans = {"_ck": 1_000, "_pk": 37}
    cell = np.unique(rng.integers(0, spans["_ck"] * spans["_pk"], 20_000)).astype(dtype)
    got = unfold(cell, ["_ck", "_pk"], spans)
    assert (got["_ck"] == cell // 37).all() and (got["_pk"] == cell % 37).all()
    assert got["_ck"].dtype == got["_pk"].dtype == np.int32
