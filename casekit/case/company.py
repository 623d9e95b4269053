"""The synthetic consumer-products company (the classroom case).

One fictional company, Beacon Brands, sells packaged food and household goods
to retailers, distributors and online sellers.  :func:`make_company` draws it
for any position of the era dial: at 0 (the Age of Mass Markets) every account
buys from one price list in large regular orders; at 1 (the Age of Precision
Markets) each account has its own prices, order pattern and service demands,
and the catalogue has spread into niche SKUs.  The accounts, their sizes and
their geography are the same at every era for a given seed: only behaviour
moves with the dial.
"""

from __future__ import annotations

import dataclasses
from numbers import Real

import numpy as np
import pandas as pd

from casekit.case.calibration import company_value, era_value
from casekit.case.catalogue import START_DATE, make_products
from casekit.case.keys import from_codes, id_codes, id_labels
from casekit.validation import check_int, check_real

__all__ = ["Company", "make_company", "era_to_float", "CHANNELS_OF_TRADE"]

COMPANY_NAME = "Beacon Brands"
# How a demanding account's power loads on each trait: order frequency, lines
# per order, discount, allowance, sales calls, rush, returns, niche SKUs.
# Service weighs most (rush 1.5, returns 1.2, drops 1.0, calls 0.6); an account that
# demands service also bargains somewhat harder (0.3), which is why a Profit
# Drain's excess service cost usually exceeds its excess price concession.
_DEMAND_WEIGHTS = np.array([1.0, 0.3, 0.3, 0.3, 0.6, 1.5, 1.2, 0.0])

ORDER_CHANNELS = ["EDI", "portal", "phone/fax", "rep-taken"]
REGIONS = ["Northeast", "Southeast", "Midwest", "Southwest", "West"]

# Channel-of-trade profiles: how each kind of account behaves in the
# precision era.  share: share of accounts; size: volume multiplier;
# p_*: order-channel mix; deliveries: deliveries a week wanted; lines: lines
# per order; rush/returns/niche/calls: multipliers on the era averages;
# discount/allowance: negotiated terms as shares of list price; terms: days.
# Assumptions informed by Kaplan & Narayanan (2001) and Byrnes (2010).
CHANNELS_OF_TRADE = pd.DataFrame(
    [
        # name,         share, size, EDI, portal, phone, rep, deliv, lines, rush, ret, niche, calls, disc, allow, terms
        ("grocery",       0.26, 1.6, 0.65, 0.10, 0.20, 0.05, 1.0, 10, 1.0, 1.2, 1.0, 1.0, 0.055, 0.07, 30),
        ("mass merchant", 0.05, 6.0, 0.95, 0.05, 0.00, 0.00, 2.0, 15, 1.3, 1.0, 0.8, 1.5, 0.08, 0.10, 60),
        ("club",          0.04, 5.0, 0.90, 0.10, 0.00, 0.00, 0.5, 5, 0.5, 0.6, 0.3, 0.8, 0.09, 0.05, 45),
        ("drug",          0.13, 0.7, 0.20, 0.30, 0.30, 0.20, 0.5, 8, 1.2, 2.0, 1.2, 1.0, 0.05, 0.06, 30),
        ("convenience",   0.22, 0.25, 0.00, 0.15, 0.40, 0.45, 0.5, 6, 1.0, 1.3, 0.8, 1.6, 0.03, 0.04, 15),
        ("distributor",   0.16, 1.8, 0.55, 0.35, 0.10, 0.00, 0.3, 14, 0.6, 0.5, 1.0, 0.6, 0.08, 0.045, 30),
        ("e-commerce",    0.14, 0.6, 0.30, 0.60, 0.10, 0.00, 2.0, 3, 2.5, 2.5, 2.2, 0.4, 0.06, 0.06, 30),
    ],
    columns=["channel_of_trade", "share", "size", "p_EDI", "p_portal", "p_phone",
             "p_rep", "deliveries_per_week", "lines_per_order", "rush", "returns",
             "niche", "calls", "discount", "allowance", "terms_days"],
).set_index("channel_of_trade")

