"""What a reader must know before trusting a client run: default rates, implausible results, missing exhibits.

:func:`read_first` turns the run's numbers into the "read this first" block
that opens the workbook and the HTML report: each flag says what was found
and what to check.  The thresholds are deliberately loose; a flag means "look
before you present", not "wrong".
"""

from __future__ import annotations

import pandas as pd

from casekit.client.fields import DEFAULT_COGS_SHARE
from casekit.client.presentation import show

__all__ = ["LOSERS_LIMIT", "COST_TO_SERVE_LIMIT", "read_first", "rates_are_default"]

LOSERS_LIMIT = 60.0
"""Share of accounts losing money (%) above which the result is flagged as implausible."""

COST_TO_SERVE_LIMIT = 40.0
"""Cost to serve as % of revenue above which the result is flagged as implausible."""


def rates_are_default(card) -> bool:
    """Whether a rate card holds casekit's default rates unchanged (e.g. the template sent back unedited).

    Examples
    --------
    >>> from casekit import RateCard
    >>> rates_are_default(RateCard.default())
    True
    """
    from casekit.costing.rates import RateCard

    default = RateCard.default().table
    table = card.table
    keys = ["activity", "driver", "applies_to", "applies_value"]
    if len(table) != len(default):
        return False
    merged = table.merge(default, on=keys, how="outer", suffixes=("", "_default"), indicator=True)
    if not (merged["_merge"] == "both").all():
        return False
    return bool(((merged["rate"] - merged["rate_default"]).abs() <= 1e-9 * merged["rate_default"].abs()).all())


def read_first(headline: pd.Series, *, currency=None, default_rates: bool = False, assumptions=None,
               skipped=None, rows_read: int = 0, rows_set_aside: int = 0, net_profit=None) -> pd.DataFrame:
    """List what a reader must know before trusting the results, each with what to check.

    Parameters
    ----------
    headline : pandas.Series
        :func:`casekit.analysis.summary.headline` of the run.
    currency : str, optional
        The currency of the amounts (for the text).
    default_rates : bool, default=False
        The rate card holds casekit's default rates (none given, or the
        template unedited).
    assumptions : pandas.DataFrame, optional
        Defaults used for fields the client lacked (``field``, ``default``).
    skipped : dict of str to str, optional
        Exhibits left out and why.
    rows_read, rows_set_aside : int
        Lines read and set aside.
    net_profit : float, optional
        Total net profit to the cent (the headline's ``net_profit`` otherwise).

    Returns
    -------
    pandas.DataFrame
        ``flag``, ``finding``, ``what to check``; one row saying nothing was
        flagged when nothing was.

    Examples
    --------
    >>> h = pd.Series({"net_profit": -200_000.0, "accounts": 120.0, "accounts_losing": 119.0,
    ...                "accounts_losing_pct": 99.2, "cost_to_serve_pct": 74.0})
    >>> t = read_first(h, currency="EUR", default_rates=True)
    >>> t["flag"].tolist()
    ['default rates', 'losers', 'cost to serve', 'total profit']
    >>> read_first(pd.Series({"accounts_losing_pct": 20.0}))["flag"].tolist()
    ['none']
    """
    code = str(currency).upper() if currency else "USD"
    rows = []
    if default_rates:
        rows.append(("default rates",
                     "Cost to serve uses casekit's default rates (a US consumer-goods classroom case, in dollars)"
                     + (f", applied to {code} amounts" if code != "USD" else "") + ", not the client's costs.",
                     "Write the rate card with `casekit template rates.xlsx`, put the client's cost per order, "
                     "line, case, drop, km and call in the 'rate' column, and rerun with --rates rates.xlsx."))
    losing = float(headline.get("accounts_losing_pct", float("nan")))
    if losing > LOSERS_LIMIT:
        n = headline.get("accounts_losing", float("nan"))
        of = headline.get("accounts", float("nan"))
        count = f"{n:,.0f} of {of:,.0f} accounts ({losing:.0f} %)" if pd.notna(n) and pd.notna(of) else \
            f"{losing:.0f} % of accounts"
        rows.append(("losers",
                     f"{count} lose money after cost to serve; above {LOSERS_LIMIT:.0f} % is implausible for a "
                     f"business that is still trading.",
                     f"The rates (set for a different business?), the cost of goods (mapped, or the "
                     f"{DEFAULT_COGS_SHARE * 100:.0f} % default?), "
                     "whether amounts are net of VAT and quantities in the unit the rates assume "
                     "(cases, not pieces), and whether credit notes were read as returns."))
    cts = float(headline.get("cost_to_serve_pct", float("nan")))
    if cts > COST_TO_SERVE_LIMIT:
        rows.append(("cost to serve",
                     f"Cost to serve is {cts:.0f} % of revenue; above {COST_TO_SERVE_LIMIT:.0f} % is implausible "
                     f"(distributors' whole operating cost is rarely that high).",
                     "The largest activities in the customer P&L: a rate per case or per line far above the "
                     "client's real cost, quantities in pieces instead of cases, or order numbers missing (so "
                     "each line is counted as an order)."))
    total = headline.get("net_profit", float("nan")) if net_profit is None else float(net_profit)
    if pd.notna(total) and total <= 0:
        rows.append(("total profit",
                     f"Total net profit is {show(total, 'money', currency)} (zero or a loss): the whale "
                     f"curve is drawn in {code}, not as a share of profit, and shares of profit (top 20 %, "
                     f"segments) are undefined, so they are shown as n/a.",
                     "First clear the flags above; if the loss is real, read the segments by their profit in "
                     f"{code}, not by share."))
    if assumptions is not None and len(assumptions) and "cogs_per_case" in set(assumptions["field"]):
        rows.append(("cost of goods",
                     f"The cost of goods is assumed at {DEFAULT_COGS_SHARE * 100:.0f} % of the invoice price (no "
                     f"cost column was mapped), so gross margin is the same {(1 - DEFAULT_COGS_SHARE) * 100:.0f} % "
                     "everywhere.",
                     "Map the client's standard cost (cost_amount on the lines, or cogs_per_case in the product "
                     "master)."))
    for name, why in (skipped or {}).items():
        rows.append((f"{name} left out", why, "Map the columns named, or read the report without it."))
    if rows_set_aside:
        share = 100 * rows_set_aside / rows_read if rows_read else float("nan")
        rows.append(("rows set aside",
                     f"{rows_set_aside:,} of {rows_read:,} lines ({share:.1f} %) were set aside and are not in "
                     f"the results.", "rejected_rows.csv lists each with its file, row and reason."))
    if not rows:
        rows.append(("none", "Nothing implausible found: rates were given, fewer than "
                     f"{LOSERS_LIMIT:.0f} % of accounts lose money and cost to serve is under "
                     f"{COST_TO_SERVE_LIMIT:.0f} % of revenue.", "The assumptions sheet still lists every default."))
    return pd.DataFrame(rows, columns=["flag", "finding", "what to check"])
