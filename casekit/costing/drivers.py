"""The cost drivers: one table from which the engine's SQL and the in-memory costing are made.

A driver is measured on each invoice line as a **quantity** (a product of
line measures: cases, revenue x payment terms, ...), counted only where a
**flag** holds (rush orders), and **split** over the lines of its order,
delivery or customer: an order's cost is shared by its lines, a drop's by the
cases on it, a sales call's by the customer's revenue.  :data:`DRIVERS` holds
these rules once; :func:`driver_sql` writes them as SQL for
:func:`casekit.cost_to_serve` and :func:`driver_quantities` evaluates them
with numpy on a frame in memory (one account's lines in a what-if, or the
whole company in :func:`casekit.driver_totals`), so the two cannot drift.

The line measures a quantity may use: ``cases``, ``returned_cases``,
``invoice_price``, ``revenue`` (cases x invoice price), ``cogs`` (cases x
cogs per case), ``allowances`` (cases x off-invoice allowance),
``distance_km``, ``payment_terms_days``, ``days_of_supply`` and
``calls_in_period`` (the customer's sales calls per year x months / 12).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["DRIVERS", "SPLITS", "SPLIT_TERMS", "CONDITION_COLUMNS", "MEASURE_LEVELS", "cost_column",
           "describe_drivers", "driver_sql", "driver_quantities", "condition_mask", "line_costs"]

# driver, unit, quantity (line measures multiplied; "" is one), flag (counted
# only where it is true), split (how the quantity reaches the lines), what is
# measured and how it is allocated (in words, for the rate-card workbook).
DRIVERS = pd.DataFrame(
    [
        ("orders", "order", "", "", "order", "one per order", "split equally over the order's lines"),
        ("order_lines", "line", "", "", "line", "one per invoice line", "charged to the line"),
        ("cases", "case", "cases", "", "line", "cases shipped on the line", "charged to the line"),
        ("deliveries", "drop", "", "", "delivery", "one per delivery (drop)",
         "split over the delivery's lines by cases"),
        ("delivery_km", "km", "distance_km", "", "delivery", "customer distance_km per delivery",
         "split over the delivery's lines by cases"),
        ("rush_orders", "rush order", "", "rush", "order", "one per order flagged rush",
         "split equally over the order's lines"),
        ("sales_calls", "call", "calls_in_period", "", "customer", "customer sales_calls_per_year x months / 12",
         "split over the customer's lines by revenue (by cases if revenue is zero)"),
        ("allowance_dollars", "$", "allowances", "", "line", "off_invoice_allowance x cases", "charged to the line"),
        ("returned_cases", "case", "returned_cases", "", "line", "returned_cases on the line", "charged to the line"),
        ("returned_value", "$", "returned_cases invoice_price", "", "line",
         "returned_cases x invoice_price (credit issued)", "charged to the line"),
        ("receivable_dollar_days", "$ x day", "revenue payment_terms_days", "", "line",
         "revenue x customer payment_terms_days", "charged to the line"),
        ("inventory_dollar_days", "$ x day", "cogs days_of_supply", "", "line",
         "cogs x product days_of_supply", "charged to the line"),
    ],
    columns=["driver", "unit", "quantity", "flag", "split", "measured_as", "allocation"],
).set_index("driver")
"""The drivers the engine measures: unit, quantity, flag, split, and the rules in words."""

# How a split shares a quantity among lines, as SQL over the engine's joined
# line row ``j`` (its order, delivery and customer totals joined on).
SPLITS = {
    "line": "",
    "order": "1.0 / j.order_lines",
    "delivery": "(CASE WHEN j.delivery_cases > 0 THEN j.cases / j.delivery_cases ELSE 1.0 / j.delivery_lines END)",
    "customer": "(CASE WHEN j.customer_revenue > 0 THEN j.revenue / j.customer_revenue "
                "WHEN j.customer_cases > 0 THEN j.cases / j.customer_cases ELSE 1.0 / j.customer_lines END)",
}
"""Each split's share of a line in its group, as SQL (the numpy form is :func:`driver_quantities`)."""

# The same shares as sums of terms (line measure, factor of the split's group, condition on the group),
# written with {o} for the order's table and {c} for the customer's.  Each term is linear in one line
# measure, so a roll-up sums the measure over a group's lines and applies the factor once per order
# (or once per group where the group fixes the order or customer).
SPLIT_TERMS = {
    "line": [("", "", "")],
    "order": [("", "1.0 / {o}order_lines", "")],
    "delivery": [("j.cases", "1.0 / {o}delivery_cases", "{o}delivery_cases > 0"),
                 ("", "1.0 / {o}delivery_lines", "NOT ({o}delivery_cases > 0)")],
    "customer": [("j.revenue", "1.0 / {c}customer_revenue", "{c}customer_revenue > 0"),
                 ("j.cases", "1.0 / {c}customer_cases", "NOT ({c}customer_revenue > 0) AND {c}customer_cases > 0"),
                 ("", "1.0 / {c}customer_lines",
                  "NOT ({c}customer_revenue > 0) AND NOT ({c}customer_cases > 0)")],
}
"""Each split's share of a line as terms linear in the line's measures (the roll-up form of :data:`SPLITS`)."""

