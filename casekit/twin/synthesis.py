"""Draw the twin: the generator's master data, the client's shapes.

:func:`make_twin` asks :func:`casekit.make_company` for a company of the
client's size and period (synthetic names, ids, reps, catalogue and launch
calendar), then replaces every account's and SKU's behaviour with a draw
from the fitted copulas and builds the orders and lines from them.  A privacy
guard then makes sure no id, name, line or revenue of the client appears.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from casekit.case.catalogue import PICK_TYPES
from casekit.case.company import CHANNELS_OF_TRADE, ORDER_CHANNELS, Company, make_company
from casekit.case.keys import from_codes, id_codes, id_labels
from casekit.twin.copula import sample_by_size, sample_copula
from casekit.twin.fitting import TwinFit
from casekit.validation import check_int

__all__ = ["make_twin"]

_CREDIT_LAG_DAYS = (5, 19)  # a credit note follows its shipment by one to three weeks
_CATALOGUE_TRIES = 20  # catalogues drawn; the one closest to the client's average case sold is kept


def _snap(values: np.ndarray, allowed) -> np.ndarray:
    allowed = np.asarray(sorted(allowed), dtype=float)
    return allowed[np.abs(values[:, None] - allowed[None, :]).argmin(axis=1)]


def _draw_customers(fitted: TwinFit, rng) -> pd.DataFrame:
    n = fitted.n_customers
    traits = sample_by_size(fitted.customers, n, rng)
    order_channel = traits.pop("group").to_numpy()
    mix = fitted.channel_mix.reindex(ORDER_CHANNELS).fillna(1.0 / len(CHANNELS_OF_TRADE))
    channel = np.empty(n, dtype=object)
    for oc in np.unique(order_channel):
        rows = np.flatnonzero(order_channel == oc)
        p = mix.loc[oc].to_numpy() / mix.loc[oc].sum()
        channel[rows] = rng.choice(mix.columns.to_numpy(), size=len(rows), p=p)
    t = traits
    total = fitted.totals.get("cases")
    if total:
        # 45 draws from a long tail sum to anything from 0.8 to 1.3 times the client's cases; the
        # lesson's outcomes (cost to serve per dollar, whale curve) follow the total, so keep it.
        t["cases"] = t["cases"] * total / t["cases"].sum()
    t["cases"] = np.maximum(1, np.round(t["cases"]))
    t["orders"] = np.clip(np.round(t["orders"]), 1, t["cases"])
    t["lines_per_order"] = np.maximum(1.0, t["lines_per_order"])
    for col, cap in (("discount_rate", 0.6), ("allowance_rate", 0.6), ("rush_share", 1.0), ("return_rate", 0.5)):
        t[col] = np.clip(t[col], 0.0, cap)
    t["distance_km"] = np.maximum(1.0, np.round(t["distance_km"]))
    t["sales_calls_per_year"] = np.maximum(0, np.round(t["sales_calls_per_year"])).astype(np.int64)
    t["payment_terms_days"] = _snap(t["payment_terms_days"].to_numpy(), fitted.terms).astype(np.int64)
    t["order_channel"] = order_channel
    t["channel_of_trade"] = channel
    return t


def _draw_products(fitted: TwinFit, rng) -> pd.DataFrame:
    t = _closest_catalogue(fitted, rng)
    pick = t.pop("group").to_numpy()
    t["pick_type"] = np.where(np.isin(pick, PICK_TYPES), pick, "full_case")
    t["popularity"] = np.maximum(t["popularity"], 1e-9)
    t["popularity"] /= t["popularity"].sum()
    t["list_price"] = np.maximum(0.5, np.round(t["list_price"], 2))
    t["cogs_per_case"] = np.round(t["list_price"] * np.clip(t["cogs_share"], 0.05, 3.0), 2)
    t["days_of_supply"] = np.maximum(1, np.round(t["days_of_supply"])).astype(np.int64)
    return t


def _closest_catalogue(fitted: TwinFit, rng) -> pd.DataFrame:
    """Draw catalogues and keep the one whose average case sold is priced and costed closest to the client's.

    A few best-selling SKUs carry half the cases, so one draw of them can leave the whole
    twin two or three points of gross margin from the client, enough to turn its large
    accounts from Drains into Peaks; each catalogue tried is a full draw from the copula, so the
    kept one still has the client's distributions.
    """
    want = fitted.totals
    if not {"list_price", "cogs_share"} <= set(want):
        return sample_copula(fitted.products, fitted.n_products, rng)
    best, best_gap = None, np.inf
    for _ in range(_CATALOGUE_TRIES):
        t = sample_copula(fitted.products, fitted.n_products, rng)
        pop = np.maximum(t["popularity"].to_numpy(), 1e-9)
        sales = pop * np.maximum(t["list_price"].to_numpy(), 0.5)
        price = float(sales.sum() / pop.sum())
        cogs = float((sales * np.clip(t["cogs_share"].to_numpy(), 0.05, 3.0)).sum() / sales.sum())
        gap = abs(np.log(price / want["list_price"])) + abs(cogs / want["cogs_share"] - 1.0)
        if gap < best_gap:
            best, best_gap = t, gap
    return best


def _orders(cust: pd.DataFrame, fitted: TwinFit, rng) -> dict:
    n_orders = cust["orders"].to_numpy().astype(np.int64)
    c_of_o = np.repeat(np.arange(len(cust)), n_orders)
    k = np.arange(len(c_of_o)) - np.repeat(np.cumsum(n_orders) - n_orders, n_orders)
    day = np.floor((k + rng.random(len(c_of_o))) / n_orders[c_of_o] * fitted.days).astype(np.int64)
    rush = rng.random(len(c_of_o)) < cust["rush_share"].to_numpy()[c_of_o]
    # An account's regular orders of one day travel together; a rush order gets its own drop.
    dkey = np.where(rush, -1 - np.arange(len(c_of_o)), c_of_o * (fitted.days + 1) + day)
    _, first, drop = np.unique(dkey, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return {"customer": c_of_o, "day": day, "rush": rush, "delivery": rank[drop]}


def _lines(cust: pd.DataFrame, prod: pd.DataFrame, orders: dict, launch_day: np.ndarray, fitted: TwinFit,
           rng) -> dict:
    c_of_o = orders["customer"]
    n_p = len(prod)
    lam = np.maximum(cust["lines_per_order"].to_numpy()[c_of_o] - 1.0, 0.0)
    n_lines = np.minimum(1 + rng.poisson(lam), n_p).astype(np.int64)
    o_of_l = np.repeat(np.arange(len(c_of_o)), n_lines)
    c_of_l = c_of_o[o_of_l]
    lines_per_customer = np.bincount(c_of_l, minlength=len(cust))
    mean_cases = cust["cases"].to_numpy() / np.maximum(lines_per_customer, 1)
    sigma = fitted.lines["cases_sigma"]
    cases = np.maximum(1, np.round(mean_cases[c_of_l] * np.exp(rng.normal(-sigma**2 / 2, sigma, len(o_of_l)))))
    pop = prod["popularity"].to_numpy()
    pick = rng.choice(n_p, size=len(o_of_l), p=pop)
    # An order lists a SKU once: a repeated SKU is drawn again (a few rounds), what still repeats is merged.
    for _ in range(6):
        key = o_of_l.astype(np.int64) * n_p + pick
        _, first = np.unique(key, return_index=True)
        again = np.ones(len(key), dtype=bool)
        again[first] = False
        if not again.any():
            break
        pick[again] = rng.choice(n_p, size=int(again.sum()), p=pop)
    # A SKU is not sold before its launch: such a line buys an established SKU instead.
    day = orders["day"][o_of_l]
    early = launch_day[pick] > day
    if early.any():
        ready = np.flatnonzero(launch_day <= 0)
        ready = ready if len(ready) else np.arange(n_p)
        pick[early] = ready[rng.choice(len(ready), size=int(early.sum()), p=pop[ready] / pop[ready].sum())]
    key = o_of_l.astype(np.int64) * n_p + pick
    uniq, inv = np.unique(key, return_inverse=True)
    cases = np.bincount(inv, weights=cases).astype(np.int64)
    o_of_l, pick = uniq // n_p, uniq % n_p
    c_of_l = c_of_o[o_of_l]
    list_price = prod["list_price"].to_numpy()[pick]
    disc = np.clip(cust["discount_rate"].to_numpy()[c_of_l] + rng.normal(0, fitted.lines["discount_sd"], len(pick)),
                   0.0, 0.6)
    discount = np.round(list_price * disc, 2)
    s_a = fitted.lines["allowance_sigma"]
    allow = cust["allowance_rate"].to_numpy()[c_of_l] * np.exp(rng.normal(-s_a**2 / 2, s_a, len(pick)))
    returned = _returned(cases, c_of_l, cust["return_rate"].to_numpy(), rng)
    return {"order": o_of_l, "product": pick, "cases": cases, "list_price": list_price, "discount": discount,
            "invoice_price": np.round(list_price - discount, 2),
            "allowance": np.round(list_price * np.clip(allow, 0.0, 0.6), 2), "returned": returned}


def _returned(cases: np.ndarray, c_of_l: np.ndarray, rate: np.ndarray, rng) -> np.ndarray:
    """Spread each account's returns over its lines: one case every 1 / rate cases, from a random start.

    The account returns its own share to within a case, as the generator does, so a small
    account is not pushed to a return rate of 0 or 10 % by the luck of a draw.
    """
    order = np.argsort(c_of_l, kind="stable")
    c = c_of_l[order]
    cum = np.cumsum(cases[order])
    starts = np.r_[0, np.flatnonzero(np.diff(c)) + 1]
    offset = np.repeat(cum[starts] - cases[order][starts], np.diff(np.r_[starts, len(c)]))
    upto = cum - offset
    u = rng.random(len(rate))
    hits = np.floor(upto * rate[c] + u[c]) - np.floor((upto - cases[order]) * rate[c] + u[c])
    out = np.empty(len(cases), dtype=np.int64)
    out[order] = hits.astype(np.int64)
    return np.minimum(out, cases)


def _guard(lines: dict, orders: dict, fitted: TwinFit, rng) -> None:
    """Nudge the (rare) line or account that would match the client's exactly."""
    keys = fitted.client.get("line_keys", set())
    if keys:
        dates = (fitted.start + pd.to_timedelta(orders["day"][lines["order"]], unit="D")).strftime("%Y-%m-%d")
        cents = np.round(lines["invoice_price"] * 100).astype(np.int64)
        hit = np.array([(d, int(c), int(p)) in keys for d, c, p in zip(dates, lines["cases"], cents)], dtype=bool)
        # One cent off the discount: the line is no longer the client's, the P&L moves by cents.
        lines["discount"][hit] = np.round(lines["discount"][hit] + 0.01, 2)
        lines["invoice_price"][hit] = np.round(lines["list_price"][hit] - lines["discount"][hit], 2)
    revenues = fitted.client.get("revenues", set())
    c_of_l = orders["customer"][lines["order"]]
    for _ in range(100):
        rev = np.bincount(c_of_l, weights=lines["cases"] * lines["invoice_price"])
        clash = [c for c, r in enumerate(np.round(rev).astype(np.int64)) if int(r) in revenues]
        if not clash:
            return
        for c in clash:
            # One more case on one of its lines moves its revenue by a case's price.
            mine = np.flatnonzero(c_of_l == c)
            lines["cases"][mine[rng.integers(len(mine))]] += 1
    raise RuntimeError("could not move every twin account's revenue away from the client's")


