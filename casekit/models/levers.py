"""Revenue that fits: levers on one account, the cost of dropping it, and fit.

Byrnes (2010) argues that a Profit Drain is rarely a price problem: its cost
to serve comes from many small, unmanaged features of how it orders and is
served (small orders, manual ordering, frequent drops, rush orders, long
payment terms).  This module lets a class change those features for one
account and see its P&L move, without re-running the engine on the whole
company.

The what-if is analytic: cost to serve is linear in the rates, so the account's
lines are re-measured driver by driver (the same rules the engine's SQL uses,
listed in :data:`casekit.costing.rates.DRIVERS`) and multiplied by the rate card.
Tests check this equals :func:`casekit.cost_to_serve` line by line.
"""

from __future__ import annotations

import dataclasses
from numbers import Real

import numpy as np
import pandas as pd

from casekit.costing.rates import RateCard

__all__ = [
    "AccountModel", "account_model", "what_if", "LEVER_DEFAULTS", "drop_account", "drains_table", "lever_candidates", "SERVICE_PACKAGE", "line_costs", "AVOIDABLE_SHARE",
    "revenue_fit", "fit_summary", "same_revenue_comparison", "OPERATIONS_ACTIVITIES", "MANUAL_CHANNELS",
    "plot_revenue_fit", "plot_lever_move", "lever_move_title", "lever_move_artists", "plot_drop_account", "plot_same_revenue",
]

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

# Share of each activity's allocated cost that goes away in the short run if
# the account is dropped.  Assumptions for class discussion, in the spirit of
# Kaplan & Anderson's time-driven ABC: capacity (customer-service staff,
# warehouse crews, reps) stays unless management removes it, so most of its
# cost is reallocated, not saved.  Delivery is mostly variable (KeHE: > 92 %),
# but a route still runs past the dropped stop, so 70 %.
AVOIDABLE_SHARE = {
    "order_handling": 0.25,
    "picking": 0.40,
    "delivery": 0.70,
    "rush_handling": 0.60,
    "sales_calls": 0.15,
    "trade_promotion": 1.00,
    "returns": 1.00,
    "receivables": 1.00,
    "inventory_carrying": 0.50,
}

# Activities counted as "operations cost" in the I11 comparison.
OPERATIONS_ACTIVITIES = ("order_handling", "picking", "delivery", "rush_handling")

_LINE_COLUMNS = ["line_id", "order_id", "product_id", "cases", "returned_cases", "list_price",
                 "on_invoice_discount", "invoice_price", "off_invoice_allowance"]


def _slug(activity: str) -> str:
    from casekit.costing.engine import _activity_column
    return _activity_column(activity)


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


def _driver_shares(f: pd.DataFrame, months: float) -> dict:
    """Each driver's quantity on every line of one account (the engine's rules)."""
    cases = f["cases"].to_numpy(float)
    revenue = cases * f["invoice_price"].to_numpy(float)
    order_lines = f.groupby("order_id", sort=False)["line_id"].transform("size").to_numpy(float)
    dcases = f.groupby("delivery_id", sort=False)["cases"].transform("sum").to_numpy(float)
    dlines = f.groupby("delivery_id", sort=False)["line_id"].transform("size").to_numpy(float)
    dshare = np.where(dcases > 0, cases / np.where(dcases > 0, dcases, 1.0), 1.0 / dlines)
    calls = f["sales_calls_per_year"].to_numpy(float) * months / 12.0
    crev, ccases, clines = revenue.sum(), cases.sum(), len(f)
    if crev > 0:
        cshare = revenue / crev
    elif ccases > 0:
        cshare = cases / ccases
    else:
        cshare = np.full(clines, 1.0 / clines)
    return {
        "orders": 1.0 / order_lines,
        "order_lines": np.ones(len(f)),
        "cases": cases,
        "deliveries": dshare,
        "delivery_km": f["distance_km"].to_numpy(float) * dshare,
        "rush_orders": f["rush"].to_numpy(bool) / order_lines,
        "sales_calls": calls * cshare,
        "allowance_dollars": cases * f["off_invoice_allowance"].to_numpy(float),
        "returned_cases": f["returned_cases"].to_numpy(float),
        "returned_value": f["returned_cases"].to_numpy(float) * f["invoice_price"].to_numpy(float),
        "receivable_dollar_days": revenue * f["payment_terms_days"].to_numpy(float),
        "inventory_dollar_days": cases * f["cogs_per_case"].to_numpy(float) * f["days_of_supply"].to_numpy(float),
    }


