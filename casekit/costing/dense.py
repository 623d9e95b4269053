"""Roll-ups to customers and products, summed in arrays instead of a hash table.

A roll-up to customer x product of a client's lines has nearly as many
groups as lines (10 M lines, 8.8 M pairs), and a hash group-by of that many
groups is the slowest step of the engine; its result then has to be sorted.
But a pair is two small integers (the surrogate numbers of
:mod:`casekit.costing.query`), so it names a cell of a grid that fits in
memory.  Two passes over the lines replace the hash table:

1. DuckDB streams each line's cell; a map of the grid marks the cells that
   occur, and a cell's place among them (a count of marks before it) is the
   group's row, in key order.
2. DuckDB streams each line's cell and measures (the sums of
   :func:`casekit.costing.query.rollup_query`); each measure is added into
   its group's row with :func:`numpy.add.at`.

The cost columns are then the rate card's coefficients times the sums
(:func:`casekit.costing.query.dense_rollup_query` gives them as data).  At
10 M client lines this takes a third of the hash group-by's time, and the
rows need no sort.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.costing.handover import _BELOW, _POPCOUNT
from casekit.costing.query import dense_rollup_query

__all__ = ["NotDense", "dense_rollup", "CELLS_PER_LINE"]

CELLS_PER_LINE = 16
"""The grid's map takes a byte per cell: a roll-up sums in arrays when its grid has at most this many cells
per line (or 16 M cells), so the map stays smaller than the lines' own measures."""

_MIN_CELLS = 2**24


class NotDense(Exception):
    """A line measure is missing (NULL): SQL's sum skips it, so the roll-up is left to SQL."""


def dense_rollup(run, rates, by, *, spans: dict[str, int], lines: float) -> pd.DataFrame | None:
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

    Returns
    -------
    pandas.DataFrame or None
        The columns of :func:`casekit.costing.query.rollup_query`, sorted by
        the surrogate keys; ``None`` when the grain or the rate card does not
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
    if cells > max(CELLS_PER_LINE * lines, _MIN_CELLS):
        return None
    # Pass 1: which cells occur.  DuckDB prunes the measures it is not asked for.
    present = np.zeros(cells, dtype=bool)
    for batch in run.reader(f"SELECT _key FROM ({plan.sql})"):
        present[batch.column(0).to_numpy()] = True
    # 32-bit places and cells where they fit: at 10 M lines they are what the arrays of sums
    # have to make room for beside DuckDB's working memory.
    cell = np.flatnonzero(present).astype(np.int32 if cells < 2**31 else np.int64)
    bits = np.packbits(present, bitorder="little")
    del present
    counts = _POPCOUNT[bits]
    before = np.cumsum(counts, dtype=np.int32 if len(cell) < 2**31 else np.int64)
    before -= counts
    del counts
    # Pass 2: each measure into its group's row.
    n = len(cell)
    sums = {name: np.zeros(n) for name in plan.measures}
    sums["lines"] = np.zeros(n, dtype=np.int64)
    for batch in run.reader(plan.sql):
        flat = batch.column(0).to_numpy()
        byte = flat >> 3
        row = before[byte]
        row += _POPCOUNT[bits[byte] & _BELOW[flat & 7]]
        del byte
        np.add.at(sums["lines"], row, 1)
        for name, column in zip(plan.measures, batch.columns[1:]):
            if column.null_count:
                raise NotDense(f"line measure {name} has {column.null_count} NULL values")
            np.add.at(sums[name], row, column.to_numpy())
        del batch, flat, row
    del bits, before
    keys = _unfold(cell, plan.keys, spans)
    del cell
    factors = {"p": _factors(run, "pf", "_pk", ["cogs_per_case", *plan.pf], spans) if "_pk" in keys else {},
               "c": _factors(run, "cf", "_ck", plan.cf, spans) if plan.cf else {}}
    if plan.cogs_from_cases:
        sums["cogs"] = sums["cases"] * factors["p"]["cogs_per_case"][keys["_pk"]]
    out = dict(keys)
    for name in ("lines", "cases", "returned_cases", "gross_sales", "on_invoice_discounts", "revenue", "cogs"):
        out[name] = sums[name]
    # Each weighted sum is dropped once the last cost column that reads it is made.
    left = {}
    for terms in plan.formulas.values():
        for term in terms:
            left[term["sum"]] = left.get(term["sum"], 0) + 1
    for col, terms in plan.formulas.items():
        out[col] = _cost(terms, sums, factors, keys)
        for term in terms:
            left[term["sum"]] -= 1
            name = term["sum"].removeprefix("a.")
            if not left[term["sum"]] and name not in out:
                sums.pop(name, None)
    return pd.DataFrame(out, copy=False)


def _unfold(cell: np.ndarray, names: list[str], spans: dict[str, int]) -> dict[str, np.ndarray]:
    """The surrogate numbers of each cell, as the query folded them (first * span + second).

    Examples
    --------
    >>> _unfold(np.array([0, 8, 13]), ["_ck", "_pk"], {"_ck": 3, "_pk": 5})
    {'_ck': array([0, 1, 2], dtype=int32), '_pk': array([0, 3, 3], dtype=int32)}
    """
    out = {}
    rest = cell
    for name in names[::-1]:
        rest, out[name] = np.divmod(rest, spans[name])
        out[name] = out[name].astype(np.int32)
    return {name: out[name] for name in names}


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


def _cost(terms: list[dict], sums: dict, factors: dict, keys: dict) -> np.ndarray:
    """One cost column: each sum times its coefficient, added in the order the SQL adds them.

    Examples
    --------
    >>> sums = {"cases": np.array([2.0, 3.0]), "_q0": np.array([1.0, 1.0])}
    >>> factors = {"p": {"_kp0": np.array([0.0, 10.0, 20.0])}, "c": {}}
    >>> terms = [{"const": 0.5, "p": [], "c": [], "inline": [], "sum": "a.cases"},
    ...          {"const": 0.0, "p": ["_kp0"], "c": [], "inline": [], "sum": "a._q0"}]
    >>> _cost(terms, sums, factors, {"_pk": np.array([1, 2])}).tolist()
    [11.0, 21.5]
    """
    total = None
    for term in terms:
        # (const + p + c) * sum, added in the order the SQL adds them; in place, since each new
        # array of millions of rows costs more in fresh memory than in arithmetic.
        value = None
        for alias, key in (("p", "_pk"), ("c", "_ck")):
            for name in term[alias]:
                gathered = factors[alias][name][keys[key]]
                if value is not None:
                    value += gathered
                    continue
                value = gathered
                if term["const"]:
                    value += term["const"]
        if value is None:
            value = sums[term["sum"].removeprefix("a.")] * term["const"]
        else:
            value *= sums[term["sum"].removeprefix("a.")]
        total = value if total is None else np.add(total, value, out=total)
    return np.zeros(len(next(iter(keys.values())))) if total is None else total