def _credit_notes(lines: dict, orders: dict, fitted: TwinFit, rng) -> tuple:
    """Book returns as the client does: a credit note per shipped order with returns, a document of its own.

    A client's export may carry returned cases on credit notes, each its own order and
    drop (so each costs order handling and a delivery, with its distance), dated a week or
    two after the shipment; the twin does the same, or its accounts that return goods look
    cheaper to serve than the client's.  The shipped line keeps its cases; the credit note's
    line has no cases shipped and the returned ones.  A client that books returns on the
    shipped line (as casekit's generator does) gets none, or the twin's returns would cost
    drops the client never made; one that does both gets notes for that share of its orders.
    """
    back = lines["returned"] > 0
    share = fitted.lines.get("credit_note_share", 1.0)
    if 0.0 < share < 1.0:
        with_returns = np.unique(lines["order"][back])
        noted = with_returns[rng.random(len(with_returns)) < share]
        back &= np.isin(lines["order"], noted)
    if not back.any() or share <= 0.0:
        return lines, orders
    n_o = len(orders["customer"])
    src, note_of_line = np.unique(lines["order"][back], return_inverse=True)
    lag = rng.integers(_CREDIT_LAG_DAYS[0], _CREDIT_LAG_DAYS[1] + 1, len(src))
    first_drop = int(orders["delivery"].max()) + 1
    notes = {"customer": orders["customer"][src], "day": np.minimum(orders["day"][src] + lag, fitted.days - 1),
             "rush": np.zeros(len(src), dtype=bool), "delivery": first_drop + np.arange(len(src))}
    orders = {k: np.concatenate([orders[k], notes[k]]) for k in orders}
    credit = {k: v[back].copy() for k, v in lines.items()}
    credit["order"] = n_o + note_of_line
    credit["cases"] = np.zeros(int(back.sum()), dtype=lines["cases"].dtype)
    shipped = {**lines, "returned": np.where(back, 0, lines["returned"])}
    lines = {k: np.concatenate([shipped[k], credit[k]]) for k in lines}
    return lines, orders


