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
import pyarrow as pa
import pyarrow.compute as pc

from casekit.case.calibration import company_value, era_value

__all__ = ["Company", "make_company", "era_to_float", "CHANNELS_OF_TRADE"]

COMPANY_NAME = "Beacon Brands"
# How a demanding account's power loads on each trait: order frequency, lines
# per order, discount, allowance, sales calls, rush, returns, niche SKUs.
_DEMAND_WEIGHTS = np.array([1.0, 0.3, 0.05, 0.05, 0.6, 1.5, 1.2, 0.0])
START_DATE = pd.Timestamp("2025-01-01")

ORDER_CHANNELS = ["EDI", "portal", "phone/fax", "rep-taken"]
REGIONS = ["Northeast", "Southeast", "Midwest", "Southwest", "West"]
PICK_TYPES = ["full_pallet", "full_case", "split_case"]

# Channel-of-trade profiles: how each kind of account behaves in the
# precision era.  share: share of accounts; size: volume multiplier;
# p_*: order-channel mix; deliveries: deliveries a week wanted; lines: lines
# per order; rush/returns/niche/calls: multipliers on the era averages;
# discount/allowance: negotiated terms as shares of list price; terms: days.
# Assumptions informed by Kaplan & Narayanan (2001) and Byrnes (2010).
CHANNELS_OF_TRADE = pd.DataFrame(
    [
        # name,          share, size, EDI, portal, phone, rep, deliv, lines, rush, ret, niche, calls, disc,  allow, terms
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
_BRANDS = {
    "Crispin": "snacks", "Aurora": "beverages", "Morning Field": "breakfast",
    "BrightHome": "household", "Pure Petal": "personal care", "Tailwag": "pet care",
}
_VARIANTS = [
    "Original", "Classic", "Lite", "Zero", "Family", "Honey", "Sea Salt", "Citrus",
    "Berry", "Vanilla", "Spicy", "Organic", "Fresh", "Ultra", "Sensitive", "Mini",
    "Max", "Sport", "Kids", "Premium", "Value", "Herbal", "Mint", "Cocoa",
]
_PACKS = ["12 ct", "24 ct", "6 ct", "48 ct", "club pack", "display pack", "single", "variety pack"]


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


def _check_int(name: str, value, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer; got {value!r}.")
    if value < low or (high is not None and value > high):
        bound = f">= {low}" if high is None else f"between {low} and {high}"
        raise ValueError(f"{name}={value} must be {bound}.")
    return int(value)


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


def _labels(prefix: str, n: int, width: int) -> pd.Index:
    # Built in Arrow: a benchmark company has millions of order ids, and
    # Python strings cost seconds there.
    digits = pc.utf8_lpad(pc.cast(pa.array(np.arange(1, n + 1)), pa.string()), width=width, padding="0")
    return pd.Index(pc.binary_join_element_wise(prefix, digits, ""), dtype="str")


def _ids(prefix: str, n: int, width: int) -> pd.Categorical:
    return pd.Categorical.from_codes(np.arange(n), categories=_labels(prefix, n, width))


def _from_codes(codes: np.ndarray, categories) -> pd.Categorical:
    cats = categories.categories if isinstance(categories, pd.Categorical) else categories
    return pd.Categorical.from_codes(codes, categories=cats)


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
    ids = _ids("R", n_reps, 2)
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
    distance = np.clip(np.exp(rng.normal(np.log(90), 0.75, n_customers)), 5, 800).round(0)

    # Precision-era behaviour of each account.
    probs = prof[["p_EDI", "p_portal", "p_phone", "p_rep"]].to_numpy()
    idx = (u_channel[:, None] > np.cumsum(probs, axis=1)).sum(axis=1).clip(0, 3)
    prec_channel = np.array(ORDER_CHANNELS)[idx]
    size_rank = pd.Series(cases_year).rank(pct=True).to_numpy()
    # Large accounts have the buying power to make their demands stick.
    # Demands weigh mostly on service (frequent small drops, many lines, rush
    # orders, returns, calls), less on price: Byrnes finds Profit Drains are
    # "rarely about price" but about many small unmanaged cost-to-serve factors.
    power = (0.2 + company_value("demanding_account_loading") * size_rank)[:, None] * demanding[:, None]
    z = np.clip(power * _DEMAND_WEIGHTS[None, :] + 0.8 * z, -2.5, 2.5)
    prec_orders_week = company_value("order_frequency_scale") * prof["deliveries_per_week"].to_numpy() * np.exp(1.0 * z[:, 0] - 0.5) * (0.4 + 1.2 * size_rank)
    prec_lines = 0.7 * prof["lines_per_order"].to_numpy() * np.exp(0.35 * z[:, 1])
    prec_discount = np.clip(prof["discount"].to_numpy() * (0.35 + 0.65 * size_rank) + company_value("discount_dispersion") * z[:, 2], 0.0, company_value("discount_cap"))
    prec_allowance = np.clip(prof["allowance"].to_numpy() * np.exp(company_value("allowance_dispersion") * z[:, 3] + company_value("allowance_shift")), 0.0, company_value("allowance_cap"))
    prec_calls = 10 * prof["calls"].to_numpy() * np.exp(0.6 * z[:, 4]) * (0.15 + size_rank)
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
    # No account orders less than a case a line on average.
    n_orders = np.maximum(1, np.minimum(n_orders, cases_period / 10))
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
        "customer_id": _ids("C", n_customers, 4 if n_customers < 10_000 else 6),
        "customer_name": _unique_names(rng, channel) if n_customers <= 20_000
        else [f"Account {i}" for i in range(1, n_customers + 1)],
        "channel_of_trade": pd.Categorical(channel, categories=list(CHANNELS_OF_TRADE.index)),
        "region": pd.Categorical(region, categories=REGIONS),
        "rep_id": _from_codes(rep_of, reps["rep_id"].cat.categories),
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


def _make_products(rng, n_products, months, e):
    n_core = max(1, int(round(n_products * 0.4)))
    n_niche = n_products - n_core
    brands = np.array(list(_BRANDS))
    brand = rng.choice(brands, size=n_products)
    category = np.array([_BRANDS[b] for b in brand])
    variant = rng.choice(_VARIANTS, size=n_products)
    pack = rng.choice(_PACKS, size=n_products)
    list_price = np.round(company_value("list_price_median") * np.exp(rng.normal(0, 0.35, n_products)), 2)
    cogs = np.round(list_price * company_value("cogs_share_of_list") * np.exp(rng.normal(0, 0.08, n_products)), 2)
    is_niche = np.arange(n_products) >= n_core
    u_pick = rng.random(n_products)
    pick = np.where(is_niche, np.where(u_pick < 0.6, "split_case", "full_case"),
                    np.where(u_pick < 0.2, "full_pallet", "full_case"))
    cube = np.round(np.exp(rng.normal(np.log(1.2), 0.4, n_products)), 2)
    weight = np.round(cube * np.exp(rng.normal(np.log(6.0), 0.25, n_products)), 1)
    days_supply = np.round(np.where(is_niche, 55, 18) * np.exp(rng.normal(0, 0.3, n_products)), 0)
    rank_in_pool = np.where(is_niche, np.arange(n_products) - n_core, np.arange(n_products)) + 1.0
    popularity = np.where(is_niche, rank_in_pool ** -0.9, rank_in_pool ** -0.8)

    # Niche SKUs come on sale in a fixed order as the era dial moves, so a
    # given seed always adds the same ones.  Of the active ones, the later
    # part of the order is launched during the period (the innovation stream).
    n_active_niche = int(round(n_niche * era_value("active_niche_skus", e)))
    active = ~is_niche | (np.arange(n_products) < n_core + n_active_niche)
    niche_rank = np.arange(n_products) - n_core
    launched_in_period = is_niche & active & (niche_rank >= int(round(0.55 * n_active_niche)))
    days = (START_DATE + pd.DateOffset(months=months) - START_DATE).days
    # Launch calendar: a few major launches (a new line of several SKUs), many
    # minor ones (a flavour, a pack size, a display) spread over the period.
    launch_idx = np.flatnonzero(launched_in_period)
    launches_rows = []
    launch_id = np.full(n_products, -1)
    launch_day = np.full(n_products, -1, dtype=int)
    launch_size = np.array(["established"] * n_products, dtype=object)
    k = 0
    lid = 0
    minor_kinds = np.array(["flavour", "pack size", "display pack", "promotional pack", "limited edition"])
    while k < len(launch_idx):
        major = rng.random() < 0.12 and len(launch_idx) - k >= 4
        width = int(rng.integers(4, 8)) if major else 1
        members = launch_idx[k:k + width]
        day = int(rng.integers(0, days))
        b = brand[members[0]]
        brand[members] = b
        category[members] = _BRANDS[b]
        launch_id[members] = lid
        launch_day[members] = day
        launch_size[members] = "major" if major else "minor"
        launches_rows.append((lid, day, "major" if major else "minor",
                              "new product line" if major else str(rng.choice(minor_kinds)),
                              b, _BRANDS[b], len(members)))
        lid += 1
        k += width
    # A major launch is a new line meant to sell like a leading SKU; minor
    # launches (a flavour, a pack, a display) are small and vary widely.
    # Without this the new SKUs would simply be the least popular niche items.
    major = launch_size == "major"
    minor = launch_size == "minor"
    if is_niche.any():
        median_core = float(np.median(popularity[~is_niche]))
        median_niche = float(np.median(popularity[is_niche]))
        popularity[major] = median_core * np.exp(rng.normal(0.3, 0.4, int(major.sum())))
        popularity[minor] = median_niche * np.exp(rng.normal(0.5, 0.9, int(minor.sum())))
        pick[major] = "full_case"
        # New lines are designed for margin: a better cost of goods.
        cogs[major] = np.round(cogs[major] * 0.9, 2)
        days_supply[major] = np.round(days_supply[major] * 0.5)
    names = [f"{brand[i]} {variant[i]} {pack[i]}" for i in range(n_products)]
    product_ids = _ids("P", n_products, 4 if n_products < 10_000 else 6)
    launch_date = np.where(launch_day >= 0, START_DATE.to_datetime64() + launch_day.astype("timedelta64[D]"),
                           np.datetime64("NaT"))
    products = pd.DataFrame({
        "product_id": product_ids,
        "product_name": names,
        "brand": pd.Categorical(brand, categories=list(_BRANDS)),
        "category": pd.Categorical(category, categories=sorted(set(_BRANDS.values()))),
        "pick_type": pd.Categorical(pick, categories=PICK_TYPES),
        "cogs_per_case": cogs,
        "list_price_per_case": list_price,
        "cube_per_case": cube,
        "weight_kg_per_case": weight,
        "days_of_supply": days_supply.astype("int64"),
        "is_niche": is_niche,
        "launch_id": pd.array(np.where(launch_id >= 0, launch_id + 1, pd.NA), dtype="Int64"),
        "launch_date": pd.to_datetime(launch_date),
        "launch_size": pd.Categorical(launch_size, categories=["established", "minor", "major"]),
        "is_new": launch_day >= 0,
    })
    products = products.loc[active].reset_index(drop=True)
    products["product_id"] = products["product_id"].cat.remove_unused_categories()
    launches = pd.DataFrame(launches_rows, columns=["launch_id", "day", "launch_size", "kind",
                                                    "brand", "category", "n_skus"])
    launches["launch_id"] = launches["launch_id"] + 1
    launches["launch_date"] = START_DATE + pd.to_timedelta(launches["day"], unit="D")
    launches["month"] = launches["launch_date"].dt.to_period("M").astype(str)
    launches = launches.drop(columns="day")[["launch_id", "launch_date", "month", "launch_size",
                                             "kind", "brand", "category", "n_skus"]]
    launches = launches.sort_values(["launch_date", "launch_id"]).reset_index(drop=True)
    launches["launch_size"] = pd.Categorical(launches["launch_size"], categories=["minor", "major"])
    launches["kind"] = launches["kind"].astype(str)
    launches["month"] = launches["month"].astype(str)
    launches["brand"] = pd.Categorical(launches["brand"], categories=list(_BRANDS))
    launches["category"] = pd.Categorical(launches["category"], categories=sorted(set(_BRANDS.values())))
    pop = popularity[active]
    return products, launches, pop


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
    n_customers = _check_int("n_customers", n_customers, 1)
    n_products = _check_int("n_products", n_products, 3)
    n_reps = _check_int("n_reps", n_reps, 1)
    months = _check_int("months", months, 1, 36)
    if not (isinstance(lines_scale, Real) and lines_scale > 0):
        raise ValueError(f"lines_scale must be a positive number; got {lines_scale!r}.")
    rng = np.random.default_rng(seed)
    e_price = era_value("price_dispersion", e)
    e_service = era_value("service_dispersion", e)

    reps = _make_reps(n_reps)
    customers, beh = _make_customers(rng, n_customers, reps, months, e_price, e_service)
    products, launches, popularity = _make_products(rng, n_products, months, e)
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
        pick_major = major_idx[rng.choice(len(major_idx), size=n_l, p=popularity[major_idx] / popularity[major_idx].sum())]
        prod = np.where(want_major & (launch_day[pick_major] <= line_day), pick_major, prod)
    if len(niche_idx):
        niche_share = np.clip(era_value("niche_share", e) * beh["niche_prop"], 0, 0.7)
        want_niche = rng.random(n_l) < niche_share[c_of_line]
        pick_niche = niche_idx[rng.choice(len(niche_idx), size=n_l, p=popularity[niche_idx] / popularity[niche_idx].sum())]
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
    ret_p = np.clip(era_value("return_rate", e) * ((1 - e_service) + e_service * beh["returns_prop"]), 0, 0.3)
    returned = rng.binomial(cases, ret_p[c_of_line])

    order_ids = _ids("O", n_o, max(6, len(str(n_o))))
    # copy=False: consolidating millions of rows into blocks costs seconds
    # and buys nothing here.
    orders = pd.DataFrame({
        "order_id": order_ids,
        "customer_id": _from_codes(cust_of_order, customers["customer_id"].cat.categories),
        "order_date": START_DATE + pd.to_timedelta(day, unit="D"),
        "order_channel": pd.Categorical.from_codes(order_channel, categories=ORDER_CHANNELS),
        "delivery_id": _from_codes(delivery_code, _labels("D", int(delivery_code.max()) + 1, max(6, len(str(n_o))))),
        "rush": rush,
    }, copy=False)
    lines = pd.DataFrame({
        "line_id": np.arange(1, n_l + 1, dtype=np.int64),
        "order_id": _from_codes(order_of_line, order_ids),
        "product_id": _from_codes(prod, products["product_id"].cat.categories),
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
