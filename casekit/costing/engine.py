"""The cost-to-serve engine: trace every activity's cost to invoice lines.

The engine is one SQL query run by DuckDB in-process, over pandas frames or
over Parquet/CSV files, so the same code serves a 60,000-line classroom case
and a client's ten million lines.  The SQL sticks to the standard subset
(CTEs, joins, CASE, aggregates) so it can move to a distributed engine.

Conservation is the contract: for every rate-card row, the cost reaching
lines equals the row's driver total times its rate.  Cost that cannot reach a
line (sales calls on a customer with no orders in the period) is reported in
``result.attrs["unallocated"]``, never dropped.
"""

from __future__ import annotations

import contextlib
import math
import re
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from casekit.costing.dense import NotDense, Summed, customer_slices, dense_rollup, order_pass
from casekit.costing.drivers import CONDITION_COLUMNS, DRIVERS, condition_mask, driver_quantities
from casekit.costing.handover import _park, _parts_to_pandas, with_totals
from casekit.costing.memory import small_pages
from casekit.costing.query import (
    SURROGATES,
    context_statements,
    customer_fixed,
    line_query,
    rollup_query,
    rollup_statements,
    surrogate_statements,
    unallocated_query,
)
from casekit.costing.query_table import QueryTable
from casekit.costing.rates import RateCard

__all__ = ["cost_to_serve", "driver_totals", "capped_connection", "KEY_COLUMNS", "MONEY_COLUMNS", "MEMORY_LIMIT"]

MEMORY_LIMIT = "1GB"
"""DuckDB's working-memory cap for casekit's own connections; past it DuckDB spills to disk."""

LINES_PER_GB = 12_000_000
"""Lines a DuckDB roll-up to customers (or finer) handles in one pass per GB of its memory cap; more run
customer slice by customer slice."""

KEY_COLUMNS = ["line_id", "order_id", "customer_id", "product_id", "delivery_id", "rep_id"]
MONEY_COLUMNS = ["gross_sales", "on_invoice_discounts", "revenue", "cogs", "gross_margin",
                 "cost_to_serve", "net_profit"]

# Drivers split over a customer's lines: cost with nowhere to go when a customer has none.
_CUSTOMER_DRIVERS = DRIVERS.index[DRIVERS["split"] == "customer"].tolist()


