"""What every cost card's rows must hold: the rate card's rates and the time-driven card's time equations.

Both cards list terms ``activity``, ``driver``, an optional condition
(``applies_to`` = ``applies_value``) and a number per unit of driver (a rate
in $, or minutes).  :func:`check_terms` checks and normalises such a table
once for both, naming the file rows at fault.
"""

from __future__ import annotations

import pandas as pd

from casekit.costing.drivers import CONDITION_COLUMNS, DRIVERS
from casekit.validation import check_frame, check_number_column, file_rows

__all__ = ["check_terms", "check_known"]

TERM_KEYS = ["activity", "driver", "applies_to", "applies_value"]


def check_known(t: pd.DataFrame, column: str, known, *, source: str, hint: str) -> None:
    """Raise a ValueError naming the file rows of ``column`` whose values are not in ``known``.

    Examples
    --------
    >>> t = pd.DataFrame({"driver": ["orders", "pallets"]})
    >>> check_known(t, "driver", ["orders"], source="rates.csv", hint="known drivers: ['orders']")
    Traceback (most recent call last):
    ...
    ValueError: rates.csv: column 'driver' has unknown value(s) ['pallets'] in row(s) [3]; known drivers: ['orders'].
    """
    bad = ~t[column].isin(list(known))
    if bad.any():
        raise ValueError(f"{source}: column {column!r} has unknown value(s) {sorted(set(t.loc[bad, column]))} "
                         f"in row(s) {file_rows(bad)}; {hint}.")


def check_terms(table, *, source: str, columns: list[str], number: str, required: list[str],
                text: tuple[str, ...] = (), kind: str = "a rate card") -> pd.DataFrame:
    """Check a card's terms and return them normalised, in the order of ``columns``.

    Parameters
    ----------
    table : pandas.DataFrame
        The terms as read (row i is file row i + 2).
    source : str
        The file or sheet, put in front of every message.
    columns : list of str
        The card's columns, in order.
    number : str
        The column holding the number per unit of driver (``rate``,
        ``minutes``); it must be a number >= 0.
    required : list of str
        Columns the table must have; the others of ``columns`` default to "".
    text : tuple of str
        Further text columns to strip besides the term keys.
    kind : str
        What the card is, for the message on missing columns ("a rate card needs ...").

    Returns
    -------
    pandas.DataFrame
        Text stripped (empty for a missing value), the number as float.

    Raises
    ------
    TypeError
        If ``table`` is not a DataFrame.
    ValueError
        Naming the column and file rows: a missing column, an unknown driver
        or condition column, a number that is not >= 0, a term listed twice.

    Examples
    --------
    >>> t = pd.DataFrame({"activity": ["delivery"], "driver": ["deliveries"], "rate": ["112"]})
    >>> check_terms(t, source="rates.csv", columns=["activity", "driver", "applies_to", "applies_value", "rate"],
    ...             number="rate", required=["activity", "driver", "rate"])["rate"].tolist()
    [112.0]
    """
    check_frame(table, name=source, func=None)
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ValueError(f"{source}: missing column(s) {missing}; {kind} needs {columns}.")
    t = table.reset_index(drop=True).copy()
    for col in ("applies_to", "applies_value", *text):
        if col not in t.columns:
            t[col] = ""
        t[col] = t[col].fillna("").astype(str).str.strip()
        t.loc[t[col].str.lower() == "nan", col] = ""
    for col in ("activity", "driver"):
        t[col] = t[col].astype(str).str.strip()
    check_known(t, "driver", DRIVERS.index, source=source, hint=f"known drivers: {list(DRIVERS.index)}")
    check_known(t, "applies_to", ["", *CONDITION_COLUMNS], source=source,
                hint=f"use one of {list(CONDITION_COLUMNS)} or leave it empty")
    t[number] = check_number_column(t, number, source=source, low=0)
    dup = t.duplicated(TERM_KEYS, keep=False)
    if dup.any():
        raise ValueError(f"{source}: row(s) {file_rows(dup)} repeat the same activity, driver and condition.")
    return t
