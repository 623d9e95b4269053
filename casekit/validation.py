"""Checks at the boundary, with one exception policy.

Every public casekit function checks what it is given with these helpers, so
a mistake gets the same kind of error everywhere:

* ``TypeError`` when a value has the wrong type (a string for a number, a
  company where the line P&L belongs, a list where one column name belongs);
* ``ValueError`` when the type is right but the value is not (a negative
  count, a missing column, an empty frame, an unknown choice).

Messages name the function (``func``), the parameter, column or rows at
fault, and the fix.  This module is the lowest layer of casekit: it imports
nothing from the package.

Examples
--------
>>> from casekit.validation import check_int, check_pnl
>>> check_int(3, "n_customers", low=1)
3
>>> check_int(0, "n_customers", low=1)
Traceback (most recent call last):
...
ValueError: n_customers=0 is below 1; use a value >= 1.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Integral, Real

import numpy as np
import pandas as pd

__all__ = [
    "check_int", "check_real", "check_fraction", "check_seed", "check_choice", "check_column_name",
    "check_frame", "check_pnl", "check_company", "check_number_column", "file_rows",
]

_COMPANY_TABLES = ("customers", "products", "orders", "lines")


def _prefix(func: str | None) -> str:
    return f"{func}: " if func else ""


def _show(value) -> str:
    # numpy scalars print as np.int64(3); a class reads 3.
    return repr(value.item() if isinstance(value, np.generic) else value)


def _bounds(name: str, value, low, high, *, func: str | None, strict_low: bool = False) -> None:
    def use() -> str:
        if low is not None and high is not None:
            return f"between {low:g} and {high:g}"
        return f"> {low:g}" if strict_low else f">= {low:g}"

    too_low = low is not None and (value <= low if strict_low else value < low)
    if too_low:
        relation = "not above" if strict_low else "below"
        raise ValueError(f"{_prefix(func)}{name}={_show(value)} is {relation} {low:g}; use a value {use()}.")
    if high is not None and value > high:
        raise ValueError(f"{_prefix(func)}{name}={_show(value)} is above {high:g}; use a value "
                         f"{use() if low is not None else f'<= {high:g}'}.")


def check_int(value, name: str, *, low: int | None = None, high: int | None = None, what: str = "an integer",
              func: str | None = None) -> int:
    """Return ``value`` as an int after checking its type and range.

    Parameters
    ----------
    value : int
        The value to check; ``bool`` is refused (``True`` is not a count).
    name : str
        The parameter's name, for the message.
    low, high : int, optional
        Inclusive bounds.
    what : str, default="an integer"
        What the value is, for the message ("an int (the classroom case is seed=14)").
    func : str, optional
        The function being called, put in front of the message.

    Returns
    -------
    int

    Raises
    ------
    TypeError
        If ``value`` is not an integer.
    ValueError
        If it is outside ``[low, high]``.

    Examples
    --------
    >>> check_int(12, "months", low=1, high=36)
    12
    >>> check_int(2.5, "n_products")
    Traceback (most recent call last):
    ...
    TypeError: n_products must be an integer; got 2.5.
    >>> check_int(40, "months", low=1, high=36)
    Traceback (most recent call last):
    ...
    ValueError: months=40 is above 36; use a value between 1 and 36.
    >>> check_int("4", "seed", what="an int (the classroom case is seed=14)", func="era_case")
    Traceback (most recent call last):
    ...
    TypeError: era_case: seed must be an int (the classroom case is seed=14); got '4'.
    """
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{_prefix(func)}{name} must be {what}; got {_show(value)}.")
    _bounds(name, value, low, high, func=func)
    return int(value)


def check_real(value, name: str, *, low: float | None = None, high: float | None = None,
               strict_low: bool = False, what: str = "a finite number", func: str | None = None) -> float:
    """Return ``value`` as a float after checking it is a finite number in range.

    Parameters
    ----------
    value : int or float
        The value to check; ``bool`` is refused.
    name : str
        The parameter's name, for the message.
    low, high : float, optional
        Bounds, inclusive unless ``strict_low``.
    strict_low : bool, default=False
        Refuse ``value == low`` too (for a size or a scale that must be > 0).
    what : str, default="a finite number"
        What the value is, for the message ("a finite number of dollars").
    func : str, optional
        The function being called, put in front of the message.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If it is NaN, infinite or out of range.

    Examples
    --------
    >>> check_real(2, "revenue_cut", low=0)
    2.0
    >>> check_real("big", "revenue_cut", what="a finite number of dollars", func="segment_customers")
    Traceback (most recent call last):
    ...
    TypeError: segment_customers: revenue_cut must be a finite number of dollars; got 'big'.
    >>> check_real(0, "lines_scale", low=0, strict_low=True)
    Traceback (most recent call last):
    ...
    ValueError: lines_scale=0 is not above 0; use a value > 0.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{_prefix(func)}{name} must be {what}; got {_show(value)}.")
    if not math.isfinite(float(value)):
        raise ValueError(f"{_prefix(func)}{name} must be {what}; got {_show(value)}.")
    _bounds(name, value, low, high, func=func, strict_low=strict_low)
    return float(value)


