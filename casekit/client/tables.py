"""Client invoice lines onto casekit's four tables, checked and reconciled, in DuckDB.

:func:`casekit.client.read_lines` opens the files and settles the mapping; :func:`build_tables`
parses every row in DuckDB (numbers, dates, flags), runs the row checks, sets
aside or reports the bad rows, and writes the engine's ``orders`` table as
Parquet and its ``lines`` as Parquet or as a query over the client's files
(``lines_as``); ``customers`` and ``products`` (small) come back as
DataFrames filled from the masters or from documented defaults.
Only offending rows and aggregates ever reach pandas.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from casekit.client._row_checks import (
    flag_rows,
    parses_text,
    raw_values,
    rejected_frame,
    row_rules,
    rule_hits,
    rule_problems,
    scientific_ids,
    short_id_warnings,
    stored_forms,
    typed_select,
    typed_view,
)
from casekit.client._sql import channel_sql, literal, parquet_set_statement, source_sql
from casekit.client.dimensions import dimension_tables
from casekit.client.fields import DEFAULTS, fields
from casekit.client.lines import ClientLines
from casekit.client.reading import translate_duckdb_error
from casekit.client.reconciliation import read_totals
from casekit.client.validation import ClientDataError
from casekit.costing.engine import MEMORY_LIMIT
from casekit.costing.query_table import QueryTable

__all__ = ["ClientData", "build_tables", "copy_tables", "BUILD_STEPS"]

_EARLIEST = dt.date(2000, 1, 1)

_ORDER_KEY = ("(CASE WHEN t.order_id IS NULL THEN t.customer_id || ' ' || CAST(t.date AS VARCHAR) "
              "ELSE t.order_id END)")
"""A line's order: the order number, or the customer and the day (``2025-01-03``) when the export has none.

A date cast to text is its ISO day, as ``strftime(d, '%Y-%m-%d')`` writes it, for less: the orders file's
delivery ids, made the same way, write in 0.63 s against 0.71-0.81 s (2.5 M orders).
"""

_STORE = "typed_rows.duckdb"
"""The build's database file in ``workdir``, holding rows parsed from text while the build runs."""


@dataclasses.dataclass
class ClientData:
    """The client's data as casekit's four tables, with its reconciliation.

    ``tables`` is what :func:`casekit.cost_to_serve` takes: ``customers`` and
    ``products`` as DataFrames, ``orders`` as a Parquet path in ``workdir``,
    ``lines`` as one too or (``build_tables(..., lines_as="query")``) as a
    :class:`casekit.costing.query_table.QueryTable` over the client's files.
    ``reconciliation`` compares rows, cases and revenue read, rejected and
    accepted (exact decimals); :func:`casekit.client.reconcile`
    adds what the engine returned.  ``rejected`` lists every row set aside,
    with its file, row number, reasons and values.

    Built by :func:`build_tables`; call :meth:`close` when done to delete
    the working Parquet files.

    Parameters
    ----------
    tables : dict
        ``customers``, ``products`` (DataFrames), ``orders`` (Parquet path),
        ``lines`` (Parquet path or QueryTable).
    reconciliation : pandas.DataFrame
        ``measure``, ``read``, ``rejected``, ``accepted`` (exact decimals),
        ``engine``, ``difference``, ``status`` (the last three filled by
        :func:`casekit.client.reconcile`).
    rejected : pandas.DataFrame
        Rows set aside: ``file``, ``file_row``, ``reasons`` and the values.
    assumptions : pandas.DataFrame
        Defaults used for fields the client lacked, with the reason.
    files : pandas.DataFrame
        How each file was read.
    problems : list of Problem
        Every problem found.
    workdir : Path
        Folder of the Parquet tables.
    currency : str or None
        The currency of most lines (when a currency column was mapped).
    warnings : list of Problem
        What a reader must know but that sets no row aside: ids that lost
        their leading zeros, by file, column and row (the "read this first"
        block lists them).
    returns_credited : float
        The value of the accepted return lines at their invoice price (the
        reconciliation's "returns credited").

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from casekit.client.lines import read_lines
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Sold-To;Material;Inv Date;Qty;Net Value\\n"
    ...                  "1001;A-7;03.01.2025;5;12,50\\n1002;A-8;04.01.2025;2;8,00\\n")
    >>> data = build_tables(read_lines(p))
    >>> sorted(data.tables), len(data.customers), len(data.lines()), len(data.rejected)
    (['customers', 'lines', 'orders', 'products'], 2, 2, 0)
    >>> data.reconciliation["measure"].iloc[0]
    'invoice lines (rows)'
    >>> data.close()
    """

    tables: dict
    reconciliation: pd.DataFrame
    rejected: pd.DataFrame
    assumptions: pd.DataFrame
    files: pd.DataFrame
    problems: list
    workdir: Path
    currency: str | None = None
    _tmp: object = None
    warnings: list = dataclasses.field(default_factory=list)
    returns_credited: float = 0.0

    @property
    def customers(self) -> pd.DataFrame:
        return self.tables["customers"]

    @property
    def products(self) -> pd.DataFrame:
        return self.tables["products"]

    def lines(self) -> pd.DataFrame:
        """The engine's lines table as a DataFrame (small data only)."""
        table = self.tables["lines"]
        return table.frame() if isinstance(table, QueryTable) else pd.read_parquet(table)

    def orders(self) -> pd.DataFrame:
        """The engine's orders table as a DataFrame (small data only)."""
        return pd.read_parquet(self.tables["orders"])

    def close(self) -> None:
        """Delete the working files (the Parquet tables, the rows the lines query reads) if casekit created them."""
        _remove_store(self.workdir)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None



