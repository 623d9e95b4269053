"""Roll-ups to customers and products, summed in arrays instead of a hash table.

A roll-up to customer x product of a client's lines has nearly as many
groups as lines (10 M lines, 8.8 M pairs), and a hash group-by of that many
groups is the slowest step of the engine; its result then has to be sorted.
But a pair is two small integers (the surrogate numbers of
:mod:`casekit.costing.query`), so it names a cell of a grid that fits in
memory.  Two passes over the lines replace the hash table:

1. DuckDB streams each line's cell; a map of the grid marks the cells that
   occur, and a cell's place among them (a count of marks before it) is the
   group's row, in key order.  :func:`order_pass` makes this pass do the
   engine's order totals too, which would otherwise take a pass of their own.
2. DuckDB streams each line's cell and measures (the sums of
   :func:`casekit.costing.query.rollup_query`); each measure is added into
   its group's row with :func:`numpy.add.at`.

The cost columns are then the rate card's coefficients times the sums
(:func:`dense_rollup_query` gives them as data).  At
10 M client lines this takes half the hash group-by's time, and the
rows need no sort.
"""

from __future__ import annotations

import contextlib
import itertools
import math
from typing import NamedTuple

import numpy as np
import pyarrow as pa

from casekit.costing.memory import populated_zeros
from casekit.costing.query import _PRODUCT_COLUMNS, ORDER_COLUMNS, SURROGATES, _line_pass, _rollup_plan
from casekit.costing.summed import Summed, unfold

__all__ = ["CELLS_PER_LINE", "DenseRollup", "Grid", "NotDense", "Summed", "customer_slices", "dense_rollup",
           "dense_rollup_query", "order_pass"]

CELLS_PER_LINE = 16
"""The grid's map takes a byte per cell: a roll-up sums in arrays when its grid has at most this many cells
per line (or 16 M cells), so the map stays smaller than the lines' own measures."""

_MIN_CELLS = 2**24

DUCKDB_SHARE = 0.6
"""While the sums are made, DuckDB keeps at least this share of its memory cap (at 0.4, 30 M lines ran
out of memory)."""

BYTES_PER_ORDER = 100
"""DuckDB's memory per order for a pass's join (30 M client lines in 7.5 M invoices: one pass runs in
740 MB, 18.2 s, where slices by 200 bytes an order took 19.7 s); more orders than the cap holds run in
customer slices, and a pass that still runs out of memory leaves the roll-up to SQL."""

BATCH_ROWS = 262_144
"""Lines per streamed batch: a batch's cells, rows and measures stay in the processor's cache while they are
added up.  Against batches of a million, 30 M client lines cost in 18.0 s instead of 18.8 s and peak at
1.36 GB instead of 1.62 GB (two runs each)."""


class DenseRollup(NamedTuple):
    """A roll-up to customers and/or products whose group sums are added up outside the engine.

    ``sql`` gives each line's group cell ``_key`` (the surrogate numbers
    folded as ``_key = first * span + second``) and its measures, named
    ``measures``; a group's ``lines`` is its count of lines.  ``formulas``
    gives each cost column as data over the sums (see :func:`casekit.costing.query._coefficients`),
    ``pf`` and ``cf`` the factor tables' columns, and ``cogs_from_cases``
    whether cost of goods is the group's cases times ``pf.cogs_per_case``.
    """

    sql: str
    keys: list[str]
    measures: list[str]
    formulas: dict[str, list[dict]]
    pf: list[str]
    cf: list[str]
    cogs_from_cases: bool