_NAME_PREFIX = [
    "Harbor", "Summit", "Prairie", "Maple", "Cedar", "Lakeside", "Granite",
    "Riverside", "Sunrise", "Bayview", "Orchard", "Pioneer", "Meadow", "Northgate",
    "Redwood", "Silverline", "Clearwater", "Hillcrest", "Oakridge", "Westfield",
    "Brightway", "Copperfield", "Evergreen", "Foxglove", "Goldcrest", "Highland",
    "Ironwood", "Juniper", "Kingsbury", "Larkspur", "Millbrook", "Nobleton",
]
_NAME_SUFFIX = {
    "grocery": ["Markets", "Foods", "Grocers", "Fresh Market"],
    "mass merchant": ["Stores", "Superstores", "Mart"],
    "club": ["Wholesale Club", "Warehouse Club"],
    "drug": ["Pharmacy", "Drug", "Health & Pharmacy"],
    "convenience": ["Quick Stop", "Corner Store", "Fuel & Go"],
    "distributor": ["Distributors", "Supply Co.", "Wholesale"],
    "e-commerce": ["Online", "Direct", "Delivered"],
}


@dataclasses.dataclass(frozen=True)
class Company:
    """A company's master data and a period of its invoice lines.

    Every table is a tidy :class:`pandas.DataFrame` with the keys
    ``customer_id``, ``product_id``, ``order_id``, ``delivery_id`` and
    ``rep_id`` wherever they apply.  :data:`casekit.DATA_DICTIONARY` documents
    every column.

    Attributes
    ----------
    customers, products, orders, lines, reps, launches : pandas.DataFrame
        The tables of the case.
    params : dict
        How the company was made (era, seed, sizes, generator version).

    Examples
    --------
    >>> from casekit import make_company
    >>> co = make_company(seed=2, n_customers=20, n_products=30)
    >>> list(co.tables())
    ['customers', 'products', 'orders', 'lines', 'reps', 'launches']
    >>> co.params["seed"], co.params["n_customers"]
    (2, 20)
    """

    customers: pd.DataFrame
    products: pd.DataFrame
    orders: pd.DataFrame
    lines: pd.DataFrame
    reps: pd.DataFrame
    launches: pd.DataFrame
    params: dict = dataclasses.field(default_factory=dict)

    TABLES = ("customers", "products", "orders", "lines", "reps", "launches")

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the tables by name, in a fixed order."""
        return {name: getattr(self, name) for name in self.TABLES}

    def __repr__(self) -> str:
        era = self.params.get("era")
        era_txt = f"era={era:.2f}, " if isinstance(era, float) else ""
        return (
            f"Company({era_txt}{len(self.customers)} customers, "
            f"{len(self.products)} products, {len(self.orders)} orders, "
            f"{len(self.lines)} lines)"
        )


def era_to_float(era) -> float:
    """Turn an era dial setting into a number in [0, 1].

    Parameters
    ----------
    era : {"mass", "precision"} or float
        ``"mass"`` is 0 (the Age of Mass Markets), ``"precision"`` is 1 (the
        Age of Precision Markets); numbers in between mix the two.

    Returns
    -------
    float

    Examples
    --------
    >>> era_to_float("mass"), era_to_float("precision"), era_to_float(0.25)
    (0.0, 1.0, 0.25)
    """
    if isinstance(era, str):
        aliases = {"mass": 0.0, "precision": 1.0}
        key = era.strip().lower()
        if key not in aliases:
            raise ValueError(
                f"era={era!r} is not known; use 'mass', 'precision' or a number "
                "between 0 (mass) and 1 (precision)."
            )
        return aliases[key]
    if isinstance(era, bool) or not isinstance(era, Real):
        raise TypeError(f"era must be 'mass', 'precision' or a number in [0, 1]; got {type(era).__name__}.")
    value = float(era)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"era={value} is outside [0, 1]: 0 is the mass era, 1 the precision era.")
    return value


def _unique_inverse(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Same result as ``np.unique(key, return_inverse=True)``, faster here.

    The keys arrive almost sorted (orders in sequence), and a stable sort
    (timsort) runs through such data in close to linear time.
    """
    perm = np.argsort(key, kind="stable")
    ordered = key[perm]
    new = np.empty(len(key), dtype=bool)
    new[:1] = True
    new[1:] = ordered[1:] != ordered[:-1]
    uniq = ordered[new]
    inv = np.empty(len(key), dtype=np.intp)
    inv[perm] = np.cumsum(new) - 1
    return uniq, inv


def _stratified_normal(rng: np.random.Generator, n: int) -> np.ndarray:
    from statistics import NormalDist

    q = (np.arange(n) + 0.5) / n
    values = np.array([NormalDist().inv_cdf(x) for x in q]) if n <= 5000 else _probit(q)
    return rng.permutation(values)