def line_costs(frame: pd.DataFrame, rates: RateCard, months: float) -> pd.DataFrame:
    """Cost every line of one account's frame, one ``cost_<activity>`` column per activity.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``AccountModel.frame`` or a frame :meth:`AccountModel.apply` returned.
    rates : RateCard
        The rate card (one rate per driver and activity).
    months : float
        Length of the period (sales calls per year are prorated to it).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``frame``; one ``cost_<activity>`` column per activity of
        the rate card (``cost_order_handling``, ``cost_picking``,
        ``cost_delivery``, ...), in $.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> m = account_model(co, "C0001")
    >>> costs = line_costs(m.frame, m.rates, m.months)
    >>> len(costs) == len(m.frame), list(costs.columns[:2])
    (True, ['cost_order_handling', 'cost_picking'])
    >>> bool(abs(costs.to_numpy().sum() - m.baseline["cost_to_serve"]) < 1e-6)
    True
    """
    shares = _driver_shares(frame, months)
    out = {}
    for row in rates.table.itertuples():
        q = shares[row.driver]
        if row.applies_to:
            q = np.where(frame[row.applies_to].astype(str).to_numpy() == row.applies_value, q, 0.0)
        col = _slug(row.activity)
        out[col] = out.get(col, 0.0) + float(row.rate) * q
    return pd.DataFrame(out, index=frame.index)


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


def _check_fraction(name, value) -> float:
    if not isinstance(value, Real) or not 0 <= float(value) <= 1:
        raise ValueError(f"{name} is a share between 0 and 1 (0.3 means 30 %); got {value!r}.")
    return float(value)


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
    >>> r = m.what_if(**SERVICE_PACKAGE)
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
        move = _check_fraction("move_to_edi", lv["move_to_edi"])
        if move > 0:
            manual = f.loc[f["order_channel"].isin(MANUAL_CHANNELS), "order_id"].drop_duplicates()
            n = len(manual)
            picked = manual[np.floor(np.arange(1, n + 1) * move) > np.floor(np.arange(n) * move)]
            f.loc[f["order_id"].isin(picked), "order_channel"] = ELECTRONIC_CHANNEL
        cut = _check_fraction("cut_rush", lv["cut_rush"])
        if cut > 0:
            rush = f.loc[f["rush"], "order_id"].drop_duplicates()
            n = len(rush)
            picked = rush[np.floor(np.arange(1, n + 1) * cut) > np.floor(np.arange(n) * cut)]
            f.loc[f["order_id"].isin(picked), "rush"] = False
        # Minimum order: combine consecutive small orders.
        mo = lv["min_order_cases"]
        if not isinstance(mo, Real) or mo < 0:
            raise ValueError(f"min_order_cases is a number of cases >= 0; got {mo!r}.")
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
            if not isinstance(dpw, Real) or dpw <= 0:
                raise ValueError(f"deliveries_per_week must be a number > 0 (e.g. 0.5 = every other week); got {dpw!r}.")
            window = 7.0 / float(dpw)
            days = (f["order_date"] - f["order_date"].min()).dt.days.to_numpy(float)
            key = pd.Series(np.floor(days / window).astype(int), index=f.index)
            f["delivery_id"] = _group_ids(f, key, "delivery_id")
        if lv["payment_terms_days"] is not None:
            t = lv["payment_terms_days"]
            if not isinstance(t, Real) or t < 0:
                raise ValueError(f"payment_terms_days must be a number of days >= 0; got {t!r}.")
            f["payment_terms_days"] = float(t)
        if lv["sales_calls_per_year"] is not None:
            c = lv["sales_calls_per_year"]
            if not isinstance(c, Real) or c < 0:
                raise ValueError(f"sales_calls_per_year must be >= 0; got {c!r}.")
            f["sales_calls_per_year"] = float(c)
        p = lv["price_change_pct"]
        if not isinstance(p, Real) or p <= -100:
            raise ValueError(f"price_change_pct is a percent change > -100 (2 means +2 %); got {p!r}.")
        if p:
            f["invoice_price"] = f["invoice_price"] * (1 + float(p) / 100)
            f["on_invoice_discount"] = f["list_price"] - f["invoice_price"]
        a = lv["allowance_change_pct"]
        if not isinstance(a, Real) or a < -100:
            raise ValueError(f"allowance_change_pct is a percent change >= -100 (-20 means 20 % less); got {a!r}.")
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


# --------------------------------------------------------------------------
# Dropping an account: avoidable vs allocated cost
# --------------------------------------------------------------------------