BUILD_STEPS = ["parse rows", "compare rows", "check rows", "sum what was read", "write lines", "write orders",
               "customers and products"]
"""The steps of :func:`build_tables`, in order (its ``on_step`` is called after each)."""


def build_tables(lines: ClientLines, *, customers=None, products=None, bad_rows: str = "raise",
                 date_range=None, rates=None, workdir=None, threads=None, on_step=None,
                 lines_as: str = "parquet") -> ClientData:
    """Check every invoice line and build casekit's customers, products, orders and lines.

    Parameters
    ----------
    lines : ClientLines
        From :func:`casekit.client.read_lines`.
    customers, products : pandas.DataFrame, optional
        Masters from :func:`read_customers` / :func:`read_products`; when
        given, every line's customer (product) must be in it.
    bad_rows : {"raise", "report"}, default="raise"
        ``"raise"``: any bad row raises :class:`ClientDataError` listing every
        problem.  ``"report"``: bad rows are set aside, listed in
        ``rejected`` with their reasons, and counted in the reconciliation.
    date_range : (date, date), optional
        Earliest and latest invoice date accepted (default 2000-01-01 to today).
    rates : RateCard, optional
        Its order channels are accepted besides casekit's own.
    workdir : str or Path, optional
        Where to write the working files: the Parquet tables, and while the
        build runs (or until :meth:`ClientData.close` when the lines query
        reads them) a text export's parsed rows; a temporary folder by
        default, deleted by :meth:`ClientData.close`.
    threads : int, optional
        DuckDB threads (all cores by default).
    on_step : callable, optional
        Called with no argument after each of :data:`BUILD_STEPS` (a
        progress bar's tick).
    lines_as : {"parquet", "query"}, default="parquet"
        How the engine's ``lines`` table is handed over: ``"parquet"``
        writes ``lines.parquet``; ``"query"`` gives a
        :class:`~casekit.costing.query_table.QueryTable` (DuckDB only)
        that makes the lines again wherever it is read: from the client's
        own files when every file is Parquet with its numbers and dates
        stored as such, else from the rows the build parsed, which stay in
        ``workdir`` until :meth:`ClientData.close`.  10 M lines: 3-4 s of
        writing saved, the engine's time unchanged within noise.  The
        client's files must not change until :meth:`ClientData.close`.

    Returns
    -------
    ClientData

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from casekit.client.lines import read_lines
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Sold-To;Material;Inv Date;Qty;Net Value\\n"
    ...                  "1001;A-7;03.01.2025;5;12,50\\n1001;A-8;03.01.2025;0;1,00\\n")
    >>> data = build_tables(read_lines(p), bad_rows="report")
    >>> data.rejected[["file_row", "reasons"]].to_dict("records")
    [{'file_row': 3, 'reasons': 'quantity: a quantity of zero'}]
    >>> data.close()
    """
    if lines_as not in ("parquet", "query"):
        raise ValueError(f"lines_as={lines_as!r}: use 'parquet' (write lines.parquet) or 'query' (SQL that makes "
                         f"the lines again from the client's files or the build's parsed rows).")
    if bad_rows not in ("raise", "report"):
        raise ValueError(f"bad_rows={bad_rows!r}: use 'raise' (stop with the list of problems) or 'report' "
                         f"(set the rows aside and list them).")
    lo, hi = date_range or (_EARLIEST, dt.date.today())
    lo, hi = pd.Timestamp(lo).date(), pd.Timestamp(hi).date()
    from casekit.case.company import ORDER_CHANNELS

    channels = list(ORDER_CHANNELS)
    if rates is not None:
        t = rates.table
        channels += [v for v in t.loc[t["applies_to"] == "order_channel", "applies_value"] if v not in channels]
    tmp = None
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="casekit_client_")
        workdir = Path(tmp.name)
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"SET temp_directory = '{workdir / 'spill'}'")
    # Capped like the engine's connection: past it DuckDB spills to workdir.
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    kept = False  # whether the lines, handed over as a query, read the build's database file
    try:
        data = _build(con, lines, customers, products, bad_rows, lo, hi, channels, workdir, tmp,
                      on_step or (lambda: None), lines_as)
        kept = isinstance(data.tables["lines"], QueryTable)
        return data
    except duckdb.Error as exc:
        err = translate_duckdb_error(exc, lines.sources)
        if tmp is not None:
            tmp.cleanup()
        if err is None:
            raise
        raise err from None
    except BaseException:
        if tmp is not None:
            tmp.cleanup()
        raise
    finally:
        con.close()
        if not kept:
            _remove_store(workdir)


