"""Assumption tables: the levers a model exposes, as data a class can edit.

Every model in casekit (innovation, objectives, incentives, account
development) keeps its parameters in a small DataFrame indexed by parameter,
with a ``value``, a ``unit`` and a ``source`` column, so an instructor can
change one number and see where it came from.  :func:`assumption_values`
reads such a table back into plain floats, with one set of error messages.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["assumption_values"]


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