def drop_account(pnl: pd.DataFrame, customer_id, *, avoidable: dict | None = None) -> pd.DataFrame:
    """Split an account's allocated cost to serve into what dropping it saves and what stays.

    Dropping an account loses its gross margin and saves only the avoidable
    part of its cost to serve; the rest (staff, trucks, reps) stays and is
    spread over the remaining accounts.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.
    customer_id : str
        The account to drop.
    avoidable : dict, optional
        Share (0-1) of each activity's cost that is avoidable; defaults to
        :data:`AVOIDABLE_SHARE` (activities it does not name count as fully
        avoidable).

    Returns
    -------
    pandas.DataFrame
        One row per activity: ``activity``, ``allocated``, ``avoidable_share``,
        ``avoidable``, ``stays`` ($).  ``attrs``: ``customer_id``, ``revenue``,
        ``gross_margin``, ``allocated_cost``, ``avoidable_cost``,
        ``net_profit`` (allocated view) and ``profit_change_if_dropped``
        (= avoidable cost - gross margin: what the company's profit does).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> d = drop_account(pnl, "C0039")
    >>> list(d.columns)
    ['activity', 'allocated', 'avoidable_share', 'avoidable', 'stays']
    >>> bool((d["avoidable"] <= d["allocated"] + 1e-9).all())
    True
    >>> bool(d.attrs["net_profit"] < 0), bool(d.attrs["profit_change_if_dropped"] < 0)
    (True, True)
    """
    shares = dict(AVOIDABLE_SHARE if avoidable is None else avoidable)
    for k, v in shares.items():
        _check_fraction(f"avoidable[{k!r}]", v)
    if "customer_id" not in pnl.columns:
        raise ValueError("drop_account needs the line P&L from cost_to_serve (it has no customer_id column).")
    sel = pnl[pnl["customer_id"].astype(str) == str(customer_id)]
    if sel.empty:
        raise ValueError(f"customer_id {customer_id!r} has no lines in pnl.")
    cols = [c for c in pnl.columns if c.startswith("cost_") and c != "cost_to_serve"]
    rows = []
    for c in cols:
        act = c.removeprefix("cost_")
        alloc = float(sel[c].sum())
        share = float(shares.get(act, 1.0))
        rows.append((act, alloc, share, alloc * share, alloc * (1 - share)))
    out = pd.DataFrame(rows, columns=["activity", "allocated", "avoidable_share", "avoidable", "stays"])
    gm = float(sel["gross_margin"].sum())
    out.attrs = {
        "customer_id": str(customer_id),
        "revenue": float(sel["revenue"].sum()),
        "gross_margin": gm,
        "allocated_cost": float(out["allocated"].sum()),
        "avoidable_cost": float(out["avoidable"].sum()),
        "net_profit": gm - float(out["allocated"].sum()),
        "profit_change_if_dropped": float(out["avoidable"].sum()) - gm,
    }
    return out


def drains_table(pnl: pd.DataFrame, *, avoidable: dict | None = None, revenue_cut=None) -> pd.DataFrame:
    """List the Profit Drains with their allocated and avoidable cost to serve.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.
    avoidable : dict, optional
        See :func:`drop_account`.
    revenue_cut : float, optional
        Revenue separating large from small accounts; see
        :func:`casekit.segment_customers`.

    Returns
    -------
    pandas.DataFrame
        One row per Profit Drain (see :func:`casekit.segment_customers`),
        largest revenue first: ``customer_id``, ``revenue``, ``gross_margin``,
        ``net_profit``, ``allocated_cost``, ``avoidable_cost``,
        ``profit_change_if_dropped`` ($) and ``dropping_hurts`` (bool).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> t = drains_table(pnl)
    >>> list(t.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['customer_id', 'revenue', 'gross_margin', 'net_profit', 'allocated_cost',
     'avoidable_cost', 'profit_change_if_dropped', 'dropping_hurts']
    >>> len(t) > 0, bool((t["net_profit"] <= 0).all()), bool(t["revenue"].is_monotonic_decreasing)
    (True, True, True)
    """
    from casekit.analysis.profitability import segment_customers
    seg = segment_customers(pnl, revenue_cut=revenue_cut)
    ids = seg.loc[seg["segment"] == "Profit Drain", "customer_id"].astype(str)
    sel = pnl[pnl["customer_id"].astype(str).isin(set(ids))]
    parts = dict(tuple(sel.groupby(sel["customer_id"].astype(str), observed=True)))
    rows = []
    for cid in ids:
        a = drop_account(parts[cid], cid, avoidable=avoidable).attrs
        rows.append({k: a[k] for k in ("customer_id", "revenue", "gross_margin", "net_profit", "allocated_cost",
                                       "avoidable_cost", "profit_change_if_dropped")})
    out = pd.DataFrame(rows, columns=["customer_id", "revenue", "gross_margin", "net_profit", "allocated_cost",
                                      "avoidable_cost", "profit_change_if_dropped"])
    out["dropping_hurts"] = out["profit_change_if_dropped"] < 0
    return out.sort_values("revenue", ascending=False, kind="stable").reset_index(drop=True)


# A service package for Drains: what a cross-functional team might agree with
# the customer (Byrnes): bigger orders, electronic ordering, scheduled drops,
# standard service instead of rush.
SERVICE_PACKAGE = {"min_order_cases": 100, "move_to_edi": 1.0, "deliveries_per_week": 0.5, "cut_rush": 1.0}