def _remove_store(workdir: Path) -> None:
    for name in (_STORE, _STORE + ".wal"):
        (workdir / name).unlink(missing_ok=True)


def _build(con, lines, customers, products, bad_rows, lo, hi, channels, workdir, tmp, step, lines_as) -> ClientData:
    has = set(lines.fields)
    # Row order is restored by the row numbers wherever it matters.
    con.execute("SET preserve_insertion_order = false")
    # Text is parsed once, into a table; numbers and dates stored as such are typed again on each of
    # the dozen reads below, which costs less than holding every row (10 M Parquet lines: 10-11 s
    # against 13-15 s to build, peak 1.0 GB against 1.3 GB: the table spilled 0.9 GB to disk).
    as_view = not any(parses_text(s, c) for s, c in zip(lines.sources, lines.columns))
    files = list(enumerate(zip(lines.sources, lines.columns, lines.formats)))
    selects = []
    for i, (src, cols, fmt) in files:
        view = source_sql(con, src, f"_src{i}", as_table=True, keep=list(cols.values()))  # as the file shows them
        if not as_view:
            selects.append(typed_select(i, src, cols, fmt, view, present=has))
    chain = []  # the statements typing the rows in another connection, which read nothing but files
    if as_view:
        # Files read alike (a folder of monthly exports) are typed through one scan, see parquet_set_sql.
        alike: dict = {}
        for i, (src, cols, fmt) in files:
            alike.setdefault(repr((sorted(cols.items()), sorted((c, str(src.types.get(c))) for c in cols.values()),
                                   sorted(fmt.items()))), []).append(i)
        for k, group in enumerate(alike.values()):
            src, cols, fmt = files[group[0]][1]
            chain.append(parquet_set_statement({i: lines.sources[i] for i in group}, f"_srcset{k}"))
            con.execute(chain[-1])
            selects.append(typed_select("_fi", src, cols, fmt, f"_srcset{k}", present=has,
                                        forms=stored_forms(con, f"_srcset{k}", cols, has)))
    rows_sql = " UNION ALL BY NAME ".join(selects)
    if as_view:
        chain.append(f"CREATE TEMP VIEW _typed AS {rows_sql}")
        con.execute(chain[-1])
        typed_rows = "_typed"
    else:
        # Rows parsed from text are held in a database file of the build's own: DuckDB compresses a
        # stored table, and every check after reads it faster than rows spilled past the memory cap
        # (10 M CSV lines: 0.33 GB on disk against about 1.6 GB; build 23 s against 27 s).
        store = literal(str(workdir / _STORE))
        con.execute(f"ATTACH {store} AS _store")
        con.execute(f"CREATE TABLE _store._typed AS {rows_sql}")
        chain.append(f"ATTACH {store} AS _store (READ_ONLY)")  # how a query's own connection reads them
        typed_rows = "_store._typed"
    chain.append("CREATE TEMP VIEW typed AS " + typed_view(typed_rows, has))
    con.execute(chain[-1])
    step()
    masters = {}
    if customers is not None:
        con.register("_cmaster", customers[["customer_id"]])
        masters["customers"] = customers
    if products is not None:
        con.register("_pmaster", products[["product_id"]])
        masters["products"] = products
    main_currency = None
    if "currency" in has:
        main_currency = con.execute("SELECT mode(currency) FROM typed").fetchone()[0]
    # exact duplicates (candidates by hash, confirmed on the parsed values)
    keys = ", ".join(f for f in fields("lines") if f in has)
    con.execute(f"""
        CREATE TEMP TABLE _dups AS
        SELECT _fi, _row, first_fi, first_row FROM (
            SELECT _fi, _row,
                   first_value(_fi) OVER w AS first_fi, first_value(_row) OVER w AS first_row,
                   row_number() OVER w AS rn
            FROM typed WHERE _h IN (SELECT _h FROM typed GROUP BY _h HAVING count(*) > 1)
            WINDOW w AS (PARTITION BY {keys} ORDER BY _fi, _row)
        ) WHERE rn > 1""")
    channel, unknown = _channel_case(con, has, channels)
    # One pass over the rows makes the orders; orders naming two customers come from it too.
    _order_table(con, "typed", channel)
    if "order_id" in has:
        con.execute("CREATE TEMP TABLE _conflicts (_fi INTEGER, _row BIGINT)")
        if con.execute("SELECT count(*) FROM _orders WHERE _given AND _conflict").fetchone()[0]:
            con.execute("""
                INSERT INTO _conflicts
                WITH firsts AS (SELECT order_id, mode(customer_id) AS first_customer FROM typed
                                WHERE order_id IN (SELECT order_id FROM _orders
                                                   WHERE _given AND _conflict)
                                  AND customer_id IS NOT NULL GROUP BY order_id)
                SELECT t._fi, t._row FROM typed t JOIN firsts f USING (order_id)
                WHERE t.customer_id <> f.first_customer""").fetchall()
    step()
    scientific = scientific_ids(con, has, orders="_orders")
    rules = row_rules(has, masters, lo, hi, channels, main_currency=main_currency, unknown_channels=unknown,
                      scientific=scientific)
    flag_rows(con, rules)
    n_bad, *counts = con.execute("SELECT count(*)" + "".join(f", count_if(r{k})" for k in range(len(rules)))
                                 + " FROM _flags").fetchone()
    hits = {k: rule_hits(con, k) for k, n in enumerate(counts) if n}
    raw = {}
    if n_bad:
        # Only the rows shown are read again when the run stops; every row set aside when it goes on.
        raw = raw_values(con, lines, "_flags" if bad_rows == "report" else
                         [(fi, row) for rows in hits.values() for fi, row, *_ in rows])
    problems = []
    for k, (name, field, _, message, fix) in enumerate(rules):
        if k in hits:
            problems += rule_problems(lines, hits[k], name, field, message.format(main=main_currency), fix, raw)
    if problems and bad_rows == "raise":
        raise ClientDataError(problems, hint="fix them in the files, or rerun with bad_rows='report' "
                                             "(CLI: --skip-bad-rows) to set these rows aside and list them in "
                                             "rejected_rows.csv")

    def _reason(field, message):
        text = re.sub(r"^rows (with |whose |dated |giving |repeating |in )?",
                      lambda m: (m.group(1) or "").replace("with ", ""), message.format(main=main_currency))
        return ((field or "row") + ": " + text).replace("'", "''")

    reasons = "concat_ws('; ', " + ", ".join(f"CASE WHEN r{k} THEN '{_reason(field, message)}' END"
                                             for k, (name, field, _, message, _) in enumerate(rules)) + ")"
    rejected = rejected_frame(con, lines, reasons, raw)
    warnings = short_id_warnings(con, lines, has)
    step()
    recon, files = read_totals(con, with_files=True)
    assumptions = _assumptions(has, masters)
    step()
    lines_table = _write_engine_tables(con, has, masters, workdir, channel, any_rejected=bool(n_bad), step=step,
                                       chain=chain if lines_as == "query" else None)
    cust, prod, credit = dimension_tables(con, has, customers, products,
                                     "_engine_lines" if isinstance(lines_table, QueryTable) else
                                     f"read_parquet({literal(lines_table)})")
    step()
    files.insert(0, "file", [str(lines.sources[i].path) for i in files["_fi"]])
    files["accepted"] = files["rows"] - files["rejected"]
    files["read as"] = ["; ".join(lines.sources[i].notes) for i in files["_fi"]]
    files = files.drop(columns="_fi")
    tables = {"customers": cust, "products": prod, "orders": str(workdir / "orders.parquet"), "lines": lines_table}
    return ClientData(tables=tables, reconciliation=recon, rejected=rejected, assumptions=assumptions,
                      files=files, problems=problems, workdir=workdir, currency=main_currency, _tmp=tmp,
                      warnings=warnings, returns_credited=credit)