def _literal(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


class _DuckDB:
    """What the engine asks of DuckDB (casekit.costing.spark.SparkRun asks the same of Spark)."""

    dialect = "duckdb"

    def __init__(self, con, own_memory_limit: str | None = None):
        self.con = con
        # The cap casekit set on its own connection, exactly as given (DuckDB reports it rounded);
        # None for a caller's connection, whose cap casekit leaves alone.
        self.own_memory_limit = own_memory_limit

    def table(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")

    def drop(self, name: str) -> None:
        self.con.execute(f"DROP TABLE IF EXISTS {name}")

    def arrow(self, sql: str) -> pa.Table:
        return self.con.sql(sql).to_arrow_table()

    def reader(self, sql: str, rows: int = 1_000_000) -> pa.RecordBatchReader:
        return self.con.sql(sql).to_arrow_reader(rows)

    @contextlib.contextmanager
    def joins_as_written(self):
        """Keep each join's sides as the query writes them (big table probes, small table is hashed).

        DuckDB guesses a group-by's result at a few thousand rows, whatever
        its input, and so hashes a roll-up's millions of groups to join them
        to a table of a few thousand customers.  Every join a roll-up writes
        has the big side on the left; kept so, 10 M client lines roll up to
        their 8.8 M customer x product pairs in 4.7 s instead of 7.1 s.
        """
        names = {r[0] for r in self.con.execute("SELECT name FROM duckdb_optimizers()").fetchall()}
        before = self.con.execute("SELECT current_setting('disabled_optimizers')").fetchall()[0][0] or ""
        if "build_side_probe_side" not in names or "build_side_probe_side" in before:
            yield
            return
        disabled = [n.strip() for n in before.split(",") if n.strip()] + ["build_side_probe_side"]
        self.con.execute(f"SET disabled_optimizers = {_literal(','.join(disabled))}")
        try:
            yield
        finally:
            self.con.execute(f"SET disabled_optimizers = {_literal(before)}")

    @contextlib.contextmanager
    def memory_at_most(self, nbytes: float):
        """Lower DuckDB's memory cap to ``nbytes`` for the block (never raise it); the setting is restored after.

        A dense roll-up's arrays of sums grow beside DuckDB while it streams
        the lines; the cap leaves them the room.  Only on casekit's own
        connection (``own_memory_limit``).
        """
        cap = self.memory_limit_bytes()
        if self.own_memory_limit is None or cap is None or nbytes >= cap:
            yield
            return
        self.con.execute(f"SET memory_limit = '{int(nbytes)}B'")
        try:
            yield
        finally:
            self.con.execute(f"SET memory_limit = {_literal(self.own_memory_limit)}")

    def memory_limit_bytes(self) -> float | None:
        """DuckDB's memory cap in bytes (it reports it as e.g. ``'953.6 MiB'``)."""
        text = self.arrow("SELECT current_setting('memory_limit') AS m").column(0)[0].as_py()
        match = re.fullmatch(r"\s*([0-9.]+)\s*([KMGTP]?i?B)\s*", str(text))
        if not match:
            return None
        unit = match.group(2)
        power = "BKMGTP".index(unit[0]) if unit != "B" else 0
        return float(match.group(1)) * (1024 if "i" in unit else 1000) ** power


def _period_months(company, run) -> float:
    params = getattr(company, "params", None) or {}
    if params.get("months"):
        return float(params["months"])
    lo, hi = (run.arrow("SELECT min(order_date) AS lo, max(order_date) AS hi FROM orders")
              .to_pylist()[0].values())
    if lo is None:
        return 12.0
    days = (pd.Timestamp(hi) - pd.Timestamp(lo)).days + 1
    return max(days / (365.25 / 12), 1.0)


@contextlib.contextmanager
def capped_connection(memory_limit: str | None = MEMORY_LIMIT):
    """An in-memory DuckDB connection that spills to a temporary folder past ``memory_limit``.

    A cap keeps client-sized work inside a laptop's memory: DuckDB spills
    its hash tables and sorts to disk instead of growing past it.  The
    connection is closed and the folder removed on leaving the block.

    Parameters
    ----------
    memory_limit : str or None, default "1GB"
        DuckDB's ``memory_limit``; ``None`` keeps DuckDB's default (80 % of RAM).

    Examples
    --------
    >>> with capped_connection("500MB") as con:
    ...     con.execute("SELECT count(*) FROM range(1000)").fetchone()[0]
    1000
    """
    spill = tempfile.TemporaryDirectory(prefix="casekit-duckdb-")
    con = duckdb.connect()
    try:
        if memory_limit:
            con.execute(f"SET memory_limit = {_literal(memory_limit)}")
        con.execute(f"SET temp_directory = {_literal(spill.name)}")
        # Memory DuckDB has freed goes back to the system as it works, not when the connection
        # closes: a roll-up's arrays of sums grow while DuckDB streams the lines (30 M lines:
        # peak 3.3 GB without, 2.9 GB with).
        con.execute("SET allocator_background_threads = true")
        yield con
    finally:
        con.close()
        spill.cleanup()


def _tables(company) -> dict:
    if isinstance(company, dict):
        return company
    names = ("customers", "products", "orders", "lines")
    if not all(hasattr(company, n) for n in names):
        raise TypeError(
            "cost_to_serve needs a Company (from make_company or load_case) or a dict of tables "
            "'customers', 'products', 'orders', 'lines'; got " + type(company).__name__ + "."
        )
    return {n: getattr(company, n) for n in names}


def _register(con, name: str, source) -> None:
    if isinstance(source, QueryTable):
        source.register(con, name)
        return
    if isinstance(source, pd.DataFrame):
        con.register(f"{name}_src", source)
        con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM {name}_src")
        return
    paths = [source] if isinstance(source, (str, Path)) else list(source)
    paths = [str(p) for p in paths]
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise FileNotFoundError(f"{name}: file(s) not found: {missing}")
    lst = "[" + ", ".join(_literal(p) for p in paths) + "]"
    if all(p.lower().endswith(".parquet") for p in paths):
        reader = f"read_parquet({lst})"
    elif all(p.lower().endswith((".csv", ".csv.gz", ".txt")) for p in paths):
        reader = f"read_csv({lst}, header=true)"
    else:
        raise ValueError(f"{name}: the engine reads .parquet or .csv files; got {paths}.")
    con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM {reader}")


def _key_tables(run) -> dict:
    # Integer surrogate keys for customers and products (see query.SURROGATES).
    for name, sql in surrogate_statements():
        run.table(name, sql)
    keys = {}
    for col, surrogate, table, source in (("customer_id", "_ck", "cx", "customers"),
                                          ("product_id", "_pk", "px", "products")):
        ids = pd.Index(run.arrow(f"SELECT {col} FROM {table} ORDER BY {surrogate}").column(0).to_pylist())
        if ids.has_duplicates:
            repeated = ids[ids.duplicated()].unique()[:5].tolist()
            raise ValueError(f"{source}: column {col} repeats ids {repeated}; each row must have its own id.")
        keys[col] = (surrogate, ids)
    _check_orders(run)
    return keys


def _check_orders(run) -> None:
    """Stop when an order id repeats in the orders table: each of its lines would be costed once per repeat.

    The orders can be millions of rows, so the engine finds the repeats
    (0.15 s for 737 k orders, 0.3 s for 2.2 M).
    """
    repeated = run.arrow("SELECT order_id FROM orders WHERE order_id IS NOT NULL GROUP BY order_id "
                         "HAVING count(*) > 1 ORDER BY order_id LIMIT 5").column(0).to_pylist()
    if repeated:
        raise ValueError(f"orders: column order_id repeats ids {repeated}; each order must have one row "
                         f"(its lines would be costed once per row).")


def cost_to_serve(company, rates: RateCard | None = None, *, by=None, engine: str = "duckdb", connection=None,
                  memory_limit: str | None = MEMORY_LIMIT, spark=None) -> pd.DataFrame:
    """Trace cost to serve to every invoice line and compute net profit.

    Parameters
    ----------
    company : Company or dict
        A :class:`casekit.Company`, or a dict with tables ``customers``,
        ``products``, ``orders``, ``lines`` given as DataFrames, as paths to
        Parquet/CSV files (a list of paths for monthly files), or (DuckDB
        only) as a :class:`casekit.costing.query_table.QueryTable`, SQL over
        files that DuckDB runs in place of the table.
    rates : RateCard, optional
        The activity rates; the default rate card when omitted.
    by : str or list of str, optional
        Aggregate inside the engine to this grain (e.g.
        ``["customer_id", "product_id"]``) instead of returning every line;
        use it for client-sized data.  Allowed: ``customer_id``,
        ``product_id``, ``order_id``, ``delivery_id``, ``rep_id``,
        ``channel_of_trade``, ``region``, ``order_channel``, ``pick_type``,
        ``brand``, ``category``, ``month``.
    engine : {"duckdb", "spark"}, default "duckdb"
        Who runs the costing statements (the same ones, written by
        :mod:`casekit.costing.query` from the driver table).  ``"spark"``
        needs pyspark and reads Parquet; see :mod:`casekit.costing.spark`.
    connection : duckdb.DuckDBPyConnection, optional
        Reuse a connection; its settings are left as they are.  By default a
        fresh in-memory connection is opened, capped at ``memory_limit``, and
        closed before the result is converted to pandas.
    memory_limit : str or None, default "1GB"
        DuckDB's working-memory cap for a fresh connection (``None``: DuckDB's
        own default, 80 % of RAM).  Past the cap DuckDB spills to a temporary
        folder that is removed afterwards, so a ten-million-line roll-up runs
        in under 2 GB; raise it to trade memory for a little speed.
    spark : pyspark.sql.SparkSession, optional
        The session for ``engine="spark"`` (a cluster's, or
        :func:`casekit.costing.spark.local_session`); the active one, or a
        local one, when omitted.

    Returns
    -------
    pandas.DataFrame
        One row per invoice line (or per group): keys (``line_id``,
        ``order_id``, ``customer_id``, ``product_id``, ``delivery_id``,
        ``rep_id``), ``order_date``, ``cases``, ``returned_cases``,
        ``gross_sales``, ``on_invoice_discounts``, ``revenue``, ``cogs``,
        ``gross_margin``, one ``cost_<activity>`` column per activity,
        ``cost_to_serve`` (their sum) and ``net_profit`` (gross margin minus
        cost to serve).  ``attrs["unallocated"]`` holds cost that reached no
        line (a dict of lists: ``pd.DataFrame(pnl.attrs["unallocated"])``),
        ``attrs["activities"]`` the cost columns.

    See Also
    --------
    driver_totals : each rate-card row's driver total and cost.
    profit_by : roll the lines up to any grain.

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> co = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(co)
    >>> len(pnl) == len(co.lines)
    True
    >>> bool(abs(pnl["net_profit"].sum() - (pnl["gross_margin"] - pnl["cost_to_serve"]).sum()) < 1e-6)
    True
    """
    rates = RateCard.default() if rates is None else rates
    if not isinstance(rates, RateCard):
        raise TypeError(f"rates must be a RateCard (casekit.RateCard.default()); got {type(rates).__name__}.")
    if engine not in ("duckdb", "spark"):
        raise ValueError(f"engine must be 'duckdb' or 'spark'; got {engine!r}.")
    tables = _tables(company)
    for name in ("customers", "products", "orders", "lines"):
        if name not in tables:
            raise ValueError(f"cost_to_serve: table {name!r} is missing.")
    if by is not None:
        rollup_query(rates, by)  # says which grain is wrong before any work
    # Slices of a large roll-up wait on disk there, so that the connection's
    # memory is freed before the result is assembled in pandas.
    with tempfile.TemporaryDirectory(prefix="casekit-parts-") as parked, small_pages():
        out = _cost(tables, rates, by, engine, connection, memory_limit, spark, Path(parked), company)
    return out


def _cost(tables, rates, by, engine, connection, memory_limit, spark, parked: Path, company) -> pd.DataFrame:
    with contextlib.ExitStack() as stack:
        if engine == "spark":
            from casekit.costing.spark import SparkRun

            run = stack.enter_context(SparkRun(spark))
            for name in ("customers", "products", "orders", "lines"):
                run.register(name, tables[name])
        else:
            # A connection of our own is closed on leaving this block, which
            # frees DuckDB's working memory before the result is converted to
            # pandas; the Arrow result outlives the connection.
            con = connection if connection is not None else stack.enter_context(capped_connection(memory_limit))
            # Results are sorted after the query; letting DuckDB drop insertion
            # order saves memory and time on client-sized data.
            con.execute("SET preserve_insertion_order = false")
            con.execute("SET enable_progress_bar = false")
            for name in ("customers", "products", "orders", "lines"):
                _register(con, name, tables[name])
            run = _DuckDB(con, memory_limit if connection is None and memory_limit else None)
        keys_of = _key_tables(run)
        months = _period_months(company, run)
        # A roll-up summed in arrays makes the order totals and its grid in one pass over the lines.
        grid = None
        if run.dialect == "duckdb" and DENSE_ROLLUPS and by is not None:
            try:
                grid = order_pass(run, rates, by, spans=_spans(keys_of))
            except duckdb.OutOfMemoryException:  # the orders' join did not fit after all: SQL makes the totals
                run.drop("_order_no")
        for name, sql in context_statements(months):
            if name in ("order_sums", "order_base") and grid is not None:
                continue  # made by order_pass
            run.table(name, sql)
            if name == "order_base":
                run.drop("order_sums")
        run.drop("order_base")  # order_ctx holds what the line pass needs of it
        unallocated = _unallocated(run, rates, months).to_dict(orient="list")
        handover, order_by, codes = _run_sql(run, rates, by, keys_of, parked, grid)
        del grid  # the sums have been added up: its map need not wait beside the cost columns
    # _parts_to_pandas must hold the only reference to the results, see there.
    # A dense roll-up's costs are made here, once DuckDB's connection (and its memory) is gone.
    out = handover.frame() if isinstance(handover, Summed) else _parts_to_pandas(handover, order_by)
    for col, (surrogate, ids) in codes.items():
        out.insert(out.columns.get_loc(surrogate), col, pd.Categorical.from_codes(
            out.pop(surrogate).to_numpy() - 1, categories=ids))
    if by is not None:
        out = with_totals(out)
    out = _restore_categories(out, tables)
    out.attrs["activities"] = [c for c in out.columns if c.startswith("cost_") and c != "cost_to_serve"]
    # Stored as plain lists, not a DataFrame: pandas compares attrs when it
    # combines frames, and a DataFrame there makes that comparison ambiguous.
    out.attrs["unallocated"] = unallocated
    out.attrs["months"] = months
    return out


def _spans(keys_of: dict) -> dict[str, int]:
    # Surrogates number the ids from 1, so a span is the count of ids plus one.
    return {surrogate: len(ids) + 1 for surrogate, ids in keys_of.values()}


def _run_sql(run, rates: RateCard, by, keys_of: dict, parked: Path, grid=None):
    """Run the costing query; return the results (a dense roll-up's :class:`Summed` sums, or Arrow tables,
    or Arrow files in ``parked``), their sort keys and the surrogate columns to decode."""
    if by is None:
        return [run.arrow(line_query(rates, dialect=run.dialect))], ["line_id"], {}
    for name, sql in rollup_statements(rates, by, dialect=run.dialect):
        run.table(name, sql)
    if "order_id" not in ([by] if isinstance(by, str) else by):
        run.drop("order_ctx")  # order_w holds what the roll-up needs of it; the memory goes to the group-by
    _, gnames = rollup_query(rates, by, dialect=run.dialect)
    codes = {k: keys_of[k] for k in ([by] if isinstance(by, str) else by) if k in SURROGATES}
    if run.dialect == "duckdb" and DENSE_ROLLUPS:
        # A NULL measure, or a join that does not fit: the SQL roll-up does the work instead.
        with contextlib.suppress(NotDense, duckdb.OutOfMemoryException):
            summed = dense_rollup(run, rates, by, spans=_spans(keys_of), lines=_lines(run), grid=grid)
            if summed is not None:
                return summed, gnames, codes
    slices = _slices(run, by)
    sql = [rollup_query(rates, by, dialect=run.dialect, part=part)[0] for part in slices]
    if run.dialect != "duckdb":
        return [run.arrow(sql[0])], gnames, codes
    with run.joins_as_written():
        if len(slices) == 1 and _lines(run) < PARK_LINES:
            # Sorted in numpy afterwards: a sort in the engine of millions of groups
            # spills under the memory cap (30 M lines: 3x slower, 5 GB peak).
            return [run.arrow(sql[0])], gnames, codes
        # A large result streams to disk batch by batch as the engine makes it,
        # so that it never sits in memory beside the engine's working memory and
        # the arrays it is converted into.  More lines than the memory cap holds
        # run slice by slice of customers: each pass's joins and group-by hold
        # only its slice (30 M lines ran out of 1 GB in one pass); the slices'
        # groups are disjoint.
        return [_park(run, text, parked / f"part{i}.arrow", gnames) for i, text in enumerate(sql)], gnames, codes


DENSE_ROLLUPS = True
"""Roll-ups to customers and/or products sum in arrays (:mod:`casekit.costing.dense`) where they can; the
tests switch it off to check the SQL roll-up against them."""

PARK_LINES = 2_000_000
"""Roll-ups of more lines than this stream their result to an Arrow file before it is converted."""


def _lines(run) -> float:
    return float(run.arrow("SELECT sum(customer_lines) AS n FROM cust_ctx").column(0)[0].as_py() or 0)


def _slices(run, by) -> list:
    """The customer slices (first and last customer number) a roll-up runs in; ``[None]`` for one pass."""
    # Spark spreads the work itself; DuckDB is capped.
    if run.dialect != "duckdb" or not customer_fixed(by):
        return [None]
    per = run.arrow("SELECT _ck, customer_lines FROM cust_ctx ORDER BY _ck")
    ck, lines = per.column(0).to_numpy(), per.column(1).to_numpy()
    # Contiguous runs of customers with about equal lines: a client's file is
    # often in order or customer order, so a slice's orders lie together and
    # the reader can skip the row groups of other slices.
    return customer_slices(ck, lines, _parts_for(float(lines.sum()), run.memory_limit_bytes(), by))


def _parts_for(lines: float, memory_limit: float | None, by) -> int:
    """How many customer slices a DuckDB roll-up of ``lines`` lines to ``by`` runs in: enough that each
    slice's lines fit under the memory cap (:data:`LINES_PER_GB`); one where groups span customers.

    Examples
    --------
    >>> _parts_for(30e6, 1e9, ["customer_id", "product_id"]), _parts_for(30e6, 1e9, "product_id")
    (3, 1)
    """
    if not memory_limit or not customer_fixed(by):
        return 1
    return max(1, math.ceil(lines / (LINES_PER_GB * memory_limit / 1e9)))


def _restore_categories(out: pd.DataFrame, tables: dict) -> pd.DataFrame:
    # Keep the key columns categorical, with the categories of the input
    # tables, so group-bys show every customer and product in a fixed order.
    sources = {"customer_id": "customers", "product_id": "products", "order_id": "orders",
               "delivery_id": "orders", "rep_id": "customers"}
    for col, table in sources.items():
        src = tables.get(table)
        if col in out.columns and isinstance(src, pd.DataFrame) and col in src.columns:
            if not isinstance(src[col].dtype, pd.CategoricalDtype):
                continue
            if isinstance(out[col].dtype, pd.CategoricalDtype):
                out[col] = out[col].cat.set_categories(src[col].cat.categories)
            else:
                out[col] = pd.Categorical(out[col].astype(object), categories=src[col].cat.categories)
    for col in ("channel_of_trade", "region", "order_channel", "pick_type", "brand", "category"):
        if col in out.columns and not isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("category")
    if "order_date" in out.columns:
        out["order_date"] = pd.to_datetime(out["order_date"])
    return out


def _unallocated(run, rates: RateCard, months: float) -> pd.DataFrame:
    # Sales calls on customers without a single line have nowhere to go.
    if not rates.table["driver"].isin(_CUSTOMER_DRIVERS).any():
        return unallocated_costs(None, rates, months)
    return unallocated_costs(run.arrow(unallocated_query()).to_pandas(), rates, months)


def unallocated_costs(idle: pd.DataFrame, rates: RateCard, months: float) -> pd.DataFrame:
    """The sales-call cost of customers without lines (``idle``: the rows of :func:`query.unallocated_query`)."""
    rows = rates.table[rates.table["driver"].isin(_CUSTOMER_DRIVERS)]
    if rows.empty or idle is None:
        return pd.DataFrame(columns=["activity", "customer_id", "driver_total", "cost"])
    idle = idle.assign(calls=idle["calls_per_year"].astype(float) * months / 12.0,
                       channel_of_trade=idle["channel_of_trade"].astype(str), region=idle["region"].astype(str))
    out = []
    for row in rows.itertuples():
        sub = idle
        if row.applies_to in ("channel_of_trade", "region"):
            sub = idle[idle[row.applies_to] == row.applies_value]
        elif row.applies_to:
            continue  # an order- or product-level condition cannot hold without lines
        for r in sub.itertuples():
            out.append((row.activity, r.customer_id, r.calls, r.calls * row.rate))
    res = pd.DataFrame(out, columns=["activity", "customer_id", "driver_total", "cost"])
    res["customer_id"] = res["customer_id"].astype(object)
    return res


def driver_totals(company, rates: RateCard | None = None) -> pd.DataFrame:
    """Measure every rate-card row's driver total and the cost it implies.

    This is the other side of the engine's conservation contract: the sum of
    ``cost_<activity>`` over lines (plus ``attrs["unallocated"]``) equals
    ``cost`` here, activity by activity.  Computed in pandas, independently of
    the SQL engine.

    Parameters
    ----------
    company : Company
    rates : RateCard, optional

    Returns
    -------
    pandas.DataFrame
        The rate card with ``driver_total`` (in the driver's unit) and
        ``cost`` (= driver_total x rate) per row.

    Examples
    --------
    >>> from casekit import make_company
    >>> co = make_company(seed=3, n_customers=20, n_products=30)
    >>> t = driver_totals(co)
    >>> bool((t["cost"] >= 0).all())
    True
    """
    rates = RateCard.default() if rates is None else rates
    months = float((getattr(company, "params", None) or {}).get("months") or 12)
    lines = company.lines.merge(company.orders, on="order_id", how="inner", validate="many_to_one")
    lines = lines.merge(company.products, on="product_id", how="inner", validate="many_to_one")
    # The order's channel, not the account's usual one, decides order costs.
    lines = lines.merge(company.customers.drop(columns=["order_channel"], errors="ignore"),
                        on="customer_id", how="inner", validate="many_to_one")
    quantities = driver_quantities(lines, months, drivers=rates.table["driver"].unique())
    cust = company.customers
    idle = ~cust["customer_id"].isin(lines["customer_id"]).to_numpy()
    idle_calls = cust["sales_calls_per_year"].astype(float).to_numpy() * months / 12.0
    out = []
    for row in rates.table.itertuples():
        total = float(quantities[row.driver][condition_mask(lines, row.applies_to, row.applies_value)].sum())
        if row.driver in _CUSTOMER_DRIVERS:
            # Customers without lines keep their calls (the engine's attrs["unallocated"]);
            # only a customer-level condition can hold for them.
            if not row.applies_to or CONDITION_COLUMNS[row.applies_to] == "customers":
                total += float(idle_calls[idle & condition_mask(cust, row.applies_to, row.applies_value)].sum())
        out.append((row.activity, row.driver, row.applies_to, row.applies_value, row.rate, total, total * row.rate))
    return pd.DataFrame(out, columns=["activity", "driver", "applies_to", "applies_value", "rate",
                                      "driver_total", "cost"])
