"""Service levers on one account: re-cost its lines as it would be served differently.

Byrnes (2010) argues that a Profit Drain is rarely a price problem: its cost
to serve comes from many small, unmanaged features of how it orders and is
served (small orders, manual ordering, frequent drops, rush orders, long
payment terms).  This module lets a class change those features for one
account and see its P&L move, without re-running the engine on the whole
company.  Whether to fix or drop an account is in
:mod:`casekit.models.dropping`; how well accounts fit the supply chain in
:mod:`casekit.models.revenue_fit`.

The what-if is analytic: cost to serve is linear in the rates, so the account's
lines are re-measured driver by driver (the same rules the engine's SQL uses,
listed in :data:`casekit.costing.rates.DRIVERS`) and multiplied by the rate card.
Tests check this equals :func:`casekit.cost_to_serve` line by line.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from casekit.costing.drivers import line_costs
from casekit.costing.rates import RateCard
from casekit.validation import check_fraction, check_real

__all__ = ["AccountModel", "account_model", "what_if", "LEVER_DEFAULTS", "MANUAL_CHANNELS"]

MANUAL_CHANNELS = ("phone/fax", "rep-taken")
ELECTRONIC_CHANNEL = "EDI"

# The levers and their "no change" settings.
LEVER_DEFAULTS = {
    "min_order_cases": 0,          # consolidate orders smaller than this (cases)
    "move_to_edi": 0.0,            # share of manual orders moved to EDI/portal (0-1)
    "deliveries_per_week": None,   # cap on drops per week (None: as today)
    "payment_terms_days": None,    # new payment terms (None: as today)
    "cut_rush": 0.0,               # share of rush orders served on the standard tier (0-1)
    "sales_calls_per_year": None,  # new call plan (None: as today)
    "price_change_pct": 0.0,       # change in invoice price (%)
    "allowance_change_pct": 0.0,   # change in off-invoice trade allowances (%)
}

_LINE_COLUMNS = ["line_id", "order_id", "product_id", "cases", "returned_cases", "list_price",
                 "on_invoice_discount", "invoice_price", "off_invoice_allowance"]


# --------------------------------------------------------------------------
# One account, measured driver by driver
# --------------------------------------------------------------------------

def _account_frame(company, customer_id) -> pd.DataFrame:
    cust = company.customers
    ids = cust["customer_id"].astype(str)
    if str(customer_id) not in set(ids):
        raise ValueError(f"customer_id {customer_id!r} is not a customer of this company; "
                         f"pick one from company.customers['customer_id'] (e.g. {ids.iloc[0]!r}).")
    crow = cust[ids == str(customer_id)].iloc[0]
    orders = company.orders[company.orders["customer_id"].astype(str) == str(customer_id)]
    if orders.empty:
        raise ValueError(f"customer {customer_id!r} placed no orders in the period; there is nothing to change.")
    lines = company.lines[company.lines["order_id"].isin(orders["order_id"])][_LINE_COLUMNS]
    f = lines.merge(orders[["order_id", "delivery_id", "order_date", "order_channel", "rush"]], on="order_id")
    prod = company.products[["product_id", "pick_type", "cogs_per_case", "days_of_supply"]]
    f = f.merge(prod, on="product_id", how="left")
    for col in ("order_id", "delivery_id", "product_id", "order_channel", "pick_type"):
        f[col] = f[col].astype(str)
    f["order_date"] = pd.to_datetime(f["order_date"])
    f["rush"] = f["rush"].astype(bool)
    f["cases"] = f["cases"].astype(float)
    f["returned_cases"] = f["returned_cases"].astype(float)
    for col in ("channel_of_trade", "region"):
        f[col] = str(crow[col])
    f["distance_km"] = float(crow["distance_km"])
    f["payment_terms_days"] = float(crow["payment_terms_days"])
    f["sales_calls_per_year"] = float(crow["sales_calls_per_year"])
    return f.sort_values(["order_date", "order_id", "line_id"], kind="stable").reset_index(drop=True)


def _summary(f: pd.DataFrame, rates: RateCard, months: float) -> pd.Series:
    costs = line_costs(f, rates, months)
    cases = f["cases"].to_numpy(float)
    revenue = float((cases * f["invoice_price"]).sum())
    cogs = float((cases * f["cogs_per_case"]).sum())
    s = {
        "revenue": revenue, "cases": float(cases.sum()), "cogs": cogs, "gross_margin": revenue - cogs,
    }
    for col in costs.columns:
        s[col] = float(costs[col].sum())
    cts = float(costs.to_numpy().sum())
    s["cost_to_serve"] = cts
    s["net_profit"] = revenue - cogs - cts
    s["net_margin_pct"] = s["net_profit"] / revenue * 100 if revenue else np.nan
    s["orders"] = float(f["order_id"].nunique())
    s["deliveries"] = float(f["delivery_id"].nunique())
    s["manual_orders"] = float(f.loc[f["order_channel"].isin(MANUAL_CHANNELS), "order_id"].nunique())
    s["rush_orders"] = float(f.loc[f["rush"], "order_id"].nunique())
    s["cases_per_order"] = s["cases"] / s["orders"]
    s["cost_to_serve_per_case"] = cts / s["cases"] if s["cases"] else np.nan
    return pd.Series(s)


def _group_ids(f: pd.DataFrame, order_key: pd.Series, col: str) -> pd.Series:
    """Map each line's ``col`` to the first id in its group (groups keyed by order_key)."""
    first = f.groupby(order_key, sort=False)[col].transform("first")
    return first.astype(str)