def _assumptions(has: set, masters: dict) -> pd.DataFrame:
    rows = []
    for r in DEFAULTS.itertuples():
        if r.kind == "lines":
            if r.field == "gross_amount" and ({"gross_amount", "list_price"} & has):
                continue
            if r.field == "order_channel" and "order_channel" in has:
                continue
            if r.field in has:
                continue
            if r.field == "order_channel" and "customers" in masters and "order_channel" in masters["customers"]:
                continue
        else:
            master = masters.get(r.kind)
            if master is not None and r.field in master.columns and master[r.field].notna().all():
                continue
            if r.field == "cogs_per_case" and "cost_amount" in has:
                continue
            if master is not None and r.field in master.columns:
                rows.append({"table": r.kind, "field": r.field, "default": r.default,
                             "reason": r.reason + " (only where the master leaves it empty)"})
                continue
        rows.append({"table": r.kind, "field": r.field, "default": r.default, "reason": r.reason})
    return pd.DataFrame(rows, columns=["table", "field", "default", "reason"])


def _channel_case(con, has: set, channels: list) -> tuple[str, list | None]:
    """The SQL mapping a row's order channel onto casekit's words, and the file's words no rate card row knows.

    A file names its channels with a handful of words: each is mapped once,
    and rows get an exact-match CASE instead of the alias lookup per row.
    """
    if "order_channel" not in has:
        return "CAST(NULL AS VARCHAR)", []
    words = con.execute(f"""SELECT v, {channel_sql('v')} FROM (SELECT DISTINCT order_channel AS v FROM typed
                            WHERE order_channel IS NOT NULL LIMIT 1001)""").fetchall()
    if len(words) > 1000:  # not a channel column after all: map row by row
        return channel_sql("t.order_channel"), None
    unknown = [raw for raw, mapped in words if mapped not in channels]
    whens = " ".join(f"WHEN {literal(raw)} THEN {literal(mapped)}" for raw, mapped in words)
    return (f"(CASE t.order_channel {whens} END)" if whens else "CAST(NULL AS VARCHAR)"), unknown