# Where each line measure lives: a measure of the customer or the product is
# fixed within a group of customers or products, so a roll-up can multiply the
# group's sum by it once instead of multiplying every line.
MEASURE_LEVELS = {
    "cases": "line", "returned_cases": "line", "invoice_price": "line", "revenue": "line", "cogs": "line",
    "allowances": "line", "distance_km": "customer", "payment_terms_days": "customer",
    "days_of_supply": "product", "calls_in_period": "customer",
}

# The columns a rate-card condition may test, by the table they live on.
CONDITION_COLUMNS = {
    "order_channel": "orders",
    "pick_type": "products",
    "channel_of_trade": "customers",
    "region": "customers",
}


def cost_column(activity: str) -> str:
    """The P&L column that holds an activity's cost: ``cost_`` and the activity in snake case.

    Examples
    --------
    >>> cost_column("Order handling")
    'cost_order_handling'
    """
    slug = re.sub(r"[^0-9a-zA-Z]+", "_", activity.strip().lower()).strip("_")
    return "cost_" + slug


def describe_drivers() -> pd.DataFrame:
    """The drivers in words (``driver``, ``unit``, ``measured_as``, ``allocation``), for a rate-card workbook.

    Examples
    --------
    >>> describe_drivers().columns.tolist()
    ['driver', 'unit', 'measured_as', 'allocation']
    """
    return DRIVERS[["unit", "measured_as", "allocation"]].reset_index()


def driver_sql(driver: str) -> str:
    """The SQL for one line's quantity of ``driver``, over the engine's joined line row ``j``.

    Examples
    --------
    >>> driver_sql("delivery_km")  # doctest: +ELLIPSIS
    'j.distance_km * (CASE WHEN j.delivery_cases > 0 THEN j.cases / j.delivery_cases ELSE ...'
    >>> driver_sql("rush_orders")
    '(CASE WHEN j.rush THEN 1.0 / j.order_lines ELSE 0.0 END)'
    """
    row = DRIVERS.loc[driver]
    terms = [f"j.{name}" for name in row["quantity"].split()] + [SPLITS[row["split"]]]
    sql = " * ".join(t for t in terms if t) or "1.0"
    if row["flag"]:
        sql = f"(CASE WHEN j.{row['flag']} THEN {sql} ELSE 0.0 END)"
    return sql


def _measures(frame: pd.DataFrame, months: float) -> dict:
    # The derived line measures, computed as the engine's SQL computes them.
    cases = frame["cases"].to_numpy(float)
    out = {"cases": cases}
    for name, column in (("revenue", "invoice_price"), ("cogs", "cogs_per_case"),
                         ("allowances", "off_invoice_allowance")):
        if column in frame.columns:
            out[name] = cases * frame[column].to_numpy(float)
    if "sales_calls_per_year" in frame.columns:
        out["calls_in_period"] = frame["sales_calls_per_year"].to_numpy(float) * months / 12.0
    return out


def _measure(frame: pd.DataFrame, measures: dict, name: str) -> np.ndarray:
    if name in measures:
        return measures[name]
    if name not in frame.columns:
        raise ValueError(f"driver_quantities: the frame has no column {name!r}, which a driver needs; "
                         f"join it from the company's tables (see casekit.costing.drivers.DRIVERS).")
    return frame[name].to_numpy(float)


def _group_share(frame: pd.DataFrame, split: str, measures: dict) -> np.ndarray:
    n = len(frame)
    if split == "line":
        return np.ones(n)
    cases = measures["cases"]
    if split == "order":
        count = pd.Series(cases).groupby(frame["order_id"].to_numpy(), sort=False).transform("size")
        return 1.0 / count.to_numpy(float)
    if split == "delivery":
        keys = frame["delivery_id"].to_numpy()
        total = pd.Series(cases).groupby(keys, sort=False).transform("sum").to_numpy(float)
        count = pd.Series(cases).groupby(keys, sort=False).transform("size").to_numpy(float)
        return np.where(total > 0, cases / np.where(total > 0, total, 1.0), 1.0 / count)
    # customer: by revenue, else by cases, else equally.  A frame without
    # customer_id is one account's lines.
    keys = frame["customer_id"].to_numpy() if "customer_id" in frame.columns else np.zeros(n)
    revenue = _measure(frame, measures, "revenue")
    by_revenue = pd.Series(revenue).groupby(keys, sort=False).transform("sum").to_numpy(float)
    by_cases = pd.Series(cases).groupby(keys, sort=False).transform("sum").to_numpy(float)
    count = pd.Series(cases).groupby(keys, sort=False).transform("size").to_numpy(float)
    return np.where(by_revenue > 0, revenue / np.where(by_revenue > 0, by_revenue, 1.0),
                    np.where(by_cases > 0, cases / np.where(by_cases > 0, by_cases, 1.0), 1.0 / count))