@dataclasses.dataclass
class AccountModel:
    """Hold one account's lines, ready for fast what-if questions.

    Build it with :func:`account_model`; :meth:`apply` changes how the account
    is served, :meth:`evaluate` costs the result and :meth:`what_if` compares
    it with today.

    Parameters
    ----------
    customer_id : str
        The account.
    frame : pandas.DataFrame
        The account's invoice lines joined with what the drivers need.
    rates : RateCard
        The rate card that costs the lines.
    months : float
        Length of the period.
    baseline : pandas.Series, optional
        The account's P&L as served today (computed when omitted).

    Attributes
    ----------
    baseline : pandas.Series
        The account's P&L as served today: ``revenue``, ``cases``, ``cogs``,
        ``gross_margin``, every ``cost_<activity>``, ``cost_to_serve``,
        ``net_profit``, ``net_margin_pct``, ``orders``, ``deliveries``,
        ``manual_orders``, ``rush_orders``, ``cases_per_order``,
        ``cost_to_serve_per_case``.

    See Also
    --------
    account_model : Build the model for one customer of a company.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> m = account_model(co, "C0025")
    >>> isinstance(m, AccountModel), m.customer_id
    (True, 'C0025')
    >>> r = m.what_if(min_order_cases=100, move_to_edi=1.0, deliveries_per_week=0.5, cut_rush=1.0)
    >>> list(r.columns)
    ['today', 'with_levers', 'change']
    >>> bool(r.loc["cost_to_serve", "change"] < 0)
    True
    """

    customer_id: str
    frame: pd.DataFrame
    rates: RateCard
    months: float
    baseline: pd.Series = None

    def __post_init__(self):
        if self.baseline is None:
            self.baseline = _summary(self.frame, self.rates, self.months)

    def apply(self, **levers) -> pd.DataFrame:
        """Return the account's lines as they would be with the levers pulled.

        Parameters
        ----------
        min_order_cases : int, default=0
            Orders smaller than this are combined with the account's next
            orders (in date order) until the minimum is met.
        move_to_edi : float, default=0
            Share (0-1) of manual (phone/fax, rep-taken) orders placed by EDI.
        deliveries_per_week : float, optional
            Cap on drops per week: orders in the same window of 7 / cap days
            share one delivery.
        payment_terms_days : float, optional
        cut_rush : float, default=0
            Share (0-1) of rush orders moved to the standard service tier.
        sales_calls_per_year : float, optional
        price_change_pct : float, default=0
            Change in invoice price, % (list price unchanged).
        allowance_change_pct : float, default=0
            Change in off-invoice trade allowances per case, % (-100 removes them).

        Returns
        -------
        pandas.DataFrame
            Same lines, same products and cases; only orders, deliveries,
            channels, terms and prices change.
        """
        unknown = sorted(set(levers) - set(LEVER_DEFAULTS))
        if unknown:
            raise ValueError(f"unknown lever(s) {unknown}; the levers are {list(LEVER_DEFAULTS)}.")
        lv = {**LEVER_DEFAULTS, **{k: v for k, v in levers.items() if v is not None}}
        f = self.frame.copy()
        # EDI migration and service tier act on today's orders.
        move = check_fraction(lv["move_to_edi"], "move_to_edi", func="AccountModel.apply")
        if move > 0:
            manual = f.loc[f["order_channel"].isin(MANUAL_CHANNELS), "order_id"].drop_duplicates()
            n = len(manual)
            picked = manual[np.floor(np.arange(1, n + 1) * move) > np.floor(np.arange(n) * move)]
            f.loc[f["order_id"].isin(picked), "order_channel"] = ELECTRONIC_CHANNEL
        cut = check_fraction(lv["cut_rush"], "cut_rush", func="AccountModel.apply")
        if cut > 0:
            rush = f.loc[f["rush"], "order_id"].drop_duplicates()
            n = len(rush)
            picked = rush[np.floor(np.arange(1, n + 1) * cut) > np.floor(np.arange(n) * cut)]
            f.loc[f["order_id"].isin(picked), "rush"] = False
        # Minimum order: combine consecutive small orders.
        mo = check_real(lv["min_order_cases"], "min_order_cases", low=0, what="a number of cases >= 0",
                        func="AccountModel.apply")
        if mo > 0:
            per_order = f.groupby("order_id", sort=False)["cases"].sum()
            group, acc, gid = [], 0.0, 0
            for c in per_order.to_numpy():
                group.append(gid)
                acc += c
                if acc >= mo:
                    gid, acc = gid + 1, 0.0
            if acc > 0 and gid > 0:  # a small remainder joins the last full order
                group = [g if g < gid else gid - 1 for g in group]
            key = f["order_id"].map(dict(zip(per_order.index, group)))
            rush_any = f.groupby(key, sort=False)["rush"].transform("any")
            f["order_id"] = _group_ids(f, key, "order_id")
            f["delivery_id"] = _group_ids(f, key, "delivery_id")
            f["order_channel"] = _group_ids(f, key, "order_channel")
            f["rush"] = rush_any.astype(bool)
        # Delivery frequency: orders in the same window share one drop.
        dpw = lv["deliveries_per_week"]
        if dpw is not None and dpw != LEVER_DEFAULTS["deliveries_per_week"]:
            check_real(dpw, "deliveries_per_week", low=0, strict_low=True,
                       what="a number > 0 (e.g. 0.5 = every other week)", func="AccountModel.apply")
            window = 7.0 / float(dpw)
            days = (f["order_date"] - f["order_date"].min()).dt.days.to_numpy(float)
            key = pd.Series(np.floor(days / window).astype(int), index=f.index)
            f["delivery_id"] = _group_ids(f, key, "delivery_id")
        if lv["payment_terms_days"] is not None:
            t = lv["payment_terms_days"]
            check_real(t, "payment_terms_days", low=0, what="a number of days >= 0", func="AccountModel.apply")
            f["payment_terms_days"] = float(t)
        if lv["sales_calls_per_year"] is not None:
            c = lv["sales_calls_per_year"]
            check_real(c, "sales_calls_per_year", low=0, what="a number of calls >= 0", func="AccountModel.apply")
            f["sales_calls_per_year"] = float(c)
        p = lv["price_change_pct"]
        check_real(p, "price_change_pct", low=-100, strict_low=True, what="a percent change > -100 (2 means +2 %)",
                   func="AccountModel.apply")
        if p:
            f["invoice_price"] = f["invoice_price"] * (1 + float(p) / 100)
            f["on_invoice_discount"] = f["list_price"] - f["invoice_price"]
        a = lv["allowance_change_pct"]
        check_real(a, "allowance_change_pct", low=-100, what="a percent change >= -100 (-20 means 20 % less)",
                   func="AccountModel.apply")
        if a:
            f["off_invoice_allowance"] = f["off_invoice_allowance"] * (1 + float(a) / 100)
        return f

    def evaluate(self, frame: pd.DataFrame | None = None) -> pd.Series:
        """Return the account P&L (revenue, costs by activity, net profit, order counts) for a frame."""
        return self.baseline if frame is None else _summary(frame, self.rates, self.months)

    def what_if(self, **levers) -> pd.DataFrame:
        """Compare the account today with the levers pulled: columns ``today``, ``with_levers``, ``change``."""
        after = self.evaluate(self.apply(**levers))
        out = pd.DataFrame({"today": self.baseline, "with_levers": after})
        out["change"] = out["with_levers"] - out["today"]
        out.attrs = {"customer_id": self.customer_id, "levers": levers}
        return out


