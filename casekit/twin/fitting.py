"""Fit the twin: measure the client's accounts, SKUs and lines, and keep only the shapes.

:func:`fit` reads the client's export (or takes tables already built) and
returns a :class:`TwinFit`: Gaussian copulas over the accounts' traits
(grouped by how they order; one per size band for a large client, so that
demands may depend on size), one over the SKUs' traits (grouped by pick
type), the channel mix, the line-level scatter and the period.  It also keeps,
in memory only, what the fidelity report and the privacy guard compare
against: the client's profiles and lesson outcomes, and its ids, names and
revenues (never written anywhere).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd

from casekit.case.company import CHANNELS_OF_TRADE, ORDER_CHANNELS
from casekit.twin.copula import Copula, fit_by_size, fit_copula, size_bands
from casekit.twin.outcomes import lesson_outcomes
from casekit.twin.profile import (
    CUSTOMER_TRAITS,
    PRODUCT_TRAITS,
    company_frames,
    customer_profile,
    line_profile,
    product_profile,
)

__all__ = ["TwinFit", "fit", "CUSTOMER_LOG_TRAITS"]

CUSTOMER_LOG_TRAITS = ["cases", "orders", "lines_per_order", "distance_km"]
_PRODUCT_LOG_TRAITS = ["popularity", "list_price"]


@dataclasses.dataclass
class TwinFit:
    """The client's shapes, fitted: what :func:`casekit.twin.make_twin` draws a twin from.

    Attributes
    ----------
    customers : tuple of Copula
        Joint models of :data:`~casekit.twin.profile.CUSTOMER_TRAITS` (grouped by order
        channel), one per band of account size (cases), smallest first: one band below
        2,000 accounts, up to five for a large client (:func:`~casekit.twin.copula.size_bands`),
        whose bands may each hold two kinds of account (the standard service, the demanding),
        each its own copula; each copula's ``weight`` is its share of the accounts.
    products : Copula
        Joint model of :data:`~casekit.twin.profile.PRODUCT_TRAITS` (grouped by pick type).
    channel_mix : pandas.DataFrame
        Share of each channel of trade within each order channel (rows sum to 1).
    terms : list of float
        The payment terms the client uses (a twin's terms are one of them).
    n_customers, n_products, n_reps, months, days : int
        Sizes and the period.
    start : pandas.Timestamp
        First day of the period.
    lines : dict
        Line-level scatter: ``cases_sigma``, ``discount_sd``, ``allowance_sigma``; and
        ``credit_note_share``, how much of what comes back the client books on credit notes.
    totals : dict
        What the twin keeps as a whole: ``cases`` shipped, and of the average case sold its
        ``list_price`` and ``cogs_share`` (cost of goods over list price).
    client : dict
        In memory only: ``customers`` and ``products`` profiles, ``cases_per_line``,
        ``outcomes`` (lesson outcomes) and the ``ids``, ``names`` and ``revenues`` the
        privacy guard keeps out of the twin.
    """

    customers: tuple
    products: Copula
    channel_mix: pd.DataFrame
    terms: list
    n_customers: int
    n_products: int
    n_reps: int
    months: int
    days: int
    start: pd.Timestamp
    lines: dict
    totals: dict = dataclasses.field(default_factory=dict)
    client: dict = dataclasses.field(repr=False, default_factory=dict)

    def __repr__(self) -> str:
        return (f"TwinFit({self.n_customers} customers, {self.n_products} products, {self.months} months "
                f"from {self.start.date()})")


def _channel_names(labels: pd.Series, size: pd.Series) -> pd.Series:
    """Map the client's channels of trade onto casekit's (a twin uses casekit's names).

    A label casekit knows keeps its name; the others take the unused casekit
    channels, largest client channel (by median account size) to the casekit
    channel with the largest accounts.
    """
    known = list(CHANNELS_OF_TRADE.index)
    labels = labels.astype(str)
    unknown = [x for x in size.groupby(labels).median().sort_values(ascending=False).index if x not in known]
    free = [c for c in CHANNELS_OF_TRADE["size"].sort_values(ascending=False).index if c not in set(labels)]
    mapping = {x: (free[i] if i < len(free) else "grocery") for i, x in enumerate(unknown)}
    return labels.map(lambda x: x if x in known else mapping[x])


def _read_client(lines, *, mapping, customers, products):
    from casekit import client

    paths = lines if isinstance(lines, (list, tuple)) else [lines]
    paths = [Path(p) for p in paths]
    read = client.read_lines(paths if len(paths) > 1 else paths[0], mapping=mapping)
    cust = client.read_customers(customers, mapping=mapping) if customers is not None else None
    prod = client.read_products(products, mapping=mapping) if products is not None else None
    return client.build_tables(read, customers=cust, products=prod, bad_rows="report")


def fit(lines, *, mapping=None, customers=None, products=None) -> TwinFit:
    """Fit a twin to a client's invoice lines.

    Parameters
    ----------
    lines : path, list of paths, ClientData, Company or dict of tables
        The client's export (files or a folder, read as :func:`casekit.client.analyze`
        reads them, bad rows set aside), tables already built by
        :func:`casekit.client.build_tables`, or a company (a generated client).
    mapping : path, optional
        The mapping YAML of the export.
    customers, products : path, optional
        The customer and product masters of the export.

    Returns
    -------
    TwinFit
        Pass it to :func:`casekit.twin.make_twin`.

    See Also
    --------
    make_twin : draw the twin.
    fidelity : the twin against the client.

    Examples
    --------
    >>> from casekit import make_company
    >>> client = make_company(seed=5, n_customers=30, n_products=40, months=3)
    >>> fitted = fit(client)
    >>> fitted.n_customers, fitted.months
    (30, 3)
    """
    data = None
    if isinstance(lines, (str, Path, list, tuple)):
        data = _read_client(lines, mapping=mapping, customers=customers, products=products)
        source = data
    else:
        source = lines
    try:
        frames = company_frames(source)
        cust = customer_profile(frames)
        prod = product_profile(frames)
        line = line_profile(frames)
        outcomes = lesson_outcomes(source)
    finally:
        if data is not None:
            data.close()
    cust["channel_of_trade"] = _channel_names(cust["channel_of_trade"], cust["cases"])
    cust["order_channel"] = cust["order_channel"].where(cust["order_channel"].isin(ORDER_CHANNELS), "EDI")
    traits = [c for c in CUSTOMER_TRAITS if c != "price_level"]
    # A large client's demands depend on size beyond what one correlation carries (its large accounts are
    # more often, and more variously, demanding, and come as standard-service or demanding accounts):
    # fit a copula per size band, and per kind within a band, once they hold enough accounts.
    bands = size_bands(len(cust))
    cust_cop = fit_by_size(cust, traits, size="cases", n_bands=bands, log_columns=CUSTOMER_LOG_TRAITS,
                           group="order_channel", kinds=bands > 1)
    prod_cop = fit_copula(prod, PRODUCT_TRAITS, log_columns=_PRODUCT_LOG_TRAITS, group="pick_type")
    # Smoothed with half an account per cell, so a rare combination is not copied as it is.
    mix = pd.crosstab(cust["order_channel"], cust["channel_of_trade"]).reindex(
        columns=list(CHANNELS_OF_TRADE.index), fill_value=0) + 0.5 * (len(cust) < 2000)
    mix = mix.div(mix.sum(axis=1), axis=0)
    reps = frames["customers"].get("rep_id")
    n_reps = int(reps.nunique()) if reps is not None and reps.notna().any() else 15
    customers_master = frames["customers"]
    products_master = frames["products"]
    names = set()
    for frame, col in ((customers_master, "customer_name"), (products_master, "product_name"),
                       (frames["lines"], "customer_name"), (frames["lines"], "product_name")):
        if col in frame.columns:
            names |= set(frame[col].dropna().astype(str))
    ids = set(customers_master["customer_id"].astype(str)) | set(products_master["product_id"].astype(str))
    client = {
        "customers": cust, "products": prod, "cases_per_line": line["cases_per_line"], "outcomes": outcomes,
        "ids": ids, "names": names,
        "revenues": set(np.round(cust["revenue"].to_numpy()).astype(np.int64).tolist()),
        "line_keys": _line_keys(frames["lines"]),
    }
    return TwinFit(
        customers=cust_cop, products=prod_cop, channel_mix=mix,
        terms=sorted(set(cust["payment_terms_days"].round().tolist())),
        n_customers=len(cust), n_products=len(prod), n_reps=max(1, min(n_reps, 99)),
        months=min(int(line["months"]), 36), days=int(line["days"]), start=line["start"],
        lines={k: line[k] for k in ("cases_sigma", "discount_sd", "allowance_sigma", "credit_note_share")},
        totals={"cases": float(cust["cases"].sum()), **_catalogue_averages(prod)}, client=client,
    )


def _catalogue_averages(prod: pd.DataFrame) -> dict:
    """The list price of the average case sold, and cost of goods as a share of list sales: the gross margin."""
    sales = prod["popularity"] * prod["list_price"]
    return {"list_price": float(sales.sum()), "cogs_share": float((sales * prod["cogs_share"]).sum() / sales.sum())}


def _line_keys(lines: pd.DataFrame) -> set:
    """The (date, cases, invoice price) of every shipped line: what would make a line recognisable."""
    shipped = lines[lines["cases"].astype(float) > 0]
    days = shipped["order_date"].dt.strftime("%Y-%m-%d").to_numpy()
    cents = np.round(shipped["invoice_price"].to_numpy() * 100).astype(np.int64)
    return set(zip(days.tolist(), shipped["cases"].astype(np.int64).tolist(), cents.tolist()))
