"""What a company looks like, measured the same way on a client's tables and on a twin's.

:func:`customer_profile` gives one row per account (its size, order pattern,
terms and services), :func:`product_profile` one row per SKU (popularity,
price, cost), :func:`line_profile` the line-level measures (cases per line,
how prices and cases scatter within an account).  The twin is fitted to the
client's profiles and judged by comparing them with its own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["company_frames", "customer_profile", "product_profile", "line_profile", "CUSTOMER_TRAITS",
           "PRODUCT_TRAITS"]

CUSTOMER_TRAITS = ["cases", "orders", "lines_per_order", "discount_rate", "allowance_rate", "rush_share",
                   "return_rate", "distance_km", "sales_calls_per_year", "payment_terms_days", "price_level"]
"""The account measures the twin reproduces jointly (see :func:`customer_profile`)."""

PRODUCT_TRAITS = ["popularity", "list_price", "cogs_share", "days_of_supply"]
"""The SKU measures the twin reproduces jointly (see :func:`product_profile`)."""


def company_frames(company) -> dict:
    """Return ``customers``, ``products``, ``orders``, ``lines`` as DataFrames, with plain string keys.

    Parameters
    ----------
    company : Company, ClientData or dict
        A generated or loaded case, the client's tables from
        :func:`casekit.client.build_tables`, or a dict of DataFrames or Parquet paths.

    Returns
    -------
    dict of pandas.DataFrame
        ``lines`` carries ``customer_id`` and ``order_date`` (joined from ``orders``).

    Examples
    --------
    >>> from casekit import make_company
    >>> frames = company_frames(make_company(seed=3, n_customers=10, n_products=20))
    >>> {"customer_id", "order_date"} <= set(frames["lines"].columns)
    True
    """
    tables = company.tables() if callable(getattr(company, "tables", None)) else getattr(company, "tables", company)
    frames = {}
    for name in ("customers", "products", "orders", "lines"):
        frame = tables[name]
        frame = frame.copy() if isinstance(frame, pd.DataFrame) else pd.read_parquet(frame)
        for col in ("customer_id", "product_id", "order_id", "delivery_id", "order_channel", "channel_of_trade",
                    "pick_type", "region", "rep_id"):
            if col in frame.columns:
                frame[col] = frame[col].astype(str).where(frame[col].notna(), None)
        frames[name] = frame
    lines, orders = frames["lines"], frames["orders"]
    need = [c for c in ("customer_id", "order_date", "rush", "delivery_id", "order_channel")
            if c not in lines.columns]
    if need:
        lines = lines.merge(orders[["order_id", *need]], on="order_id", how="left")
    lines["order_date"] = pd.to_datetime(lines["order_date"])
    frames["lines"] = lines
    return frames


def customer_profile(frames: dict) -> pd.DataFrame:
    """Measure every account with sales: size, order pattern, price terms and services.

    Parameters
    ----------
    frames : dict
        From :func:`company_frames`.

    Returns
    -------
    pandas.DataFrame
        One row per customer with shipped cases: ``customer_id``, ``revenue``,
        the :data:`CUSTOMER_TRAITS` (``cases`` and ``orders`` in the period,
        ``lines_per_order``, ``discount_rate`` and ``allowance_rate`` (shares of
        gross sales), ``rush_share`` of orders, ``return_rate`` (returned / shipped
        cases), ``distance_km``, ``sales_calls_per_year``, ``payment_terms_days``,
        ``price_level`` (list price per case of what it buys)), ``drops_per_order``,
        ``channel_of_trade`` and ``order_channel``.

    Examples
    --------
    >>> from casekit import make_company
    >>> prof = customer_profile(company_frames(make_company(seed=3, n_customers=10, n_products=20)))
    >>> len(prof), bool((prof["cases"] > 0).all())
    (10, True)
    """
    lines = frames["lines"]
    cases = lines["cases"].astype(float)
    shipped = lines[cases > 0]
    c = shipped["cases"].astype(float)
    work = pd.DataFrame({
        "customer_id": shipped["customer_id"].to_numpy(),
        "order_id": shipped["order_id"].to_numpy(),
        "cases": c.to_numpy(),
        "revenue": (c * shipped["invoice_price"]).to_numpy(),
        "gross": (c * shipped["list_price"]).to_numpy(),
        "discount": (c * shipped["on_invoice_discount"]).to_numpy(),
        "allowance": (c * shipped["off_invoice_allowance"].fillna(0.0)).to_numpy(),
    })
    per = work.groupby("customer_id", sort=True).agg(
        cases=("cases", "sum"), revenue=("revenue", "sum"), gross=("gross", "sum"), discount=("discount", "sum"),
        allowance=("allowance", "sum"), lines=("cases", "size"), orders=("order_id", "nunique"))
    returned = lines.groupby("customer_id")["returned_cases"].sum().reindex(per.index).fillna(0.0)
    orders = shipped.drop_duplicates("order_id")
    rush = orders.groupby("customer_id")["rush"].mean().reindex(per.index).fillna(0.0)
    drops = orders.groupby("customer_id")["delivery_id"].nunique().reindex(per.index)
    channel = orders.groupby("customer_id")["order_channel"].agg(lambda s: s.value_counts().index[0])
    gross = per["gross"].where(per["gross"] > 0)
    out = pd.DataFrame({
        "revenue": per["revenue"], "cases": per["cases"], "orders": per["orders"].astype(float),
        "lines_per_order": per["lines"] / per["orders"],
        "discount_rate": (per["discount"] / gross).fillna(0.0),
        "allowance_rate": (per["allowance"] / gross).fillna(0.0),
        "rush_share": rush, "return_rate": returned / per["cases"],
        "drops_per_order": drops / per["orders"],
        "price_level": per["gross"] / per["cases"],
    })
    cust = frames["customers"].set_index("customer_id")
    for col in ("distance_km", "sales_calls_per_year", "payment_terms_days"):
        out[col] = pd.to_numeric(cust[col], errors="coerce").reindex(out.index).astype(float)
        out[col] = out[col].fillna(out[col].median() if out[col].notna().any() else 0.0)
    out["channel_of_trade"] = cust["channel_of_trade"].reindex(out.index).fillna("unknown").astype(str)
    out["order_channel"] = channel.reindex(out.index).fillna("EDI").astype(str)
    return out.rename_axis("customer_id").reset_index()


def product_profile(frames: dict) -> pd.DataFrame:
    """Measure every SKU with sales: its share of cases, list price, cost share and stock cover.

    Returns
    -------
    pandas.DataFrame
        One row per product with shipped cases: ``product_id``, ``popularity``
        (share of all cases shipped), ``list_price`` (case-weighted), ``cogs_share``
        (cost of goods over list price), ``days_of_supply``, ``pick_type``,
        ``first_day`` (day of its first sale, from the start of the period).

    Examples
    --------
    >>> from casekit import make_company
    >>> prof = product_profile(company_frames(make_company(seed=3, n_customers=10, n_products=20)))
    >>> round(float(prof["popularity"].sum()), 6)
    1.0
    """
    lines = frames["lines"]
    shipped = lines[lines["cases"].astype(float) > 0]
    c = shipped["cases"].astype(float)
    work = pd.DataFrame({"product_id": shipped["product_id"].to_numpy(), "cases": c.to_numpy(),
                         "gross": (c * shipped["list_price"]).to_numpy(),
                         "day": (shipped["order_date"] - lines["order_date"].min()).dt.days.to_numpy()})
    per = work.groupby("product_id", sort=True).agg(cases=("cases", "sum"), gross=("gross", "sum"),
                                                     first_day=("day", "min"))
    prod = frames["products"].set_index("product_id")
    cogs = pd.to_numeric(prod["cogs_per_case"], errors="coerce").reindex(per.index)
    list_price = per["gross"] / per["cases"]
    out = pd.DataFrame({
        "popularity": per["cases"] / per["cases"].sum(), "list_price": list_price,
        "cogs_share": (cogs / list_price).fillna(0.55).clip(0.01, 3.0),
        "days_of_supply": pd.to_numeric(prod["days_of_supply"], errors="coerce").reindex(per.index).astype(float),
        "pick_type": prod["pick_type"].reindex(per.index).fillna("full_case").astype(str),
        "first_day": per["first_day"].astype(float),
    })
    out["days_of_supply"] = out["days_of_supply"].fillna(out["days_of_supply"].median()).fillna(30.0)
    return out.rename_axis("product_id").reset_index()


def line_profile(frames: dict) -> dict:
    """Line-level measures: cases per line, and how cases and prices scatter within an account.

    Returns
    -------
    dict
        ``cases_per_line`` (array of shipped lines' cases), ``cases_sigma`` (sd of
        log cases around the account's mean), ``discount_sd`` (sd of a line's discount
        rate around its account's), ``allowance_sigma`` (sd of log allowance around the
        account's), ``credit_note_share`` (share of returned cases booked on lines that
        ship nothing, credit notes; 1 when nothing is returned), ``start`` (first order
        date), ``days`` (length of the period in days), ``months``.

    Examples
    --------
    >>> from casekit import make_company
    >>> lp = line_profile(company_frames(make_company(seed=3, n_customers=10, n_products=20, months=3)))
    >>> lp["months"], bool(0 < lp["cases_sigma"] < 2)
    (3, True)
    """
    lines = frames["lines"]
    shipped = lines[(lines["cases"].astype(float) > 0) & (lines["list_price"] > 0)]
    cases = shipped["cases"].astype(float).to_numpy()
    logc = np.log(cases)
    cust = shipped["customer_id"].to_numpy()
    centred = logc - pd.Series(logc).groupby(cust).transform("mean").to_numpy()
    disc = (shipped["on_invoice_discount"] / shipped["list_price"]).to_numpy()
    disc_c = disc - pd.Series(disc).groupby(cust).transform("mean").to_numpy()
    allow = (shipped["off_invoice_allowance"].fillna(0.0) / shipped["list_price"]).to_numpy()
    pos = allow > 0
    loga = np.log(allow[pos]) if pos.any() else np.zeros(1)
    alog_c = loga - pd.Series(loga).groupby(cust[pos] if pos.any() else [0]).transform("mean").to_numpy()
    back = lines["returned_cases"].fillna(0).astype(float)
    on_notes = float(back[lines["cases"].astype(float) <= 0].sum() / back.sum()) if back.sum() > 0 else 1.0
    start = lines["order_date"].min().normalize()
    start = start - pd.Timedelta(days=start.day - 1)
    end = lines["order_date"].max()
    months = max(1, (end.year - start.year) * 12 + end.month - start.month + 1)
    days = ((start + pd.DateOffset(months=months)) - start).days
    return {"cases_per_line": cases, "cases_sigma": float(np.std(centred)), "discount_sd": float(np.std(disc_c)),
            "allowance_sigma": float(np.std(alog_c)), "credit_note_share": on_notes, "start": start,
            "days": int(days), "months": int(months)}