def _rename(labels: pd.Index, taken: set, prefix: str) -> pd.Index:
    if not taken.intersection(labels):
        return labels
    return pd.Index([f"{prefix}{x}" for x in labels], dtype="str")


def _unique_names(names, taken: set, kind: str) -> list:
    """The generator's names, except any that is, or contains, a client's name (then a plain numbered one)."""
    taken_list = sorted(taken, key=len)
    out, seen = [], set()
    for i, name in enumerate(names, start=1):
        candidate = name
        if candidate in seen or candidate in taken or any(t in candidate for t in taken_list):
            candidate = f"{kind} {i:05d}"
        seen.add(candidate)
        out.append(candidate)
    return out


def make_twin(fitted: TwinFit, *, seed=None) -> Company:
    """Draw a synthetic company with the client's shapes and none of its rows.

    Parameters
    ----------
    fitted : TwinFit
        From :func:`casekit.twin.fit`.
    seed : int or None, default=None
        Pass an int for reproducible output across multiple function calls.

    Returns
    -------
    Company
        The tables of a case (``customers``, ``products``, ``orders``, ``lines``,
        ``reps``, ``launches``), ids, names and amounts synthetic; ``params`` says
        it is a twin and of what size.

    Examples
    --------
    >>> from casekit import make_company
    >>> from casekit.twin import fit
    >>> twin = make_twin(fit(make_company(seed=5, n_customers=30, n_products=40, months=3)), seed=1)
    >>> len(twin.customers), twin.params["twin"]
    (30, True)
    """
    if not isinstance(fitted, TwinFit):
        raise TypeError(f"make_twin takes the TwinFit that casekit.twin.fit returns, not {type(fitted).__name__}.")
    rng = np.random.default_rng(seed)
    seed_int = int(rng.integers(2**31))
    check_int(fitted.months, "months", low=1, high=36)
    # Master data only: a thousandth of the orders, then replaced.
    base = make_company(era="precision", seed=seed_int, n_customers=fitted.n_customers, n_products=fitted.n_products,
                        n_reps=fitted.n_reps, months=fitted.months, lines_scale=1e-3)
    cust = _draw_customers(fitted, rng)
    prod = _draw_products(fitted, rng)
    launch_day = (base.products["launch_date"] - pd.Timestamp(base.params["start_date"])).dt.days
    launch_day = launch_day.fillna(-1).to_numpy()
    orders = _orders(cust, fitted, rng)
    lines = _lines(cust, prod, orders, launch_day, fitted, rng)
    _guard(lines, orders, fitted, rng)
    lines, orders = _credit_notes(lines, orders, fitted, rng)

    taken_ids, taken_names = fitted.client.get("ids", set()), fitted.client.get("names", set())
    customers = base.customers.copy()
    cust_ids = _rename(customers["customer_id"].cat.categories, taken_ids, "T")
    customers["customer_id"] = pd.Categorical.from_codes(np.arange(len(cust)), categories=cust_ids)
    names = _unique_names(customers["customer_name"], taken_names, "Account")
    customers["customer_name"] = pd.array(names, dtype="str")
    customers["channel_of_trade"] = pd.Categorical(cust["channel_of_trade"], categories=list(CHANNELS_OF_TRADE.index))
    customers["order_channel"] = pd.Categorical(cust["order_channel"], categories=ORDER_CHANNELS)
    customers["distance_km"] = cust["distance_km"].to_numpy()
    customers["payment_terms_days"] = cust["payment_terms_days"].to_numpy()
    weeks = fitted.months * 52 / 12
    customers["deliveries_per_week"] = np.round(
        np.bincount(orders["customer"][np.unique(orders["delivery"], return_index=True)[1]],
                    minlength=len(cust)) / weeks, 2)
    customers["sales_calls_per_year"] = cust["sales_calls_per_year"].to_numpy()

    products = base.products.copy()
    prod_ids = _rename(products["product_id"].cat.categories, taken_ids, "T")
    products["product_id"] = pd.Categorical.from_codes(np.arange(len(prod)), categories=prod_ids)
    products["product_name"] = pd.array(_unique_names(products["product_name"], taken_names, "Item"), dtype="str")
    products["pick_type"] = pd.Categorical(prod["pick_type"], categories=PICK_TYPES)
    for col in ("cogs_per_case", "days_of_supply"):
        products[col] = prod[col].to_numpy()
    products["list_price_per_case"] = prod["list_price"].to_numpy()

    n_o = len(orders["customer"])
    width = max(6, len(str(n_o)))
    order_ids = id_codes("O", n_o, width)
    start = pd.Timestamp(base.params["start_date"])
    orders_frame = pd.DataFrame({
        "order_id": order_ids,
        "customer_id": from_codes(orders["customer"], cust_ids),
        "order_date": (start + pd.to_timedelta(orders["day"], unit="D")).astype("datetime64[us]"),
        "order_channel": pd.Categorical(cust["order_channel"].to_numpy()[orders["customer"]],
                                        categories=ORDER_CHANNELS),
        "delivery_id": from_codes(orders["delivery"], id_labels("D", int(orders["delivery"].max()) + 1, width)),
        "rush": orders["rush"],
    })
    lines_frame = pd.DataFrame({
        "line_id": np.arange(1, len(lines["order"]) + 1, dtype=np.int64),
        "order_id": from_codes(lines["order"], order_ids),
        "product_id": from_codes(lines["product"], prod_ids),
        "cases": lines["cases"],
        "list_price": lines["list_price"],
        "on_invoice_discount": lines["discount"],
        "invoice_price": lines["invoice_price"],
        "off_invoice_allowance": lines["allowance"],
        "returned_cases": lines["returned"].astype(np.int64),
    })
    params = {**base.params, "company": "Twin (synthetic)", "twin": True, "seed": seed if isinstance(
        seed, (int, np.integer)) else None, "n_customers": fitted.n_customers, "n_products": fitted.n_products}
    params.pop("lines_scale", None)
    return dataclasses.replace(base, customers=customers, products=products, orders=orders_frame, lines=lines_frame,
                               params=params)