def dense_rollup_query(rates, by, *, spans: dict[str, int], part: tuple[int, int] | None = None) -> DenseRollup | None:
    """The line pass of a roll-up to ``customer_id`` and/or ``product_id``, for sums made outside DuckDB.

    The group cells of such a roll-up are numbered pairs of surrogate keys,
    so the group sums can be added up in arrays indexed by the cell's place
    among the cells that occur, which come out in key order with no hash
    table and no sort.  ``spans`` gives each surrogate's span (its largest
    number plus one).  ``None`` when the grain is not made of surrogates or
    a cost coefficient needs columns of more than one table (then
    :func:`casekit.costing.query.rollup_query` does the work).  ``part=(first, last)`` keeps the
    lines of the customers numbered ``first`` to ``last``; the sums of
    parts that cover the customers add up to the whole roll-up's.

    Examples
    --------
    >>> from casekit import RateCard
    >>> plan = dense_rollup_query(RateCard.default(), ["customer_id", "product_id"], spans={"_ck": 9, "_pk": 7})
    >>> plan.keys, plan.measures[:3], "CAST(o._ck AS BIGINT) * 7 + p._pk AS _key" in plan.sql
    (['_ck', '_pk'], ['cases', 'returned_cases', 'gross_sales'], True)
    >>> dense_rollup_query(RateCard.default(), "region", spans={}) is None
    True
    """
    keys, levels, weights, sums, _, factors, formulas = _rollup_plan(rates, by, "duckdb")
    gnames = [SURROGATES.get(k, k) for k in keys]
    if not set(gnames) <= set(SURROGATES.values()) or len(set(gnames)) != len(gnames):
        return None
    if any(term["inline"] for terms in formulas.values() for term in terms):
        return None
    key = _cell_sql(gnames, spans)
    measures = {name: sql for sql, name in sums.items() if sql != "1.0"}
    _merge_measures(measures, formulas)
    product_columns = "".join(f"p.{c}, " for c in _PRODUCT_COLUMNS if c not in keys)
    where = "" if part is None else f"\n        WHERE o._ck BETWEEN {int(part[0])} AND {int(part[1])}"
    sql = (f"WITH j AS ({_line_pass(product_columns + key + ' AS _key', weights, where)})\n"
           # Constant weights (CASE ... THEN 1.0 ELSE 0.0) are DECIMALs; the sums are made in float64.
           f"    SELECT _key, {', '.join(f'CAST({q} AS DOUBLE) AS {name}' for name, q in measures.items())} FROM j")
    return DenseRollup(sql, gnames, list(measures), formulas, list(factors["p"].values()),
                       list(factors["c"].values()), "j.cogs" not in sums)


def _cell_sql(gnames: list[str], spans: dict[str, int]) -> str:
    """A line's cell in the grid: its surrogate numbers folded as ``first * span + second``.

    Examples
    --------
    >>> _cell_sql(["_ck", "_pk"], {"_ck": 9, "_pk": 7})
    'CAST(o._ck AS BIGINT) * 7 + p._pk'
    """
    places = {"_ck": "o._ck", "_pk": "p._pk"}
    key = f"CAST({places[gnames[0]]} AS BIGINT)"
    for g in gnames[1:]:
        key = f"{key} * {int(spans[g])} + {places[g]}"
    return key


def _merge_measures(measures: dict[str, str], formulas: dict[str, list[dict]]) -> None:
    """Fold weighted sums that one cost column multiplies by the same coefficient into one sum, in place.

    A delivery's drop is shared by cases or, when its cases are zero, by
    lines: two sums that the roll-up only ever multiplies by the same drop
    cost.  Their line measures add up line by line, so one array fewer is
    summed and held.

    Examples
    --------
    >>> measures = {"cases": "j.cases", "_q1": "j.cases * j._w1", "_q2": "j._w2"}
    >>> drop = {"const": 112.0, "p": [], "c": ["_kc0"], "inline": []}
    >>> formulas = {"cost_delivery": [{"const": 0.55, "p": [], "c": [], "inline": [], "sum": "a.cases"},
    ...                               {**drop, "sum": "a._q1"}, {**drop, "sum": "a._q2"}]}
    >>> _merge_measures(measures, formulas)
    >>> measures, [t["sum"] for t in formulas["cost_delivery"]]
    ({'cases': 'j.cases', '_q1': 'j.cases * j._w1 + j._w2'}, ['a.cases', 'a._q1'])
    """
    uses: dict[str, int] = {}
    for terms in formulas.values():
        for term in terms:
            uses[term["sum"]] = uses.get(term["sum"], 0) + 1
    for col, terms in formulas.items():
        first: dict[tuple, str] = {}
        kept = []
        for term in terms:
            name = term["sum"].removeprefix("a.")
            if name.startswith("_q") and uses[term["sum"]] == 1:
                coefficient = (term["const"], tuple(term["p"]), tuple(term["c"]), tuple(term["inline"]))
                if coefficient in first:
                    measures[first[coefficient]] += " + " + measures.pop(name)
                    continue
                first[coefficient] = name
            kept.append(term)
        formulas[col] = kept