def _order_table(con, rows: str, channel: str) -> None:
    """Make the temp table ``_orders``: one row per order of ``rows`` (a table of typed lines).

    An order's channel is the one most of its lines name; mode() for every
    order is costly, so orders whose lines disagree (rare) take it apart.
    Whether an order's lines name two customers (``_conflict``) or two
    channels (``_mixed``) is told by the least and greatest hash of the
    value: comparing numbers costs less than keeping the least and greatest
    text (10 M lines: 1.07 s against 1.3 s).  The customer and channel kept
    are then any of the order's, which is its only one unless ``_conflict``
    (the rows are set aside and the orders made again) or ``_mixed`` (the
    mode replaces it).
    """
    okey = _ORDER_KEY
    differ = ("min(CASE WHEN t.{0} IS NOT NULL THEN hash(t.{0}) END) "
              "<> max(CASE WHEN t.{0} IS NOT NULL THEN hash(t.{0}) END)")
    con.execute("DROP TABLE IF EXISTS _orders")
    # The inner SELECT keeps a word of the file per order; the outer one maps it onto casekit's channels.
    con.execute(f"""
        CREATE TEMP TABLE _orders AS
        SELECT t.order_id, t.customer_id, t._conflict, t._given, t.order_date, {channel} AS order_channel, t._mixed,
               t.delivery_id, t.ship_to, t.rush
        FROM (SELECT {okey} AS order_id, any_value(t.customer_id) AS customer_id,
                     {differ.format("customer_id")} AS _conflict,
                     bool_or(t.order_id IS NOT NULL) AS _given, min(t.date) AS order_date,
                     any_value(t.order_channel) AS order_channel, {differ.format("order_channel")} AS _mixed,
                     min(t.delivery_id) AS delivery_id, min(t.ship_to) AS ship_to, bool_or(t.rush) AS rush
              FROM {rows} t GROUP BY 1) t""")
    if con.execute("SELECT count_if(_mixed) FROM _orders").fetchall()[0][0]:
        con.execute(f"""
            UPDATE _orders SET order_channel = m._mode
            FROM (SELECT {okey} AS order_id, mode({channel}) AS _mode FROM {rows} t
                  WHERE {okey} IN (SELECT order_id FROM _orders WHERE _mixed) GROUP BY 1) m
            WHERE _orders.order_id = m.order_id""").fetchall()