def check_fraction(value, name: str, *, func: str | None = None) -> float:
    """Return a share between 0 and 1 as a float.

    Examples
    --------
    >>> check_fraction(0.3, "move_to_edi")
    0.3
    >>> check_fraction(30, "move_to_edi")
    Traceback (most recent call last):
    ...
    ValueError: move_to_edi=30 is a share between 0 and 1 (0.3 means 30 %).
    """
    what = "a share between 0 and 1 (0.3 means 30 %)"
    value = check_real(value, name, what=what, func=func)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{_prefix(func)}{name}={value:g} is {what}.")
    return value


def check_seed(seed, *, func: str | None = None):
    """Return ``seed`` if numpy's ``default_rng`` can take it: None, an int or a Generator.

    Examples
    --------
    >>> check_seed(14)
    14
    >>> check_seed("14")
    Traceback (most recent call last):
    ...
    TypeError: seed must be an int, a numpy Generator or None; got '14'.
    """
    if isinstance(seed, bool) or not (seed is None or isinstance(seed, (Integral, np.random.Generator))):
        raise TypeError(f"{_prefix(func)}seed must be an int, a numpy Generator or None; got {_show(seed)}.")
    return seed


def check_choice(value, name: str, *, choices: Iterable, func: str | None = None):
    """Return ``value`` if it is one of ``choices``.

    Examples
    --------
    >>> check_choice("mass", "era", choices=["mass", "precision"])
    'mass'
    >>> check_choice("modern", "era", choices=["mass", "precision"])
    Traceback (most recent call last):
    ...
    ValueError: era='modern' is not known; use one of ['mass', 'precision'].
    """
    choices = list(choices)
    try:
        known = value in choices
    except TypeError:  # unhashable or incomparable: certainly not a choice
        known = False
    if not known:
        raise ValueError(f"{_prefix(func)}{name}={_show(value)} is not known; use one of {choices}.")
    return value


def check_column_name(value, name: str, *, example: str = "customer_id", func: str | None = None) -> str:
    """Return ``value`` if it is one column name (a str).

    Examples
    --------
    >>> check_column_name(["customer_id"], "by", func="whale_curve")
    Traceback (most recent call last):
    ...
    TypeError: whale_curve: by must be one column name such as 'customer_id'; got ['customer_id'].
    """
    if not isinstance(value, str):
        raise TypeError(f"{_prefix(func)}{name} must be one column name such as {example!r}; got {_show(value)}.")
    return value


def check_frame(frame, *, name: str = "frame", columns: Iterable[str] = (), source: str | None = None,
                allow_empty: bool = True, func: str | None = None) -> pd.DataFrame:
    """Return ``frame`` after checking it is a DataFrame with ``columns``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The frame to check.
    name : str, default="frame"
        What the frame is called in the message (``"pnl"``, ``"segments"``).
    columns : iterable of str
        Columns it must have.
    source : str, optional
        Where a right frame comes from (``"segment_customers(pnl)"``), named
        in the fix.
    allow_empty : bool, default=True
        Refuse a frame without rows when False.
    func : str, optional
        The function being called, put in front of the message.

    Raises
    ------
    TypeError
        If ``frame`` is not a DataFrame.
    ValueError
        If columns are missing, or the frame is empty and ``allow_empty`` is False.

    Examples
    --------
    >>> import pandas as pd
    >>> check_frame(pd.DataFrame({"a": [1]}), columns=["a"]).shape
    (1, 1)
    >>> check_frame(pd.DataFrame({"a": [1]}), name="segments", columns=["segment"],
    ...             source="segment_customers(pnl)", func="segment_summary")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: segment_summary: segments has no column(s) ['segment']; pass the frame returned by ...
    """
    fix = f"pass the frame returned by {source}" if source else "pass a frame that has them"
    if not isinstance(frame, pd.DataFrame):
        what = f"the DataFrame returned by {source}" if source else "a DataFrame"
        raise TypeError(f"{_prefix(func)}{name} must be {what}; got {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{_prefix(func)}{name} has no column(s) {missing}; {fix}.")
    if not allow_empty and frame.empty:
        raise ValueError(f"{_prefix(func)}{name} has no rows; did a filter remove every row?")
    return frame