def lever_candidates(company, pnl: pd.DataFrame, *, rates: RateCard | None = None, avoidable: dict | None = None,
                     **levers) -> pd.DataFrame:
    """Rank the Profit Drains by how much a change in how they are served would earn.

    Parameters
    ----------
    company : Company
        From :func:`casekit.make_company` or :func:`casekit.load_case`.
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve` (with the same rates).
    rates : RateCard, optional
        The default rate card when omitted.
    avoidable : dict, optional
        See :func:`drop_account`.
    **levers
        The levers to pull on every Drain; :data:`SERVICE_PACKAGE` when none.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`drains_table` (``customer_id``, ``revenue``,
        ``gross_margin``, ``net_profit``, ``allocated_cost``,
        ``avoidable_cost``, ``profit_change_if_dropped``, ``dropping_hurts``)
        plus ``net_profit_with_levers`` and ``gain_from_levers`` ($), largest
        gain first.  ``attrs["levers"]`` holds the levers pulled.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> c = lever_candidates(co, pnl)
    >>> c.columns[-2:].tolist()
    ['net_profit_with_levers', 'gain_from_levers']
    >>> bool(c["gain_from_levers"].is_monotonic_decreasing), c.attrs["levers"] == SERVICE_PACKAGE
    (True, True)
    """
    levers = levers or dict(SERVICE_PACKAGE)
    out = drains_table(pnl, avoidable=avoidable)
    after = [float(account_model(company, cid, rates).what_if(**levers).loc["net_profit", "with_levers"])
             for cid in out["customer_id"]]
    out["net_profit_with_levers"] = after
    out["gain_from_levers"] = out["net_profit_with_levers"] - out["net_profit"]
    out = out.sort_values("gain_from_levers", ascending=False, kind="stable").reset_index(drop=True)
    out.attrs = {"levers": levers}
    return out


def fix_or_drop(candidates: pd.DataFrame) -> pd.DataFrame:
    """Compare, for each Profit Drain, fixing how it is served with dropping it.

    Parameters
    ----------
    candidates : pandas.DataFrame
        Output of :func:`lever_candidates`.

    Returns
    -------
    pandas.DataFrame
        ``customer_id``, ``revenue``, ``net_profit``, ``gain_from_levers``
        (profit change if the service package is agreed),
        ``profit_change_if_dropped`` and ``verdict`` ("fix" when fixing earns
        more than dropping, else "drop"), in the order of ``candidates``.
        ``attrs["chosen"]`` is the first Drain that the levers make
        profitable and where fixing beats dropping (the teaching example);
        ``attrs["fix_beats_drop"]`` counts the Drains where fixing wins.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"customer_id": ["A", "B"], "revenue": [1.0, 2.0], "net_profit": [-5.0, -9.0],
    ...                   "net_profit_with_levers": [1.0, -8.0], "gain_from_levers": [6.0, 1.0],
    ...                   "profit_change_if_dropped": [2.0, 4.0]})
    >>> t = fix_or_drop(c)
    >>> t["verdict"].tolist(), t.attrs["chosen"], t.attrs["fix_beats_drop"]
    (['fix', 'drop'], 'A', 1)
    """
    need = ["customer_id", "revenue", "net_profit", "net_profit_with_levers", "gain_from_levers",
            "profit_change_if_dropped"]
    missing = [c for c in need if c not in candidates.columns]
    if missing:
        raise ValueError(f"fix_or_drop: column(s) {missing} missing; pass the output of lever_candidates.")
    out = candidates[need].copy()
    fix_wins = out["gain_from_levers"] > out["profit_change_if_dropped"]
    out["verdict"] = np.where(fix_wins, "fix", "drop")
    good = out[fix_wins & (out["net_profit_with_levers"] > 0)]
    pick = good if len(good) else out[fix_wins] if fix_wins.any() else out
    out.attrs = {"chosen": str(pick["customer_id"].iloc[0]), "fix_beats_drop": int(fix_wins.sum())}
    return out.drop(columns="net_profit_with_levers")


# --------------------------------------------------------------------------
# Revenue fit (I10) and the same revenue target (I11)
# --------------------------------------------------------------------------

FIT_DIMENSIONS = {
    # name: (column, fits when the value is ..., reading)
    "order size": ("cases_per_order", "high", "cases per order"),
    "order channel": ("manual_order_pct", "low", "% of orders placed by phone/fax or rep"),
    "delivery frequency": ("cases_per_delivery", "high", "cases per drop"),
    "product mix": ("split_case_pct", "low", "% of lines picked as split cases"),
    "rush orders": ("rush_order_pct", "low", "% of orders flagged rush"),
    "returns": ("return_pct", "low", "% of cases returned"),
}
FIT_CLASSES = ("fits well", "fits partly", "fits poorly")