def _probit(q: np.ndarray) -> np.ndarray:
    # Interpolated on a fine grid of exact quantiles: vectorised for large
    # benchmark companies (the classroom case uses the exact quantiles).
    from statistics import NormalDist

    nd = NormalDist()
    grid = np.linspace(0, 1, 20001)[1:-1]
    return np.interp(q, grid, [nd.inv_cdf(x) for x in grid])



def _returned_cases(rng, cases, c_of_line, beh, e_service, rate):
    """Cases returned on each line: every account returns its own share of what it bought.

    An account's share is the era's average ``rate`` scaled by its returns
    propensity (normalised so the case-weighted average stays ``rate``) and
    capped at ``max_return_rate``.  Its returned cases are spread over its
    lines by systematic sampling (one case every 1 / share cases, from a
    random start), so an account returns its share to within one case: a
    small account is not pushed to 10 % returns by the luck of a draw.
    """
    n_customers = len(beh["cases_period"])
    bought = np.bincount(c_of_line, weights=cases, minlength=n_customers)
    prop = beh["returns_prop"]
    mean_prop = float(np.average(prop, weights=bought)) if bought.sum() > 0 else 1.0
    share = rate * ((1 - e_service) + e_service * prop / mean_prop)
    share = np.clip(share, 0.0, company_value("max_return_rate"))
    start = rng.random(n_customers)
    # Cumulative cases of each account, line by line in line order.
    order = np.argsort(c_of_line, kind="stable")
    cum = np.cumsum(cases[order])
    group_start = np.r_[0, np.flatnonzero(np.diff(c_of_line[order])) + 1]
    offset = np.repeat(cum[group_start] - cases[order][group_start],
                       np.diff(np.r_[group_start, len(order)]))
    upto = cum - offset
    c = c_of_line[order]
    hits = np.floor(upto * share[c] + start[c]) - np.floor((upto - cases[order]) * share[c] + start[c])
    returned = np.empty(len(cases), dtype=np.int64)
    returned[order] = hits.astype(np.int64)
    return np.minimum(returned, cases)


def _unique_names(rng: np.random.Generator, channels: np.ndarray) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for ch in channels:
        base = f"{_NAME_PREFIX[rng.integers(len(_NAME_PREFIX))]} {rng.choice(_NAME_SUFFIX[ch])}"
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base} {seen[base]}")
    return names


def _make_reps(n_reps: int) -> pd.DataFrame:
    first = ["Ana", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Iris",
             "Jamal", "Kenji", "Lena", "Marco", "Nadia", "Omar", "Priya", "Quinn",
             "Rosa", "Sam", "Tara", "Umar", "Vera", "Wes", "Yara", "Zoe"]
    last = ["Alvarez", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Gupta", "Hale",
            "Ito", "Jensen", "Kowalski", "Lopez", "Moreau", "Nguyen", "Okafor",
            "Patel", "Quist", "Reyes", "Silva", "Tanaka", "Uddin", "Varga", "Weiss"]
    ids = id_codes("R", n_reps, 2)
    return pd.DataFrame({
        "rep_id": ids,
        "rep_name": [f"{first[i % len(first)]} {last[(i * 7) % len(last)]}" for i in range(n_reps)],
        "region": pd.Categorical([REGIONS[i % len(REGIONS)] for i in range(n_reps)], categories=REGIONS),
    })