def check_pnl(pnl, *, columns: Iterable[str] = ("revenue", "net_profit"), source: str = "cost_to_serve(company)",
              allow_empty: bool = False, func: str) -> pd.DataFrame:
    """Return ``pnl`` after checking it is a non-empty line P&L with ``columns``.

    The P&L is what :func:`casekit.cost_to_serve` returns; the commonest
    slip, passing the company instead, gets its own message.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L to check.
    columns : iterable of str
        Columns it must have.
    source : str, default="cost_to_serve(company)"
        The call that makes a right P&L, named in the fix (a model that
        reads the default cost pools says "cost_to_serve(company) with the
        default rate card").
    allow_empty : bool, default=False
        Accept a P&L without rows.
    func : str
        The function being called, put in front of the message.

    Raises
    ------
    TypeError
        If ``pnl`` is not a DataFrame (a Company gets the fix spelled out).
    ValueError
        If columns are missing or it has no rows.

    Examples
    --------
    >>> import pandas as pd
    >>> check_pnl(pd.DataFrame({"revenue": [1.0]}), func="profit_by")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: profit_by: pnl has no column(s) ['net_profit']. Pass the frame returned by cost_to_serve(company)...
    >>> check_pnl(pd.DataFrame({"revenue": [1.0]}), columns=["cost_delivery"], func="develop_account",
    ...           source="cost_to_serve(company) with the default rate card")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    ValueError: develop_account: pnl has no column(s) ['cost_delivery']. Pass the frame returned by
    cost_to_serve(company) with the default rate card, which has them.
    """
    if not isinstance(pnl, pd.DataFrame):
        if all(hasattr(pnl, n) for n in _COMPANY_TABLES):
            raise TypeError(
                f"{func} takes the line P&L, not the company: compute it first with "
                f"pnl = cost_to_serve(co), then call {func}(pnl, ...)."
            )
        raise TypeError(f"{func}: pnl must be the DataFrame returned by {source}; got {type(pnl).__name__}.")
    missing = [c for c in columns if c not in pnl.columns]
    if missing:
        raise ValueError(f"{func}: pnl has no column(s) {missing}. Pass the frame returned by {source}, "
                         f"which has them.")
    if pnl.empty and not allow_empty:
        raise ValueError(f"{func}: pnl has no rows; did a filter remove every line?")
    return pnl


def check_company(company, *, tables: Iterable[str] = _COMPANY_TABLES, allow_dict: bool = True,
                  func: str) -> dict:
    """Return the company's tables by name, checking it is a Company (or a dict of tables).

    Raises
    ------
    TypeError
        If ``company`` has not got the tables.

    Examples
    --------
    >>> import pandas as pd
    >>> sorted(check_company({"customers": pd.DataFrame()}, func="f"))
    ['customers']
    >>> check_company("C0001", func="profit_by")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: profit_by: company must be a Company (from make_company or load_case) or a dict of tables; ...
    """
    tables = tuple(tables)
    if allow_dict and isinstance(company, dict):
        return company
    if not all(hasattr(company, n) for n in tables):
        also = " or a dict of tables" if allow_dict else ""
        raise TypeError(f"{func}: company must be a Company (from make_company or load_case){also}; "
                        f"got {type(company).__name__}.")
    return {n: getattr(company, n) for n in tables}


def file_rows(mask: pd.Series, *, limit: int = 10) -> list[int]:
    """Row numbers of the True entries of ``mask`` as a spreadsheet shows them (header is row 1).

    Examples
    --------
    >>> import pandas as pd
    >>> file_rows(pd.Series([False, True, True]))
    [3, 4]
    """
    return (np.flatnonzero(np.asarray(mask, dtype=bool)) + 2).tolist()[:limit]


def check_number_column(table: pd.DataFrame, column: str, *, source: str, low: float | None = None,
                        high: float | None = None, strict_low: bool = False) -> pd.Series:
    """Return a table's column as floats, naming the file rows that are not numbers in range.

    Parameters
    ----------
    table : pandas.DataFrame
        A table read from a file (its rows in file order).
    column : str
        The column to check.
    source : str
        The file or sheet, put in front of the message.
    low, high : float, optional
        Bounds, inclusive unless ``strict_low``.

    Raises
    ------
    ValueError
        Naming the column, the file rows (header is row 1) and the values at fault.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"rate": [1.5, "n/a", -2]})
    >>> check_number_column(t, "rate", source="rates.csv", low=0)
    Traceback (most recent call last):
    ...
    ValueError: rates.csv: column 'rate' must be a number >= 0; row(s) [3, 4] hold ['n/a', -2].
    """
    values = pd.to_numeric(table[column], errors="coerce")
    bad = values.isna()
    if low is not None:
        bad |= (values <= low) if strict_low else (values < low)
    if high is not None:
        bad |= values > high
    if bad.any():
        if low is not None and high is not None:
            bound = f"between {low:g} and {high:g}"
        elif low is not None:
            bound = f"> {low:g}" if strict_low else f">= {low:g}"
        else:
            bound = f"<= {high:g}" if high is not None else ""
        raise ValueError(f"{source}: column {column!r} must be a number {bound}".rstrip()
                         + f"; row(s) {file_rows(bad)} hold {table.loc[bad.to_numpy(), column].tolist()[:5]}.")
    return values.astype(float)