def revenue_fit(pnl: pd.DataFrame, company, *, thresholds: dict | None = None) -> pd.DataFrame:
    """Describe how well each account's business fits the supply chain.

    Six dimensions (Kaplan's high- vs low-cost-to-serve profile, Byrnes's
    revenue that fits): order size, order channel, delivery pattern, product
    mix, rush orders, returns.  An account fits on a dimension when it is on
    the good side of the threshold (the median account by default).

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.
    company : Company
        For order channels, rush flags and pick types.
    thresholds : dict, optional
        ``{column: value}`` overriding the median for any column of
        :data:`FIT_DIMENSIONS`.

    Returns
    -------
    pandas.DataFrame
        One row per customer: ``customer_id``, ``revenue``, ``cases``,
        ``net_profit``, ``operations_cost`` ($, activities in
        :data:`OPERATIONS_ACTIVITIES`), ``ops_cost_per_case``, the six
        measures (``cases_per_order``, ``manual_order_pct``,
        ``cases_per_delivery``, ``split_case_pct``, ``rush_order_pct``,
        ``return_pct``), one boolean ``fits_<dimension>`` each, ``fit_score``
        (0-6) and ``fit`` (ordered Categorical over :data:`FIT_CLASSES`:
        5-6 fits well, 3-4 partly, 0-2 poorly).  ``attrs["thresholds"]``
        holds the thresholds used.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> fit = revenue_fit(pnl, co)
    >>> len(fit) == len(co.customers), list(fit.columns[:4])
    (True, ['customer_id', 'revenue', 'cases', 'net_profit'])
    >>> bool(fit["fit_score"].between(0, 6).all()), list(fit["fit"].cat.categories)
    (True, ['fits well', 'fits partly', 'fits poorly'])
    """
    need = ["customer_id", "order_id", "product_id", "cases", "returned_cases", "revenue", "net_profit"]
    missing = [c for c in need if c not in pnl.columns]
    if missing:
        raise ValueError(f"revenue_fit needs the line P&L from cost_to_serve; columns {missing} are missing.")
    thresholds = dict(thresholds or {})
    known = {v[0] for v in FIT_DIMENSIONS.values()}
    bad = sorted(set(thresholds) - known)
    if bad:
        raise ValueError(f"thresholds: unknown column(s) {bad}; use some of {sorted(known)}.")
    orders = company.orders[["order_id", "order_channel", "rush", "delivery_id"]].copy()
    orders["order_id"] = orders["order_id"].astype(str)
    pick = company.products[["product_id", "pick_type"]].copy()
    pick["product_id"] = pick["product_id"].astype(str)
    ops_cols = [_slug(a) for a in OPERATIONS_ACTIVITIES if _slug(a) in pnl.columns]
    l = pnl[["customer_id", "order_id", "product_id", "cases", "returned_cases", "revenue", "net_profit",
             *ops_cols]].copy()
    l["customer_id"] = l["customer_id"].astype(str)
    l["order_id"] = l["order_id"].astype(str)
    l["product_id"] = l["product_id"].astype(str)
    l = l.merge(orders, on="order_id", how="left").merge(pick, on="product_id", how="left")
    l["split"] = (l["pick_type"] == "split_case").astype(float)
    g = l.groupby("customer_id", sort=True)
    out = pd.DataFrame({
        "revenue": g["revenue"].sum(), "cases": g["cases"].sum().astype(float),
        "net_profit": g["net_profit"].sum(),
        "operations_cost": l[ops_cols].sum(axis=1).groupby(l["customer_id"]).sum(),
    })
    o = l.drop_duplicates("order_id")
    go = o.groupby("customer_id", sort=True)
    n_orders = go.size()
    out["ops_cost_per_case"] = out["operations_cost"] / out["cases"].where(out["cases"] > 0)
    out["cases_per_order"] = out["cases"] / n_orders
    out["manual_order_pct"] = o["order_channel"].isin(MANUAL_CHANNELS).groupby(o["customer_id"]).mean() * 100
    out["cases_per_delivery"] = out["cases"] / l.groupby("customer_id")["delivery_id"].nunique()
    out["split_case_pct"] = g["split"].mean() * 100
    out["rush_order_pct"] = o["rush"].astype(bool).groupby(o["customer_id"]).mean() * 100
    out["return_pct"] = g["returned_cases"].sum() / out["cases"].where(out["cases"] > 0) * 100
    score = np.zeros(len(out), dtype=int)
    used = {}
    for name, (col, good, _) in FIT_DIMENSIONS.items():
        cut = float(thresholds.get(col, out[col].median()))
        used[col] = cut
        fits = out[col] >= cut if good == "high" else out[col] <= cut
        out["fits_" + name.replace(" ", "_")] = fits.to_numpy()
        score += fits.to_numpy().astype(int)
    out["fit_score"] = score
    out["fit"] = pd.Categorical(np.where(score >= 5, FIT_CLASSES[0], np.where(score >= 3, FIT_CLASSES[1],
                                                                               FIT_CLASSES[2])),
                                categories=list(FIT_CLASSES), ordered=True)
    out = out.reset_index().rename(columns={"index": "customer_id"})
    out.attrs = {"thresholds": used}
    return out


def fit_summary(fit: pd.DataFrame) -> pd.DataFrame:
    """Roll :func:`revenue_fit` up to its three classes.

    Parameters
    ----------
    fit : pandas.DataFrame
        The frame returned by :func:`revenue_fit`.

    Returns
    -------
    pandas.DataFrame
        One row per class: ``fit``, ``customers``, ``revenue``,
        ``net_profit``, ``cases``, ``operations_cost`` ($),
        ``share_of_revenue_pct``, ``share_of_profit_pct``,
        ``net_margin_pct``, ``ops_cost_per_case`` ($ per case).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> s = fit_summary(revenue_fit(pnl, co))
    >>> s["fit"].tolist()
    ['fits well', 'fits partly', 'fits poorly']
    >>> int(s["customers"].sum()), round(float(s["share_of_revenue_pct"].sum()))
    (40, 100)
    """
    if "fit" not in fit.columns:
        raise ValueError("fit_summary takes the frame returned by revenue_fit(pnl, company).")
    g = fit.groupby("fit", observed=False)
    out = pd.DataFrame({
        "customers": g.size(), "revenue": g["revenue"].sum(), "net_profit": g["net_profit"].sum(),
        "cases": g["cases"].sum(), "operations_cost": g["operations_cost"].sum(),
    })
    out["share_of_revenue_pct"] = out["revenue"] / out["revenue"].sum() * 100
    out["share_of_profit_pct"] = out["net_profit"] / out["net_profit"].sum() * 100
    out["net_margin_pct"] = out["net_profit"] / out["revenue"] * 100
    out["ops_cost_per_case"] = out["operations_cost"] / out["cases"]
    return out.reset_index()