def _make_customers(rng, n_customers, reps, months, e_price, e_service):
    ch = CHANNELS_OF_TRADE
    channel = rng.choice(ch.index.to_numpy(), size=n_customers, p=ch["share"].to_numpy() / ch["share"].sum())
    prof = ch.loc[channel]
    region = rng.choice(REGIONS, size=n_customers, p=[0.22, 0.2, 0.22, 0.16, 0.2])
    # Account size: the same at every era; Pareto-like through a lognormal.
    # Stratified draws (a shuffled set of evenly spaced normal quantiles) keep
    # the size distribution, and so the calibration, the same for every seed.
    size = np.exp(company_value("cases_per_customer_sigma") * _stratified_normal(rng, n_customers))
    cases_year = company_value("cases_per_customer_median") * prof["size"].to_numpy() * size
    cases_year = np.maximum(cases_year, 60.0)
    cases_period = cases_year * months / 12
    # Latent traits, drawn once so every era tells the same story.
    z = rng.normal(size=(n_customers, 8))
    # A shared 'demanding account' factor: accounts that negotiate hard also
    # tend to want frequent drops, rush orders and generous returns.
    demanding = _stratified_normal(rng, n_customers)
    u_channel = rng.random(n_customers)
    u_switch = rng.random(n_customers)
    distance = np.clip(np.exp(rng.normal(np.log(90), 0.75, n_customers)), 5, company_value("max_distance_km")).round(0)

    # Precision-era behaviour of each account.
    probs = prof[["p_EDI", "p_portal", "p_phone", "p_rep"]].to_numpy()
    idx = (u_channel[:, None] > np.cumsum(probs, axis=1)).sum(axis=1).clip(0, 3)
    prec_channel = np.array(ORDER_CHANNELS)[idx]
    size_rank = pd.Series(cases_year).rank(pct=True).to_numpy()
    # Large accounts have the buying power to make their demands stick, and
    # more of them make demands: the factor shifts up with size rank (Kaplan &
    # Narayanan 2001), so most small accounts take the standard service and a
    # few demanding ones cost far more than they buy.  Demands weigh mostly on
    # service (frequent small drops, many lines, rush orders, returns, calls),
    # less on price: Byrnes finds Profit Drains are "rarely about price" but
    # about many small unmanaged cost-to-serve factors.
    shift = company_value("size_demand_shift") * (size_rank - company_value("size_demand_pivot"))
    power = ((company_value("small_account_demands") + company_value("demanding_account_loading") * size_rank)
             * (demanding + shift))[:, None]
    clip = company_value("demand_clip")
    z = np.clip(power * _DEMAND_WEIGHTS[None, :] + 0.8 * z, -clip, clip)
    prec_orders_week = (company_value("order_frequency_scale") * prof["deliveries_per_week"].to_numpy()
                        * np.exp(company_value("frequency_dispersion") * z[:, 0] - 0.5)
                        * (company_value("small_account_frequency")
                           + company_value("size_frequency_loading") * size_rank))
    prec_lines = 0.7 * prof["lines_per_order"].to_numpy() * np.exp(0.35 * z[:, 1])
    prec_discount = np.clip(prof["discount"].to_numpy() * (0.35 + 0.65 * size_rank)
                            + company_value("discount_dispersion") * z[:, 2], 0.0, company_value("discount_cap"))
    prec_allowance = prof["allowance"].to_numpy() * np.exp(company_value("allowance_dispersion") * z[:, 3])
    # The trade budget is a company decision (a share of gross sales);
    # negotiation only decides who gets it.  Scaling each account's terms so
    # the volume-weighted average is the mass era's single price list keeps
    # trade spend the same at every era and every seed.
    prec_discount = np.clip(prec_discount * company_value("on_invoice_discount")
                            / np.average(prec_discount, weights=cases_year), 0.0, company_value("discount_cap"))
    prec_allowance = np.clip(prec_allowance * company_value("off_invoice_allowance")
                             / np.average(prec_allowance, weights=cases_year), 0.0, company_value("allowance_cap"))
    # Sales calls grow less than in proportion to size, and a demanding
    # account pulls more; coverage has a ceiling per case bought (at least a
    # call a week for a small account) and one rep's time at most.
    prec_calls = (company_value("sales_calls_scale") * prof["calls"].to_numpy()
                  * np.exp(company_value("call_dispersion") * z[:, 4])
                  * (cases_year / company_value("cases_per_customer_median")) ** company_value("call_size_elasticity"))
    call_ceiling = np.clip(company_value("max_calls_per_1000_cases") * cases_year / 1000,
                           company_value("call_ceiling_floor"), company_value("max_sales_calls_per_year"))
    prec_calls = np.minimum(prec_calls, call_ceiling)
    rush_prop = prof["rush"].to_numpy() * np.exp(0.8 * z[:, 5])
    returns_prop = prof["returns"].to_numpy() * np.exp(0.6 * z[:, 6])
    niche_prop = prof["niche"].to_numpy() * np.exp(0.5 * z[:, 7])
    terms_choices = np.array([15, 30, 45, 60, 90])
    prec_terms = np.where(
        size_rank > 0.9, np.maximum(prof["terms_days"].to_numpy(), 60),
        prof["terms_days"].to_numpy(),
    ).astype(float)

    # Mass-era behaviour: one price list, truckload-share orders, calls by volume.
    weeks = months * 52 / 12
    mass_orders = np.clip(cases_period / company_value("mass_order_cases"), 1, weeks / 2)
    mass_calls = np.maximum(cases_year * company_value("sales_calls_per_1000_cases") / 1000, 2)

    s = e_service
    prec_orders = np.clip(prec_orders_week * weeks, 1, None)
    n_orders = np.exp((1 - s) * np.log(mass_orders) + s * np.log(prec_orders))
    # No account places orders smaller than its minimum on average: a few
    # cases for the smallest account, pallets for the largest.
    min_order = company_value("min_cases_per_order") + size_rank * (
        company_value("large_min_cases_per_order") - company_value("min_cases_per_order"))
    n_orders = np.maximum(1, np.minimum(n_orders, cases_period / min_order))
    # ...and none orders more than a truckload at a time.
    n_orders = np.maximum(n_orders, np.ceil(cases_period / company_value("max_cases_per_order")))
    n_orders = n_orders.round().astype(int)
    lines_per_order = np.exp((1 - s) * np.log(3.0) + s * np.log(prec_lines))
    calls = np.exp((1 - s) * np.log(mass_calls) + s * np.log(prec_calls)).round(0)
    order_channel = np.where(u_switch < s, prec_channel, "phone/fax")
    discount = (1 - e_price) * company_value("on_invoice_discount") + e_price * prec_discount
    allowance = (1 - e_price) * company_value("off_invoice_allowance") + e_price * prec_allowance
    terms = terms_choices[np.abs(
        (30 + e_price * (prec_terms - 30))[:, None] - terms_choices[None, :]
    ).argmin(axis=1)]

    rep_region = reps["region"].astype(str).to_numpy()
    rep_of = np.empty(n_customers, dtype=int)
    for r in REGIONS:
        mine = np.flatnonzero(region == r)
        pool = np.flatnonzero(rep_region == r)
        if len(pool) == 0:
            pool = np.arange(len(reps))
        rep_of[mine] = pool[rng.integers(len(pool), size=len(mine))]

    customers = pd.DataFrame({
        "customer_id": id_codes("C", n_customers, 4 if n_customers < 10_000 else 6),
        "customer_name": _unique_names(rng, channel) if n_customers <= 20_000
        else [f"Account {i}" for i in range(1, n_customers + 1)],
        "channel_of_trade": pd.Categorical(channel, categories=list(CHANNELS_OF_TRADE.index)),
        "region": pd.Categorical(region, categories=REGIONS),
        "rep_id": from_codes(rep_of, reps["rep_id"].cat.categories),
        "order_channel": pd.Categorical(order_channel, categories=ORDER_CHANNELS),
        "distance_km": distance,
        "payment_terms_days": terms.astype("int64"),
        "deliveries_per_week": (n_orders / weeks).round(2),
        "sales_calls_per_year": (calls * 12 / months).round(0).astype("int64"),
        "on_invoice_discount_rate": discount.round(4),
        "allowance_rate": allowance.round(4),
    })
    behaviour = {
        "n_orders": n_orders,
        "lines_per_order": lines_per_order,
        "cases_period": cases_period,
        "rush_prop": rush_prop,
        "returns_prop": returns_prop,
        "niche_prop": niche_prop,
        "calls_period": calls,
    }
    return customers, behaviour