def driver_quantities(frame: pd.DataFrame, months: float, *, drivers=None) -> dict[str, np.ndarray]:
    """Measure drivers on every line of a frame in memory, by the rules of :data:`DRIVERS`.

    Parameters
    ----------
    frame : pandas.DataFrame
        Invoice lines joined with what the drivers need: ``order_id``,
        ``delivery_id``, ``customer_id`` (optional: without it the frame is
        one account), ``cases``, ``invoice_price``, ``returned_cases``,
        ``off_invoice_allowance``, ``cogs_per_case``, ``days_of_supply``,
        ``rush``, ``distance_km``, ``payment_terms_days``,
        ``sales_calls_per_year``.  Only the columns of the drivers asked for
        are read.
    months : float
        Length of the period (sales calls per year are prorated to it).
    drivers : list of str, optional
        The drivers to measure; all of :data:`DRIVERS` when omitted.

    Returns
    -------
    dict of str to numpy.ndarray
        Each driver's quantity on every line, in the frame's row order.

    Examples
    --------
    >>> import pandas as pd
    >>> lines = pd.DataFrame({"order_id": ["O1", "O1", "O2"], "delivery_id": ["D1", "D1", "D2"],
    ...                       "cases": [3, 1, 2], "invoice_price": [10.0, 10.0, 5.0]})
    >>> q = driver_quantities(lines, 12, drivers=["orders", "deliveries"])
    >>> q["orders"].tolist(), q["deliveries"].tolist()
    ([0.5, 0.5, 1.0], [0.75, 0.25, 1.0])
    """
    drivers = list(DRIVERS.index) if drivers is None else list(dict.fromkeys(drivers))
    measures = _measures(frame, months)
    shares: dict[str, np.ndarray] = {}
    out = {}
    for driver in drivers:
        row = DRIVERS.loc[driver]
        if row["split"] not in shares:
            shares[row["split"]] = _group_share(frame, row["split"], measures)
        q = None
        for name in row["quantity"].split():
            value = _measure(frame, measures, name)
            q = value if q is None else q * value
        # Multiplied in the SQL's order (quantity, then share), so both give the same floats.
        share = shares[row["split"]]
        q = share if q is None else (q if row["split"] == "line" else q * share)
        if row["flag"]:
            q = np.where(frame[row["flag"]].to_numpy(bool), q, 0.0)
        out[driver] = np.asarray(q, dtype=float)
    return out


def condition_mask(frame: pd.DataFrame, applies_to: str, applies_value: str) -> np.ndarray:
    """Lines where a rate-card condition holds (all lines when there is none).

    A condition on a column the frame lacks holds nowhere, as in the engine
    a condition on an order attribute cannot hold for a customer without orders.

    Examples
    --------
    >>> import pandas as pd
    >>> condition_mask(pd.DataFrame({"region": ["West", "East"]}), "region", "West").tolist()
    [True, False]
    """
    if not applies_to:
        return np.ones(len(frame), dtype=bool)
    if applies_to not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame[applies_to].astype(str).to_numpy() == applies_value


def line_costs(frame: pd.DataFrame, rates, months: float) -> pd.DataFrame:
    """Cost every line of a frame in memory, one ``cost_<activity>`` column per activity.

    The same rules as :func:`casekit.cost_to_serve`, evaluated with numpy:
    for a what-if on one account's lines, where running the engine over the
    whole company would be wasted work.

    Parameters
    ----------
    frame : pandas.DataFrame
        Lines joined with what the drivers need (see :func:`driver_quantities`)
        and the columns the rate card's conditions test.
    rates : RateCard
        The rate card (not imported here: the rate card imports this table).
    months : float
        Length of the period.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``frame``; one ``cost_<activity>`` column per activity of
        the rate card, in $.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=20, n_products=30)
    >>> lines = (co.lines.merge(co.orders, on="order_id").merge(co.products, on="product_id")
    ...          .merge(co.customers.drop(columns="order_channel"), on="customer_id"))
    >>> costs = line_costs(lines, ck.RateCard.default(), 12)
    >>> pnl = ck.cost_to_serve(co)
    >>> bool(abs(costs.to_numpy().sum() - pnl["cost_to_serve"].sum()) < 1e-6)
    True
    """
    table = rates.table
    quantities = driver_quantities(frame, months, drivers=table["driver"].unique())
    out: dict[str, np.ndarray] = {}
    for row in table.itertuples():
        q = quantities[row.driver]
        if row.applies_to:
            q = np.where(condition_mask(frame, row.applies_to, row.applies_value), q, 0.0)
        col = cost_column(row.activity)
        out[col] = out.get(col, 0.0) + float(row.rate) * q
    return pd.DataFrame(out, index=frame.index)