def account_model(company, customer_id, rates: RateCard | None = None) -> AccountModel:
    """Prepare one account for what-if questions (see :class:`AccountModel`).

    Parameters
    ----------
    company : Company
    customer_id : str
    rates : RateCard, optional
        The default rate card when omitted.

    Examples
    --------
    >>> from casekit import make_company
    >>> co = make_company(seed=1, n_customers=30, n_products=40)
    >>> m = account_model(co, "C0001")
    >>> r = m.what_if(move_to_edi=1.0)
    >>> bool(r.loc["cost_order_handling", "change"] <= 0)
    True
    """
    rates = RateCard.default() if rates is None else rates
    if not isinstance(rates, RateCard):
        raise TypeError(f"rates must be a RateCard (casekit.RateCard.default()); got {type(rates).__name__}.")
    months = float((getattr(company, "params", None) or {}).get("months") or 12)
    return AccountModel(str(customer_id), _account_frame(company, customer_id), rates, months)


def what_if(company, customer_id, rates: RateCard | None = None, **levers) -> pd.DataFrame:
    """Show one account's P&L today and with the levers pulled.

    Parameters
    ----------
    company : Company
        From :func:`casekit.make_company` or :func:`casekit.load_case`.
    customer_id : str
        The account, e.g. ``"C0001"``.
    rates : RateCard, optional
        The default rate card when omitted.
    **levers
        Keyword arguments of :meth:`AccountModel.apply` (names in
        :data:`LEVER_DEFAULTS`).

    Returns
    -------
    pandas.DataFrame
        Rows ``revenue``, ``cases``, ``cogs``, ``gross_margin``, every
        ``cost_<activity>``, ``cost_to_serve``, ``net_profit``,
        ``net_margin_pct``, ``orders``, ``deliveries``, ``manual_orders``,
        ``rush_orders``, ``cases_per_order``, ``cost_to_serve_per_case``;
        columns ``today``, ``with_levers``, ``change``.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> r = what_if(co, "C0025", move_to_edi=1.0, cut_rush=1.0)
    >>> list(r.columns)
    ['today', 'with_levers', 'change']
    >>> float(r.loc["manual_orders", "with_levers"]), float(r.loc["rush_orders", "with_levers"])
    (0.0, 0.0)
    >>> bool(r.loc["net_profit", "change"] > 0)
    True
    """
    return account_model(company, customer_id, rates).what_if(**levers)
