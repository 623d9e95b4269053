"""A dense roll-up's group sums made into its columns.

:func:`casekit.costing.dense.dense_rollup` adds each line's measures into
its group's row; :class:`Summed` holds those sums with the groups' keys and
the rate card's factors, and :meth:`Summed.frame` makes every cost column
from them (each sum times its coefficient, see
:func:`casekit.costing.query._coefficients`) once DuckDB's connection is
closed.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

__all__ = ["Summed", "unfold"]


class Summed:
    """A dense roll-up's group sums, keys and factors, waiting to become the roll-up's columns."""

    def __init__(self, plan, keys: dict, sums: dict, factors: dict):
        self.plan, self.keys, self.sums, self.factors = plan, keys, sums, factors

    def frame(self) -> pd.DataFrame:
        """The roll-up: keys, the money columns and each cost column (the sums are handed over, not copied)."""
        plan, keys, sums, factors = self.plan, self.keys, self.sums, self.factors
        self.sums = self.keys = None
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
        # NumPy lets go of the GIL in its gathers and arithmetic, so the cost columns are made on
        # every core (14.5 M pairs, 9 columns: 1.2 s on one core).  Results are taken in order, and
        # a sum is dropped only after every column reading it is done.
        with ThreadPoolExecutor(max(1, min(os.cpu_count() or 1, 4))) as pool:
            made = pool.map(lambda terms: _cost(terms, sums, factors, keys), list(plan.formulas.values()))
            for (col, terms), column in zip(plan.formulas.items(), made):
                out[col] = column
                for term in terms:
                    left[term["sum"]] -= 1
                    name = term["sum"].removeprefix("a.")
                    if not left[term["sum"]] and name not in out:
                        sums.pop(name, None)
        return pd.DataFrame(out, copy=False)


def unfold(cell: np.ndarray, names: list[str], spans: dict[str, int]) -> dict[str, np.ndarray]:
    """The surrogate numbers of each cell, as the query folded them (first * span + second).

    Examples
    --------
    >>> unfold(np.array([0, 8, 13]), ["_ck", "_pk"], {"_ck": 3, "_pk": 5})
    {'_ck': array([0, 1, 2], dtype=int32), '_pk': array([0, 3, 3], dtype=int32)}
    """
    out = {}
    rest = cell
    for name in names[::-1]:
        rest, out[name] = np.divmod(rest, spans[name])
        out[name] = out[name].astype(np.int32)
    return {name: out[name] for name in names}


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