class Grid(NamedTuple):
    """The cells of a roll-up's grid that occur: ``cell`` (in key order), and the map packed as 64-bit
    ``words`` with ``before``, each word's count of occupied cells before it (a cell's row is that count
    plus the occupied cells below it in its word)."""

    cell: np.ndarray
    words: np.ndarray
    before: np.ndarray

    @classmethod
    def of(cls, present: np.ndarray, cells: int) -> Grid:
        """Pack a map of the grid (a byte per cell, padded to a multiple of 64).

        Examples
        --------
        >>> present = np.zeros(64, dtype=bool)
        >>> present[[3, 9, 10]] = True
        >>> g = Grid.of(present, 12)
        >>> g.cell.tolist(), g.before.tolist()
        ([3, 9, 10], [0])
        """
        # 32-bit cells and places where they fit, and a count per 64-bit word of the map rather than
        # per byte: at 30 M lines that is 300 MB fewer beside the sums and DuckDB's working memory.
        cell = np.flatnonzero(present).astype(np.int32 if cells < 2**31 else np.int64)
        words = np.packbits(present, bitorder="little").view("<u8")
        counts = np.bitwise_count(words)
        before = np.cumsum(counts, dtype=np.int32 if len(cell) < 2**31 else np.int64)
        before -= counts
        return cls(cell, words, before)


def _grid_fits(cells: int, lines: float) -> bool:
    # The map takes a byte per cell: at most CELLS_PER_LINE per line, or _MIN_CELLS for few lines.
    return cells <= max(CELLS_PER_LINE * lines, _MIN_CELLS)