def _write_engine_tables(con, has: set, masters: dict, workdir: Path, channel: str, *, any_rejected: bool = True,
                         step=lambda: None, chain=None):
    """Write ``orders.parquet``, and the lines: ``lines.parquet`` (returned as its path) or, given the
    ``chain`` of statements that make the typed rows in another connection (from the client's Parquet
    files or the build's database file), a QueryTable over them (see build_tables).

    The view ``_engine_lines`` of ``con`` holds the lines either way.
    """
    price = ("(CASE WHEN t.net_amount IS NOT NULL "
             "THEN CAST(abs(t.net_amount) AS DOUBLE) / CAST(abs(t.quantity) AS DOUBLE) "
             "ELSE CAST(abs(t.invoice_price) AS DOUBLE) END)")
    list_price = (f"coalesce(CAST(abs(t.gross_amount) AS DOUBLE) / CAST(abs(t.quantity) AS DOUBLE), "
                  f"CAST(abs(t.list_price) AS DOUBLE), {price})")
    order = _ORDER_KEY
    accepted = ("CREATE TEMP VIEW accepted AS SELECT t.* FROM typed t"
                + (" ANTI JOIN _rejected_keys f ON f._fi = t._fi AND f._row = t._row" if any_rejected else ""))
    if any_rejected:
        con.execute("CREATE TEMP VIEW _rejected_keys AS SELECT _fi, _row FROM _flags")
    con.execute(accepted)
    # Only what the engine and the tables below read: the order's attributes go to orders.parquet, and a
    # field the client did not map is not written as a column of nothing (each column costs a pass to encode).
    optional = [f"t.{f}" for f in ("delivery_id", "ship_to", "customer_name", "product_name") if f in has]
    select = f"""
          SELECT CAST(t._fi AS BIGINT) * 10000000000 + t._row AS line_id,
                 {order} AS order_id, t.product_id, t.customer_id, t.date AS order_date,
                 CASE WHEN t.is_return THEN 0.0 ELSE CAST(t.quantity AS DOUBLE) END AS cases,
                 CASE WHEN t.is_return THEN CAST(abs(t.quantity) AS DOUBLE) ELSE 0.0 END AS returned_cases,
                 {list_price} AS list_price,
                 {list_price} - {price} AS on_invoice_discount,
                 {price} AS invoice_price,
                 CASE WHEN t.is_return THEN 0.0
                      ELSE coalesce(CAST(abs(t.allowance_amount) AS DOUBLE) / CAST(abs(t.quantity) AS DOUBLE), 0.0)
                 END AS off_invoice_allowance,
                 CASE WHEN t.is_return THEN NULL ELSE CAST(t.cost_amount AS DOUBLE) END AS cost_amount
                 {''.join(', ' + c for c in optional)}
          FROM accepted t"""
    con.execute(f"CREATE TEMP VIEW _engine_lines AS {select}")
    if chain is None:
        lines_table = str(workdir / "lines.parquet")
        con.execute(f"COPY (SELECT * FROM _engine_lines) TO {literal(lines_table)} (FORMAT parquet)")
    else:
        setup = list(chain)
        if any_rejected:  # the rows set aside, by file and row, for the query to leave out
            keys = str(workdir / "rejected_keys.parquet")
            con.execute(f"COPY (SELECT _fi, _row FROM _flags) TO {literal(keys)} (FORMAT parquet)")
            setup.append(f"CREATE TEMP VIEW _rejected_keys AS SELECT _fi, _row FROM read_parquet({literal(keys)})")
        lines_table = QueryTable(setup=tuple(setup + [accepted]), query=select)
    step()
    if any_rejected:  # the orders made before the checks hold rows set aside since
        _order_table(con, "accepted", channel)
    cust_channel = ""
    if "customers" in masters and "order_channel" in masters["customers"].columns:
        con.register("_cchan", masters["customers"][["customer_id", "order_channel"]])
        cust_channel = "(SELECT c.order_channel FROM _cchan c WHERE c.customer_id = o.customer_id),"
    con.execute(f"""
        COPY (
          SELECT o.order_id, o.customer_id, o.order_date,
                 coalesce(o.order_channel, {cust_channel} 'EDI') AS order_channel,
                 coalesce(o.delivery_id, o.customer_id || ' ' || coalesce(o.ship_to, '') || ' '
                          || CAST(o.order_date AS VARCHAR)) AS delivery_id,
                 o.rush
          FROM _orders o
        ) TO '{workdir / 'orders.parquet'}' (FORMAT parquet)""")
    con.execute("DROP TABLE _orders")
    step()
    return lines_table


def copy_tables(data: ClientData, directory) -> dict:
    """Copy the engine tables to ``directory`` (Parquet) and return their paths.

    Parameters
    ----------
    data : ClientData
        From :func:`build_tables` (not yet closed).
    directory : str or Path
        Where to write (created if missing).

    Returns
    -------
    dict
        ``{table name: path}`` for ``customers``, ``products``, ``orders``
        and ``lines``; :func:`casekit.cost_to_serve` reads them back.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from casekit.client.lines import read_lines
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "jan.csv").write_text("Sold-To;Material;Inv Date;Qty;Net Value\\n1001;A-7;03.01.2025;5;12,50\\n")
    >>> data = build_tables(read_lines(d / "jan.csv"))
    >>> paths = copy_tables(data, d / "tables")
    >>> data.close()
    >>> sorted(paths), all(pathlib.Path(v).exists() for v in paths.values())
    (['customers', 'lines', 'orders', 'products'], True)
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, t in data.tables.items():
        target = directory / f"{name}.parquet"
        if isinstance(t, pd.DataFrame):
            t.to_parquet(target, index=False)
        elif isinstance(t, QueryTable):
            t.to_parquet(target)
        else:
            shutil.copyfile(t, target)
        out[name] = str(target)
    return out