def same_revenue_comparison(fit: pd.DataFrame, *, target_revenue=None) -> pd.DataFrame:
    """Meet one revenue target twice: with the best-fitting and with the worst-fitting accounts.

    Accounts are taken in order of fit score (ties broken by operations cost
    per case), best first for one book of business and worst first for the
    other, until the target is met; the last account counts in proportion.

    Parameters
    ----------
    fit : pandas.DataFrame
        The frame from :func:`revenue_fit`.
    target_revenue : float, optional
        Revenue ($) each book must reach; a third of total revenue by default.
        At most half the total, so the two books can differ.

    Returns
    -------
    pandas.DataFrame
        Two rows, ``well-fitting`` and ``poorly-fitting``: ``book``,
        ``accounts``, ``revenue``, ``cases``, ``operations_cost``,
        ``net_profit`` ($), ``ops_cost_per_case`` ($ per case) and
        ``ops_cost_pct_of_revenue`` (%).  ``attrs["target_revenue"]``.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> comp = same_revenue_comparison(revenue_fit(pnl, co))
    >>> comp["book"].tolist()
    ['well-fitting', 'poorly-fitting']
    >>> bool(comp.loc[0, "ops_cost_per_case"] < comp.loc[1, "ops_cost_per_case"])
    True
    >>> bool(abs(comp.loc[0, "revenue"] - comp.attrs["target_revenue"]) < 1e-6)
    True
    """
    need = ["fit_score", "revenue", "cases", "operations_cost", "net_profit", "ops_cost_per_case"]
    missing = [c for c in need if c not in fit.columns]
    if missing:
        raise ValueError(f"same_revenue_comparison takes the frame from revenue_fit; columns {missing} are missing.")
    f = fit[fit["revenue"] > 0]
    total = float(f["revenue"].sum())
    if target_revenue is None:
        target_revenue = total / 3
    if not isinstance(target_revenue, Real) or not 0 < target_revenue <= total / 2:
        raise ValueError(f"target_revenue must be a revenue in $ between 0 and half the total "
                         f"({total / 2:,.0f}); got {target_revenue!r}.")
    rows = []
    for name, asc in (("well-fitting", False), ("poorly-fitting", True)):
        order = f.sort_values(["fit_score", "ops_cost_per_case"], ascending=[asc, not asc], kind="stable")
        cum = order["revenue"].cumsum()
        before = cum - order["revenue"]
        weight = ((target_revenue - before) / order["revenue"]).clip(0, 1)
        tot = {c: float((order[c] * weight).sum()) for c in ("revenue", "cases", "operations_cost", "net_profit")}
        rows.append({"book": name, "accounts": float(weight.sum()), **tot,
                     "ops_cost_per_case": tot["operations_cost"] / tot["cases"],
                     "ops_cost_pct_of_revenue": tot["operations_cost"] / tot["revenue"] * 100})
    out = pd.DataFrame(rows)
    out.attrs = {"target_revenue": float(target_revenue)}
    return out


# --------------------------------------------------------------------------
# Plots
# --------------------------------------------------------------------------

def plot_revenue_fit(summary: pd.DataFrame, *, ax=None):
    """Draw a bar chart of share of revenue vs share of net profit for each fit class (I10).

    Parameters
    ----------
    summary : pandas.DataFrame
        The frame from :func:`fit_summary`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> ax = plot_revenue_fit(fit_summary(revenue_fit(pnl, co)))
    >>> type(ax).__name__, ax.get_title().startswith("Poorly fitting business")
    ('Axes', True)
    >>> plt.close("all")
    """
    from casekit.plots.style import DARK, GREEN, RED, TICK_SIZE, apply_style as _style, new_axes as _new_axes
    if "share_of_profit_pct" not in summary.columns:
        raise ValueError("plot_revenue_fit takes the frame returned by fit_summary(revenue_fit(...)).")
    ax = _new_axes(ax)
    x = np.arange(len(summary))
    rev, prof = summary["share_of_revenue_pct"].to_numpy(), summary["share_of_profit_pct"].to_numpy()
    ax.bar(x - 0.2, rev, width=0.38, color=DARK, label="Share of revenue", zorder=3)
    ax.bar(x + 0.2, prof, width=0.38, color=[GREEN if v >= 0 else RED for v in prof],
           label="Share of net profit", zorder=3)
    for i, (a, b) in enumerate(zip(rev, prof)):
        ax.annotate(f"{a:.0f}%", (i - 0.2, a), xytext=(0, 4), textcoords="offset points", ha="center",
                    fontsize=TICK_SIZE + 1)
        ax.annotate(f"{b:.0f}%", (i + 0.2, b), xytext=(0, 4 if b >= 0 else -16), textcoords="offset points",
                    ha="center", fontsize=TICK_SIZE + 1, color=GREEN if b >= 0 else RED, fontweight="bold")
    labels = [f"{f}\n({n} accounts, ops ${c:.2f}/case)" for f, n, c in
              zip(summary["fit"], summary["customers"], summary["ops_cost_per_case"])]
    ax.set_xticks(x, labels)
    ax.axhline(0, color="#7f8c8d", lw=0.8)
    poor = summary.iloc[-1]
    _style(ax, title=(f"Poorly fitting business brings {poor['share_of_revenue_pct']:.0f}% of revenue "
                      f"and {poor['share_of_profit_pct']:.0f}% of profit"),
           xlabel="Revenue fit (order size, channel, drops, mix, rush, returns)", ylabel="Share of company total (%)")
    ax.legend(fontsize=TICK_SIZE, frameon=False)
    ax.grid(axis="y", color="#eeeeee", zorder=0)
    return ax


