"""Assumption tables: the levers a model exposes, as data a class can edit.

Every model in casekit (innovation, objectives, incentives, account
development) keeps its parameters in a small DataFrame indexed by parameter,
with a ``value``, a ``unit`` and a ``source`` column, so an instructor can
change one number and see where it came from.  :func:`assumption_values`
reads such a table back into plain floats, with one set of error messages.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["assumption_values", "with_values"]


def assumption_values(table, defaults: pd.DataFrame, *, defaults_name: str, name: str = "assumptions",
                      signed=(), shares=()) -> dict[str, float]:
    """Check an edited assumption table against its defaults and return its values.

    Parameters
    ----------
    table : pandas.DataFrame
        The edited table: indexed by parameter, with a ``value`` column.
    defaults : pandas.DataFrame
        The model's default table; every one of its parameters must be given.
    defaults_name : str
        The defaults' public name, for the messages (``"OBJECTIVE_ASSUMPTIONS"``).
    name : str, default="assumptions"
        What the caller calls the table (``"rates"``), for the messages.
    signed : collection of str
        Parameters that may be negative; all others must be >= 0.
    shares : collection of str
        Parameters that are shares and must lie between 0 and 1.

    Returns
    -------
    dict of str to float
        One value per parameter of ``defaults``, in its order.

    Raises
    ------
    TypeError
        If ``table`` is not a DataFrame.
    ValueError
        Naming the parameters that are missing, not numbers, negative or
        shares above 1.

    Examples
    --------
    >>> import pandas as pd
    >>> defaults = pd.DataFrame({"value": [0.3, 12.0]}, index=["prune_share", "months"])
    >>> assumption_values(defaults, defaults, defaults_name="DEFAULTS", shares=["prune_share"])
    {'prune_share': 0.3, 'months': 12.0}
    >>> assumption_values(defaults.assign(value=[1.5, 12.0]), defaults, defaults_name="DEFAULTS",
    ...                   shares=["prune_share"])
    Traceback (most recent call last):
    ...
    ValueError: assumptions: parameter(s) ['prune_share'] are shares and must be between 0 and 1.
    """
    like = f"a DataFrame like {defaults_name} (indexed by parameter, with a 'value' column)"
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} must be {like}; got {type(table).__name__}.")
    if "value" not in table.columns:
        raise ValueError(f"{name} has no 'value' column; it must be {like}.")
    missing = [p for p in defaults.index if p not in table.index]
    if missing:
        raise ValueError(f"{name} lacks parameter(s) {missing}; start from {defaults_name}.copy() "
                         "and change values.")
    values = pd.to_numeric(table["value"], errors="coerce")
    bad = [p for p in defaults.index if pd.isna(values[p])]
    if bad:
        raise ValueError(f"{name}: parameter(s) {bad} must be numbers.")
    out = {p: float(values[p]) for p in defaults.index}
    negative = [p for p, v in out.items() if v < 0 and p not in signed]
    if negative:
        raise ValueError(f"{name}: parameter(s) {negative} must be numbers >= 0.")
    over = [p for p in shares if out[p] > 1]
    if over:
        raise ValueError(f"{name}: parameter(s) {over} are shares and must be between 0 and 1.")
    return out


def with_values(table: pd.DataFrame, **values) -> pd.DataFrame:
    """Return a copy of an assumptions table with some values changed, for a what-if run.

    Parameters
    ----------
    table : pandas.DataFrame
        A table of assumptions indexed by ``parameter`` with a ``value``
        column (``LIFE_ASSUMPTIONS``, ``OBJECTIVE_ASSUMPTIONS``, ...).
    **values
        Parameter name -> its new value.

    Returns
    -------
    pandas.DataFrame
        The copy; the table passed in is left as it was.

    Raises
    ------
    KeyError
        If a name is not a parameter of ``table``.

    Examples
    --------
    >>> from casekit.models.launches import LIFE_ASSUMPTIONS
    >>> what_if = with_values(LIFE_ASSUMPTIONS, life_years=5)
    >>> what_if.loc["life_years", "value"], float(LIFE_ASSUMPTIONS.loc["life_years", "value"])
    (5.0, 3.0)
    >>> with_values(LIFE_ASSUMPTIONS, life=5)
    Traceback (most recent call last):
    ...
    KeyError: "with_values: no parameter(s) ['life'] in this table; use some of ['life_years', ...]"
    """
    unknown = [name for name in values if name not in table.index]
    if unknown:
        known = list(map(str, table.index))
        raise KeyError(f"with_values: no parameter(s) {unknown} in this table; use some of {known[:1] + ['...']}")
    out = table.copy()
    out["value"] = out["value"].astype(object)
    for name, value in values.items():
        out.loc[name, "value"] = float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
            else value
    return out
