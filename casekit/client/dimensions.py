"""The engine's customers and products tables, filled from the client's lines, its masters and documented defaults."""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.client.fields import DEFAULT_COGS_SHARE

__all__ = ["dimension_tables"]


def dimension_tables(con, has: set, customers, products, lines_sql: str):
    """The engine's customers and products tables, and the returns credited, from one read of the lines.

    Every customer and product with lines gets a row, the masters' idle
    ones too; what neither the masters nor the lines give takes the
    documented default (cost of goods per case: from the lines' costs,
    else the master's, else a share of the price).

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Where ``lines_sql`` can be read.
    has : set of str
        The casekit fields the client's lines map.
    customers, products : pandas.DataFrame or None
        The masters, when given.
    lines_sql : str
        The engine's lines (a view name or ``read_parquet(...)``).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame, float)
        Customers, products, and the value of the return lines at their
        invoice price.

    Examples
    --------
    >>> import duckdb
    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE VIEW l AS SELECT * FROM (VALUES ('C1', 'P1', 4.0, 0.0, 2.5, 6.0), "
    ...                 "('C1', 'P2', 0.0, 1.0, 3.0, NULL)) t(customer_id, product_id, cases, returned_cases, "
    ...                 "invoice_price, cost_amount)")
    >>> c, p, credit = dimension_tables(con, {"cost_amount"}, None, None, "l")
    >>> c["customer_id"].tolist(), p["cogs_per_case"].tolist(), credit
    (['C1'], [1.5, 1.56], 3.0)
    """
    cname = "any_value(customer_name)" if "customer_name" in has else "CAST(NULL AS VARCHAR)"
    pname = "any_value(product_name)" if "product_name" in has else "CAST(NULL AS VARCHAR)"
    # One read for both tables and the total (a read of the lines typed from the client's files costs 0.6 s).
    got = con.execute(f"""SELECT customer_id, product_id, GROUPING(customer_id) AS _gc, GROUPING(product_id) AS _gp,
                                 CASE WHEN GROUPING(customer_id) = 0 THEN {cname} END AS c_name,
                                 CASE WHEN GROUPING(product_id) = 0 THEN {pname} END AS p_name,
                                 sum(cases * invoice_price) AS revenue, sum(cost_amount) AS cost,
                                 sum(CASE WHEN cost_amount IS NOT NULL THEN cases END) AS cost_cases,
                                 sum(cases * invoice_price) / nullif(sum(cases), 0) AS avg_price,
                                 avg(invoice_price) AS any_price,
                                 sum(returned_cases * invoice_price) AS credit
                          FROM {lines_sql} GROUP BY GROUPING SETS ((customer_id), (product_id), ())""").df()
    total = got[(got["_gc"] == 1) & (got["_gp"] == 1)]
    credit = float(total["credit"].iloc[0]) if len(total) and pd.notna(total["credit"].iloc[0]) else 0.0
    cust = (got.loc[(got["_gc"] == 0), ["customer_id", "c_name", "revenue"]]
            .rename(columns={"c_name": "line_name"}).sort_values("customer_id").reset_index(drop=True))
    prod = (got.loc[(got["_gp"] == 0), ["product_id", "p_name", "cost", "cost_cases", "avg_price", "any_price"]]
            .rename(columns={"p_name": "line_name"}).sort_values("product_id").reset_index(drop=True))
    # customers: every customer with lines, plus the master's idle ones
    c = cust[["customer_id", "line_name"]].copy()
    if customers is not None:
        master = customers.drop(columns=["_row"], errors="ignore")
        c = master.merge(c, on="customer_id", how="outer")
    defaults = {"channel_of_trade": "unknown", "region": "unknown", "rep_id": "unknown",
                "distance_km": 90.0, "payment_terms_days": 30.0, "sales_calls_per_year": 0.0}
    if "customer_name" not in c:
        c["customer_name"] = None
    c["customer_name"] = c["customer_name"].astype(object).where(c["customer_name"].notna(), c["line_name"])
    c["customer_name"] = c["customer_name"].where(c["customer_name"].notna(), c["customer_id"])
    for col, value in defaults.items():
        if col not in c:
            c[col] = value
        c[col] = c[col].where(c[col].notna(), value)
    for col in ("distance_km", "payment_terms_days", "sales_calls_per_year"):
        c[col] = c[col].astype(float)
    if "order_channel" not in c:
        c["order_channel"] = "EDI"
    c["order_channel"] = c["order_channel"].where(c["order_channel"].notna(), "EDI")
    c = c[["customer_id", "customer_name", "channel_of_trade", "region", "rep_id", "order_channel", "distance_km",
           "payment_terms_days", "sales_calls_per_year"]].sort_values("customer_id").reset_index(drop=True)
    for col in ("customer_id", "customer_name", "channel_of_trade", "region", "rep_id", "order_channel"):
        c[col] = c[col].astype(str)
    # products
    p = prod.copy()
    if products is not None:
        master = products.drop(columns=["_row"], errors="ignore")
        p = master.merge(p, on="product_id", how="outer")
    if "product_name" not in p:
        p["product_name"] = None
    p["product_name"] = p["product_name"].astype(object).where(p["product_name"].notna(), p["line_name"])
    p["product_name"] = p["product_name"].where(p["product_name"].notna(), p["product_id"])
    from_lines = (p["cost"] / p["cost_cases"]).where(p["cost_cases"] > 0) if "cost_amount" in has else np.nan
    master_cogs = p.get("cogs_per_case", np.nan)
    price = p["avg_price"].where(p["avg_price"].notna(), p["any_price"])
    default_cogs = DEFAULT_COGS_SHARE * price
    p["cogs_per_case"] = (pd.Series(from_lines, index=p.index)
                          .where(pd.Series(from_lines, index=p.index).notna(), master_cogs))
    p["cogs_per_case"] = p["cogs_per_case"].where(p["cogs_per_case"].notna(), default_cogs).fillna(0.0).astype(float)
    product_defaults = {"brand": "unknown", "category": "unknown", "pick_type": "full_case", "days_of_supply": 30.0}
    for col, value in product_defaults.items():
        if col not in p:
            p[col] = value
        p[col] = p[col].where(p[col].notna(), value)
    p["days_of_supply"] = p["days_of_supply"].astype(float)
    p = p[["product_id", "product_name", "brand", "category", "pick_type", "cogs_per_case", "days_of_supply"]]
    p = p.sort_values("product_id").reset_index(drop=True)
    for col in ("product_id", "product_name", "brand", "category", "pick_type"):
        p[col] = p[col].astype(str)
    return c, p, credit