def lever_move_title(result: pd.DataFrame) -> str:
    """Summarise a what-if in one line: which account, and where its net profit goes.

    Parameters
    ----------
    result : pandas.DataFrame
        The frame from :func:`what_if` or :meth:`AccountModel.what_if` (rows
        ``net_profit``; columns ``today`` and ``with_levers``;
        ``attrs["customer_id"]``).

    Returns
    -------
    str
        ``"<customer> <verb>: net profit <today> -> <with levers>"``, the verb
        one of "turns profitable", "falls into the red", "stays put", "gains",
        "loses".

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"today": [1000.0, -50.0], "with_levers": [1000.0, 20.0]},
    ...                  index=["revenue", "net_profit"])
    >>> r.attrs["customer_id"] = "C0007"
    >>> lever_move_title(r)
    'C0007 turns profitable: net profit -$50 -> $20'
    """
    from casekit.plots.style import money as _money
    p0, p1 = result.loc["net_profit", "today"], result.loc["net_profit", "with_levers"]
    cid = result.attrs.get("customer_id", "the account")
    if p0 < 0 <= p1:
        verb = "turns profitable"
    elif p1 < 0 <= p0:
        verb = "falls into the red"
    elif abs(p1 - p0) < 0.5:
        verb = "stays put"
    else:
        verb = "gains" if p1 > p0 else "loses"
    return f"{cid} {verb}: net profit {_money(p0)} -> {_money(p1)}"


def lever_move_artists(ax, result: pd.DataFrame, *, animated: bool = False) -> list:
    """Draw one account's 'today' and 'with the levers' markers and the arrow between them.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The profit map to draw on (revenue on x, net profit on y).
    result : pandas.DataFrame
        The frame from :func:`what_if` (rows ``revenue`` and ``net_profit``).
    animated : bool, default=False
        Mark the artists animated (for blitting, see
        :class:`casekit.widgets.levers.BlitFigure`).

    Returns
    -------
    list
        Three artists: the 'today' marker, the 'with the levers' marker and
        the arrow.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> r = pd.DataFrame({"today": [1000.0, -50.0], "with_levers": [1000.0, 20.0]},
    ...                  index=["revenue", "net_profit"])
    >>> fig, ax = plt.subplots()
    >>> arts = lever_move_artists(ax, r)
    >>> len(arts), all(a.axes is ax for a in arts)
    (3, True)
    >>> plt.close(fig)
    """
    from casekit.plots.style import GREEN, RED
    r0, p0 = result.loc["revenue", "today"], result.loc["net_profit", "today"]
    r1, p1 = result.loc["revenue", "with_levers"], result.loc["net_profit", "with_levers"]
    today = ax.scatter([r0], [p0], s=140, facecolor="white", edgecolor=RED, linewidth=2.5, zorder=4,
                       label="today", animated=animated)
    after = ax.scatter([r1], [p1], s=160, color=GREEN if p1 >= 0 else RED, edgecolor="black", zorder=5,
                       label="with the levers", animated=animated)
    arrow = ax.annotate("", xy=(r1, p1), xytext=(r0, p0), zorder=4, animated=animated,
                        arrowprops=dict(arrowstyle="->", lw=2, color="black"))
    return [today, after, arrow]