def _grid_map(cells: int) -> np.ndarray:
    # The map and the sums are mapped before DuckDB streams (see casekit.costing.memory): written
    # in scatter while the stream runs, their pages would fault one by one behind DuckDB's own.
    return populated_zeros(-(-cells // 64) * 64, np.bool_)


def order_pass(run, rates, by, *, spans: dict[str, int]) -> Grid | None:
    """Make the engine's ``order_base`` table and the roll-up's :class:`Grid` in one pass over the lines.

    A dense roll-up reads the lines three times: once for each order's
    lines, cases and revenue (``order_sums``, which every cost driver per
    order and per delivery needs), once for the cells of its grid, and once
    for its sums.  The first two need only each line's order, product, cases
    and price, so this pass makes both: DuckDB streams each line's order
    number, cell, cases and revenue, and numpy adds the order totals up
    while it marks the cells.  The grid may name cells that the line pass
    later drops; :func:`dense_rollup` leaves those empty rows out.

    Parameters
    ----------
    run : casekit.costing.engine._DuckDB
        The engine's connection, holding ``lines``, ``orders``, ``cx`` and ``px``.
    rates : RateCard
    by : str or list of str
    spans : dict
        Each surrogate's span (see :func:`dense_rollup`).

    Returns
    -------
    Grid or None
        ``None``, with nothing made, when the roll-up is not dense or its
        grid too large, when the orders do not fit one pass under the
        memory cap, or when a line's cases or revenue is NULL (SQL's sum
        skips it); the engine then makes ``order_sums`` and ``order_base`` in SQL.
    """
    plan = dense_rollup_query(rates, by, spans=spans)
    if plan is None:
        return None
    lines, orders = run.arrow("SELECT (SELECT count(*) FROM lines) AS l, (SELECT count(*) FROM orders) AS o"
                              ).to_pylist()[0].values()
    cells = int(np.prod([spans[k] for k in plan.keys]))
    cap = run.memory_limit_bytes() if run.own_memory_limit else None
    if not _grid_fits(cells, lines) or (cap and orders * BYTES_PER_ORDER > cap) or not orders:
        return None
    select = (f"SELECT o.order_id, {', '.join(f'o.{c}' for c in ORDER_COLUMNS)}, x._ck{{}} "
              "FROM orders o LEFT JOIN cx x ON x.customer_id = o.customer_id")
    # An order's number is its row in _order_no: a new table's rowid runs from 0 without a gap, and costs
    # nothing, where row_number() over 2.5 M orders costs 0.25 s.  Checked, as DuckDB does not promise it.
    run.table("_order_no", select.format(""))
    ok = "CAST(o.rowid AS INTEGER)"
    if not rowids_run_from_zero(run, "_order_no", orders):
        run.table("_order_no", select.format(", CAST(row_number() OVER () - 1 AS INTEGER) AS _ok"))
        ok = "o._ok"
    # Lines of unknown products still count in their order's totals (as in SQL); only their cell is NULL.
    sql = (f"SELECT {ok} AS _ok, {_cell_sql(plan.keys, spans)} AS _key, CAST(l.cases AS DOUBLE) AS c, "
           f"CAST(l.cases AS DOUBLE) * l.invoice_price AS r "
           f"FROM lines l JOIN _order_no o ON o.order_id = l.order_id LEFT JOIN px p ON p.product_id = l.product_id")
    totals = np.zeros((3, orders))
    present = _grid_map(cells)
    complete = True
    with contextlib.closing(run.reader(sql, rows=BATCH_ROWS)) as reader:
        for batch in reader:
            if batch.column(2).null_count or batch.column(3).null_count:
                complete = False
                break
            _add_orders(totals, batch.column(0).to_numpy(), batch.column(2).to_numpy(), batch.column(3).to_numpy())
            cell = batch.column(1)
            present[(cell.drop_null() if cell.null_count else cell).to_numpy()] = True
    if not complete:
        run.drop("_order_no")
        return None
    grid = Grid.of(present, cells)
    del present
    has = np.flatnonzero(totals[0])
    run.con.register("_order_totals", pa.table({"_ok": has.astype(np.int32), "order_lines": totals[0, has],
                                                "order_cases": totals[1, has], "order_revenue": totals[2, has]}))
    try:
        # The columns of context_statements' order_base, joined on the order's number rather than its id.
        run.table("order_base", "SELECT o.order_id, t.order_lines, t.order_cases, t.order_revenue, "
                                f"{', '.join(f'o.{c}' for c in ORDER_COLUMNS)} "
                                f"FROM _order_totals t JOIN _order_no o ON {ok} = t._ok")
    finally:
        run.con.unregister("_order_totals")
        run.drop("_order_no")
    return grid


def rowids_run_from_zero(run, table: str, rows: int) -> bool:
    """Whether the ``rows`` rows of DuckDB table ``table`` have the rowids 0 to ``rows - 1``.

    Examples
    --------
    >>> import duckdb
    >>> from casekit.costing.engine import _DuckDB
    >>> run = _DuckDB(duckdb.connect())
    >>> run.table("t", "SELECT * FROM range(1000)")
    >>> rowids_run_from_zero(run, "t", 1000)
    True
    """
    got = run.arrow(f"SELECT min(rowid) AS lo, max(rowid) AS hi, count(*) AS n FROM {table}").to_pylist()[0]
    return rows == 0 or (got["lo"], got["hi"], got["n"]) == (0, rows - 1, rows)


def _add_orders(totals: np.ndarray, order: np.ndarray, cases: np.ndarray, revenue: np.ndarray) -> None:
    """Add a batch's lines into their orders' count, cases and revenue (``totals``, 3 x orders).

    A file's lines usually come order by order, so a batch's orders are a
    narrow run of numbers and counting into that run (``bincount``) is
    several times faster than scattering into all of them; scattered orders
    take ``add.at``.

    Examples
    --------
    >>> totals = np.zeros((3, 4))
    >>> _add_orders(totals, np.array([1, 1, 3]), np.array([2.0, 3.0, 1.0]), np.array([10.0, 5.0, 4.0]))
    >>> totals.tolist()
    [[0.0, 2.0, 0.0, 1.0], [0.0, 5.0, 0.0, 1.0], [0.0, 15.0, 0.0, 4.0]]
    >>> wide = np.zeros((3, 101))  # two orders far apart: scattered
    >>> _add_orders(wide, np.array([100, 0]), np.array([2.0, 1.0]), np.array([3.0, 4.0]))
    >>> wide[:, [0, 100]].tolist()
    [[1.0, 1.0], [1.0, 2.0], [4.0, 3.0]]
    """
    if not len(order):
        return
    low, high = int(order.min()), int(order.max())
    if high - low < 4 * len(order):
        local = order - low
        span = high - low + 1
        totals[0, low:high + 1] += np.bincount(local, minlength=span)
        totals[1, low:high + 1] += np.bincount(local, weights=cases, minlength=span)
        totals[2, low:high + 1] += np.bincount(local, weights=revenue, minlength=span)
        return
    np.add.at(totals[0], order, 1.0)
    np.add.at(totals[1], order, cases)
    np.add.at(totals[2], order, revenue)


class NotDense(Exception):
    """A line measure is missing (NULL): SQL's sum skips it, so the roll-up is left to SQL."""


def dense_rollup(run, rates, by, *, spans: dict[str, int], lines: float, grid: Grid | None = None) -> Summed | None:
    """Roll the lines up to ``by`` (customers and/or products) by summing in arrays.

    Parameters
    ----------
    run : casekit.costing.engine._DuckDB
        The engine's connection, holding the tables of
        :func:`casekit.costing.query.rollup_statements`.
    rates : RateCard
    by : str or list of str
    spans : dict
        Each surrogate's span, its largest number plus one (``{"_ck": ..., "_pk": ...}``).
    lines : float
        How many lines there are (it bounds the grid, see :data:`CELLS_PER_LINE`).
    grid : Grid, optional
        The cells that occur, from :func:`order_pass`; without it the lines
        are streamed once more to find them.

    Returns
    -------
    Summed or None
        The group sums and factors; :meth:`Summed.frame` makes the columns
        of :func:`casekit.costing.query.rollup_query` from them, sorted by
        the surrogate keys, and needs no connection (so DuckDB's memory can
        be freed first).  ``None`` when the grain or the rate card does not
        allow it or the grid would be too large.

    Raises
    ------
    NotDense
        A line measure is NULL.
    """
    plan = dense_rollup_query(rates, by, spans=spans)
    if plan is None:
        return None
    cells = int(np.prod([spans[k] for k in plan.keys]))
    if not _grid_fits(cells, lines):
        return None
    cap = run.memory_limit_bytes() if run.own_memory_limit else None
    if grid is None:
        # Pass 1: which cells occur.
        present = _grid_map(cells)
        for part in _parts(run, cap):
            keys_only = _query(rates, by, spans, part, keys_only=True)
            with contextlib.closing(run.reader(keys_only, rows=BATCH_ROWS)) as reader:
                for batch in reader:
                    present[batch.column(0).to_numpy()] = True
        grid = Grid.of(present, cells)
        del present
    cell, words, before = grid
    del grid
    # Pass 2: each measure into its group's row.  On casekit's own connection DuckDB's cap is
    # lowered by the room the sums take, down to a floor: 30 M lines peak at 2.7 GB instead of
    # 2.9 GB, in the same time.
    n = len(cell)
    sums = {name: populated_zeros(n) for name in plan.measures}
    sums["lines"] = populated_zeros(n, np.int64)
    room = max(cap - 8.0 * n * len(sums), cap * DUCKDB_SHARE) if cap else None
    with run.memory_at_most(room) if room else contextlib.nullcontext():
        for part in _parts(run, room):
            with contextlib.closing(run.reader(_query(rates, by, spans, part), rows=BATCH_ROWS)) as reader:
                _add_lines(reader, plan.measures, sums, words, before)
    del words, before
    if not sums["lines"].all():
        # A map made by order_pass can name a cell whose lines the line pass drops (an order
        # with no delivery, say); such a row has no lines and is no group.
        kept = sums["lines"] > 0
        cell = cell[kept]
        sums = {name: column[kept] for name, column in sums.items()}
    keys = unfold(cell, plan.keys, spans)
    del cell
    factors = {"p": _factors(run, "pf", "_pk", ["cogs_per_case", *plan.pf], spans) if "_pk" in keys else {},
               "c": _factors(run, "cf", "_ck", plan.cf, spans) if plan.cf else {}}
    return Summed(plan, keys, sums, factors)


def _query(rates, by, spans, part, *, keys_only: bool = False) -> str:
    sql = dense_rollup_query(rates, by, spans=spans, part=part).sql
    # DuckDB prunes the measures a query does not ask for.
    return f"SELECT _key FROM ({sql})" if keys_only else sql


def _parts(run, cap: float | None) -> list:
    """Customer slices (first and last number) whose orders' join fits under ``cap``; ``[None]`` for one pass.

    Each pass joins every line to its order, so DuckDB holds the orders of
    the slice in a hash table beside the engine's tables.
    """
    if not cap:
        return [None]
    per = run.arrow("SELECT _ck, count(*) AS n FROM order_w GROUP BY _ck ORDER BY _ck")
    ck, orders = per.column(0).to_numpy(), per.column(1).to_numpy()
    return customer_slices(ck, orders, math.ceil(float(orders.sum()) * BYTES_PER_ORDER / cap))


def customer_slices(ck: np.ndarray, weights: np.ndarray, parts: int) -> list:
    """Cut customers numbered ``ck`` (in order) into ``parts`` runs of about equal ``weights``.

    Returns each run's first and last customer number; ``[None]`` (one pass) for one part.

    Examples
    --------
    >>> customer_slices(np.array([1, 2, 3, 4]), np.array([5, 5, 5, 5]), 2)
    [(1, 2), (3, 4)]
    >>> customer_slices(np.array([1, 2]), np.array([1, 1]), 1)
    [None]
    """
    if parts <= 1:
        return [None]
    cut = np.searchsorted(np.cumsum(weights), weights.sum() * np.arange(1, parts) / parts)
    bounds = np.unique(np.concatenate([[0], np.clip(cut + 1, 1, len(ck)), [len(ck)]]))
    return [(int(ck[lo]), int(ck[hi - 1])) for lo, hi in itertools.pairwise(bounds) if hi > lo]


def _add_lines(reader, measures: list[str], sums: dict, words: np.ndarray, before: np.ndarray) -> None:
    """Add each streamed line's measures into its group's row (the count of occupied cells before its own)."""
    for batch in reader:
        flat = batch.column(0).to_numpy()
        word = flat >> 6
        row = before[word]
        row += np.bitwise_count(words[word] & _LOWER_BITS[flat & 63])
        del word
        np.add.at(sums["lines"], row, 1)
        for name, column in zip(measures, batch.columns[1:]):
            if column.null_count:
                raise NotDense(f"line measure {name} has {column.null_count} NULL values")
            np.add.at(sums[name], row, column.to_numpy())
        del batch, flat, row


# The bits of a 64-bit word below bit i.
_LOWER_BITS = np.array([(1 << i) - 1 for i in range(64)], dtype=np.uint64)


def _factors(run, table: str, key: str, columns: list[str], spans: dict[str, int]) -> dict[str, np.ndarray]:
    # A factor table's columns as arrays indexed by the surrogate number.
    got = run.arrow(f"SELECT {key}, {', '.join(columns)} FROM {table}")
    at = got.column(key).to_numpy()
    out = {}
    for name in columns:
        full = np.zeros(spans[key])
        full[at] = got.column(name).to_numpy(zero_copy_only=False)
        out[name] = full
    return out