def make_company(
    *,
    era="precision",
    seed=None,
    n_customers: int = 250,
    n_products: int = 300,
    n_reps: int = 15,
    months: int = 12,
    lines_scale: float = 1.0,
) -> Company:
    """Generate the synthetic company for one position of the era dial.

    Parameters
    ----------
    era : {"mass", "precision"} or float, default="precision"
        Position of the era dial: 0 or ``"mass"`` is the Age of Mass Markets
        (one price list, large regular orders, a narrow catalogue); 1 or
        ``"precision"`` is the Age of Precision Markets (negotiated prices,
        account-specific order patterns and services, niche SKUs).
    seed : int, numpy.random.Generator or None, default=None
        Pass an int for reproducible output across multiple function calls.
    n_customers : int, default=300
        Number of accounts.
    n_products : int, default=300
        Size of the full catalogue (core plus niche SKUs); in the mass era
        only the core 40 % is on sale.
    n_reps : int, default=15
        Number of sales reps, spread over five regions.
    months : int, default=12
        Length of the period of invoice lines.
    lines_scale : float, default=1.0
        Multiplies the number of orders per account (for benchmarks).

    Returns
    -------
    Company
        Tables ``customers``, ``products``, ``orders``, ``lines``, ``reps``,
        ``launches`` (see :data:`casekit.DATA_DICTIONARY`).

    See Also
    --------
    load_case : the shipped classroom case, already generated.
    cost_to_serve : trace costs to every invoice line.

    Examples
    --------
    >>> from casekit import make_company
    >>> co = make_company(era="precision", seed=7, n_customers=40, n_products=60)
    >>> len(co.customers)
    40
    >>> co.lines.columns[:4].tolist()
    ['line_id', 'order_id', 'product_id', 'cases']
    """
    e = era_to_float(era)
    n_customers = check_int(n_customers, "n_customers", low=1)
    n_products = check_int(n_products, "n_products", low=3)
    n_reps = check_int(n_reps, "n_reps", low=1)
    months = check_int(months, "months", low=1, high=36)
    check_real(lines_scale, "lines_scale", low=0, strict_low=True, what="a positive number")
    rng = np.random.default_rng(seed)
    e_price = era_value("price_dispersion", e)
    e_service = era_value("service_dispersion", e)

    reps = _make_reps(n_reps)
    customers, beh = _make_customers(rng, n_customers, reps, months, e_price, e_service)
    products, launches, popularity = make_products(rng, n_products, months, e)
    period_days = (START_DATE + pd.DateOffset(months=months) - START_DATE).days

    # Orders: evenly spaced through the period with jitter.
    n_orders = np.maximum(1, np.round(beh["n_orders"] * lines_scale)).astype(np.int64)
    cust_of_order = np.repeat(np.arange(n_customers), n_orders)
    k = np.arange(len(cust_of_order)) - np.repeat(np.cumsum(n_orders) - n_orders, n_orders)
    jitter = rng.random(len(cust_of_order))
    day = np.floor((k + jitter) / n_orders[cust_of_order] * period_days).astype(np.int64)
    rush_p = np.clip(era_value("rush_share", e) * beh["rush_prop"], 0, 0.6)
    rush = rng.random(len(cust_of_order)) < rush_p[cust_of_order]
    cust_channel = customers["order_channel"].cat.codes.to_numpy()[cust_of_order]
    # Rush orders come in by phone unless the account's rep takes its orders.
    order_channel = np.where(rush & (cust_channel != 3), 2, cust_channel)
    n_o = len(cust_of_order)

    # Deliveries: an account's regular orders on the same day travel together;
    # a rush order gets its own drop.
    dkey = np.where(rush, -1 - np.arange(n_o), cust_of_order * (period_days + 1) + day)
    _, delivery_code = np.unique(dkey, return_inverse=True)
    # Renumber deliveries in order of first appearance so ids follow dates.
    first = np.full(delivery_code.max() + 1, n_o)
    np.minimum.at(first, delivery_code, np.arange(n_o))
    rank = np.empty_like(first)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    delivery_code = rank[delivery_code]

    # Lines per order and cases per line.
    lam = np.maximum(beh["lines_per_order"][cust_of_order] - 1, 0)
    n_lines = 1 + rng.poisson(lam)
    cases_per_order = beh["cases_period"][cust_of_order] / n_orders[cust_of_order]
    n_lines = np.minimum(n_lines, np.maximum(1, np.floor(cases_per_order))).astype(np.int64)
    order_of_line = np.repeat(np.arange(n_o), n_lines)
    c_of_line = cust_of_order[order_of_line]
    n_l = len(order_of_line)
    mean_cases = (cases_per_order / n_lines)[order_of_line]
    cases = np.maximum(1, np.round(mean_cases * np.exp(rng.normal(-0.18, 0.6, n_l)))).astype(np.int64)

    # Products: core by popularity; a major launch competes with the core
    # range once it is on sale (it is meant to sell broadly); niche SKUs are
    # drawn for the account's niche share of lines, once launched.
    is_niche = products["is_niche"].to_numpy()
    is_major = (products["launch_size"] == "major").to_numpy()
    launch_day = (products["launch_date"] - START_DATE).dt.days.fillna(-1).to_numpy()
    line_day = day[order_of_line]
    core_idx = np.flatnonzero(~is_niche)
    niche_idx = np.flatnonzero(is_niche & ~is_major)
    major_idx = np.flatnonzero(is_major)
    pick_core = core_idx[rng.choice(len(core_idx), size=n_l, p=popularity[core_idx] / popularity[core_idx].sum())]
    prod = pick_core
    if len(major_idx):
        major_share = popularity[major_idx].sum() / (popularity[major_idx].sum() + popularity[core_idx].sum())
        want_major = rng.random(n_l) < major_share
        major_p = popularity[major_idx] / popularity[major_idx].sum()
        pick_major = major_idx[rng.choice(len(major_idx), size=n_l, p=major_p)]
        prod = np.where(want_major & (launch_day[pick_major] <= line_day), pick_major, prod)
    if len(niche_idx):
        niche_share = np.clip(era_value("niche_share", e) * beh["niche_prop"], 0, 0.7)
        want_niche = rng.random(n_l) < niche_share[c_of_line]
        niche_p = popularity[niche_idx] / popularity[niche_idx].sum()
        pick_niche = niche_idx[rng.choice(len(niche_idx), size=n_l, p=niche_p)]
        prod = np.where(want_niche & (launch_day[pick_niche] <= line_day), pick_niche, prod)
    # One line per product in an order: merge repeats.
    key = order_of_line.astype(np.int64) * len(products) + prod
    uniq, inv = _unique_inverse(key)
    cases = np.bincount(inv, weights=cases).astype(np.int64)
    order_of_line = (uniq // len(products)).astype(np.int64)
    prod = (uniq % len(products)).astype(np.int64)
    c_of_line = cust_of_order[order_of_line]
    n_l = len(order_of_line)

    # Prices: list, on-invoice discount, off-invoice allowance per case.
    list_price = products["list_price_per_case"].to_numpy()[prod]
    disc_rate = customers["on_invoice_discount_rate"].to_numpy()[c_of_line]
    disc_rate = np.clip(disc_rate + e_price * rng.normal(0, 0.012, n_l), 0, 0.5)
    discount = np.round(list_price * disc_rate, 2)
    invoice_price = np.round(list_price - discount, 2)
    allow_rate = customers["allowance_rate"].to_numpy()[c_of_line]
    is_new = products["is_new"].to_numpy()[prod]
    allow_rate = allow_rate * np.exp(e_price * rng.normal(0, 0.3, n_l)) + np.where(is_new, 0.02, 0.0)
    allowance = np.round(list_price * np.clip(allow_rate, 0, 0.6), 2)
    returned = _returned_cases(rng, cases, c_of_line, beh, e_service, era_value("return_rate", e))

    order_ids = id_codes("O", n_o, max(6, len(str(n_o))))
    # copy=False: consolidating millions of rows into blocks costs seconds
    # and buys nothing here.
    orders = pd.DataFrame({
        "order_id": order_ids,
        "customer_id": from_codes(cust_of_order, customers["customer_id"].cat.categories),
        "order_date": START_DATE + pd.to_timedelta(day, unit="D"),
        "order_channel": pd.Categorical.from_codes(order_channel, categories=ORDER_CHANNELS),
        "delivery_id": from_codes(delivery_code, id_labels("D", int(delivery_code.max()) + 1, max(6, len(str(n_o))))),
        "rush": rush,
    }, copy=False)
    lines = pd.DataFrame({
        "line_id": np.arange(1, n_l + 1, dtype=np.int64),
        "order_id": from_codes(order_of_line, order_ids),
        "product_id": from_codes(prod, products["product_id"].cat.categories),
        "cases": cases,
        "list_price": list_price,
        "on_invoice_discount": discount,
        "invoice_price": invoice_price,
        "off_invoice_allowance": allowance,
        "returned_cases": returned.astype(np.int64),
    }, copy=False)
    customers = customers.drop(columns=["on_invoice_discount_rate", "allowance_rate"])
    customers["sales_calls_per_year"] = (beh["calls_period"] * 12 / months).round(0).astype("int64")
    params = {
        "company": COMPANY_NAME, "era": e, "seed": seed if isinstance(seed, (int, np.integer)) else None,
        "n_customers": n_customers, "n_products": n_products, "n_reps": n_reps,
        "months": months, "lines_scale": float(lines_scale), "start_date": str(START_DATE.date()),
    }
    return Company(customers=customers, products=products, orders=orders, lines=lines,
                   reps=reps, launches=launches, params=params)