def plot_lever_move(segments: pd.DataFrame, result: pd.DataFrame | None = None, *, ax=None, title=None):
    """Draw the profit map of all customers with one account's move from today to the what-if.

    Parameters
    ----------
    segments : pandas.DataFrame
        :func:`casekit.segment_customers` output (revenue, net_profit, segment).
    result : pandas.DataFrame, optional
        :meth:`AccountModel.what_if` output for one account; without it only
        the background is drawn.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.
    title : str, optional
        The finding (:func:`lever_move_title`) by default.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> r = what_if(co, "C0025", **SERVICE_PACKAGE)
    >>> ax = plot_lever_move(ck.segment_customers(pnl), r)
    >>> type(ax).__name__, ax.get_title().startswith("C0025")
    ('Axes', True)
    >>> plt.close("all")
    """
    from casekit.plots.style import GREY, SEGMENT_COLORS, TICK_SIZE, apply_style as _style, money as _money, new_axes as _new_axes
    from matplotlib.ticker import FuncFormatter
    ax = _new_axes(ax)
    pos = segments[segments["revenue"] > 0]
    ax.scatter(pos["revenue"], pos["net_profit"], s=22, alpha=0.45,
               c=[SEGMENT_COLORS.get(str(s), GREY) for s in pos["segment"]], edgecolor="none", zorder=2)
    if result is not None:
        lever_move_artists(ax, result)
        ax.legend(fontsize=TICK_SIZE, loc="lower right", frameon=False)
    ax.set_xscale("log")
    ax.axhline(0, color=GREY, lw=1)
    ax.xaxis.set_major_formatter(FuncFormatter(_money))
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda v, p: ""))
    ax.yaxis.set_major_formatter(FuncFormatter(_money))
    if title is None:
        title = lever_move_title(result) if result is not None else "Beacon's accounts on the profit map"
    _style(ax, title=title, xlabel="Revenue per customer ($, log scale)", ylabel="Net profit per customer ($)")
    return ax


def plot_drop_account(dropped: pd.DataFrame, *, ax=None):
    """Draw bars per activity: cost allocated to the account vs cost that dropping it would save.

    Parameters
    ----------
    dropped : pandas.DataFrame
        The frame from :func:`drop_account` (with its ``attrs``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> ax = plot_drop_account(drop_account(pnl, "C0039"))
    >>> type(ax).__name__, ax.get_title().startswith("Dropping C0039")
    ('Axes', True)
    >>> plt.close("all")
    """
    from casekit.plots.style import DARK, GREEN, RED, TICK_SIZE, apply_style as _style, money as _money, new_axes as _new_axes
    from matplotlib.ticker import FuncFormatter
    ax = _new_axes(ax)
    d = dropped.sort_values("allocated", ascending=True)
    y = np.arange(len(d))
    ax.barh(y + 0.2, d["allocated"], height=0.38, color=DARK, label="allocated cost to serve", zorder=3)
    ax.barh(y - 0.2, d["avoidable"], height=0.38, color=GREEN, label="avoidable if dropped", zorder=3)
    ax.set_yticks(y, [a.replace("_", " ") for a in d["activity"]])
    ax.xaxis.set_major_formatter(FuncFormatter(_money))
    a = dropped.attrs
    change = a["profit_change_if_dropped"]
    _style(ax, title=(f"Dropping {a['customer_id']} (allocated loss {_money(a['net_profit'])}) would "
                      f"{'cut' if change < 0 else 'raise'} company profit by {_money(abs(change))}"),
           xlabel="Cost per year ($)", ylabel="")
    ax.legend(fontsize=TICK_SIZE, frameon=False, loc="lower right")
    ax.grid(axis="x", color="#eeeeee", zorder=0)
    if change < 0:
        ax.title.set_color(RED)
    return ax


def plot_same_revenue(comparison: pd.DataFrame, *, ax=None):
    """Draw two bars: operations cost per case of the well- and poorly-fitting books (I11).

    Parameters
    ----------
    comparison : pandas.DataFrame
        The frame from :func:`same_revenue_comparison` (with its ``attrs``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> ax = plot_same_revenue(same_revenue_comparison(revenue_fit(pnl, co)))
    >>> type(ax).__name__, ax.get_title().startswith("Same $")
    ('Axes', True)
    >>> plt.close("all")
    """
    from casekit.plots.style import GREEN, RED, TICK_SIZE, apply_style as _style, money as _money, money_ticks, new_axes as _new_axes
    _price = money_ticks(unit="dollar", decimals=2)
    from matplotlib.ticker import FuncFormatter
    ax = _new_axes(ax)
    c = comparison.set_index("book")
    vals = c["ops_cost_per_case"]
    ax.bar([0, 1], vals, color=[GREEN, RED], width=0.55, zorder=3)
    for i, (v, row) in enumerate(zip(vals, c.itertuples())):
        ax.annotate(f"{_price(v)} per case\n{row.cases:,.0f} cases, profit {_money(row.net_profit)}", (i, v),
                    xytext=(0, 5), textcoords="offset points", ha="center", fontsize=TICK_SIZE + 1,
                    annotation_clip=False)
    ax.set_xticks([0, 1], [f"{b}\n({n:.0f} accounts)" for b, n in zip(c.index, c["accounts"])])
    ax.set_ylim(0, vals.max() * 1.3)
    ax.yaxis.set_major_formatter(FuncFormatter(_price))
    ratio = vals.iloc[1] / vals.iloc[0]
    _style(ax, title=(f"Same {_money(comparison.attrs['target_revenue'])} of revenue: poorly fitting business "
                      f"costs {ratio:.1f}x as much to run per case"),
           xlabel="Book of business meeting the revenue target", ylabel="Operations cost per case ($)")
    ax.grid(axis="y", color="#eeeeee", zorder=0)
    return ax
