"""The generator's assumptions: one table, each row with its source.

Every number that shapes the synthetic company lives in :data:`ERA_PARAMETERS`
(how behaviour differs between the Age of Mass Markets and the Age of
Precision Markets) or :data:`COMPANY_PARAMETERS` (what does not change with
the era).  ``../shared/design/calibration.md`` lists the published figures the
emergent results are tested against; these inputs are set so that those
results come out, and are *not* themselves the test targets.
"""

from __future__ import annotations

import pandas as pd

# (parameter, mass value, precision value, interpolation, meaning, source)
# "linear" interpolates a + e (b - a); "log" interpolates geometrically,
# for quantities such as order size that scale multiplicatively.
_ERA_ROWS = [
    ("price_dispersion", 0.0, 1.0, "linear",
     "weight on each account's negotiated discount and allowance terms "
     "(0 = one price list for everybody)",
     "Byrnes (2010): uniform prices in the mass era; Marn & Rosiello (1992) "
     "pocket-price bands in the precision era"),
    ("service_dispersion", 0.0, 1.0, "linear",
     "weight on each account's own order pattern and service demands "
     "(0 = 'drop it at the dock' for all)",
     "Byrnes (2010); Kaplan & Narayanan (2001) high vs low cost-to-serve "
     "profile"),
    ("niche_share", 0.0, 0.22, "linear",
     "share of an average account's lines that are niche (long-tail) SKUs",
     "Wilson & Perumal (2009): proliferation into every niche"),
    ("active_niche_skus", 0.0, 1.0, "linear",
     "share of the niche SKU catalogue that is on sale",
     "Wilson & Perumal (2009)"),
    ("rush_share", 0.0, 0.12, "linear",
     "average share of orders placed as rush orders",
     "assumption; Kaplan's profile lists rush delivery as a cost-to-serve "
     "driver"),
    ("return_rate", 0.012, 0.012, "linear",
     "average share of shipped cases returned unsaleable",
     "FMI/GMA unsaleables study: ~1.1 % of gross sales (credited at the invoice price, below list, so "
     "1.2 % of cases is about 1.1 % of gross sales)"),
    ("mean_terms_days", 30.0, 38.0, "linear",
     "average payment terms in days",
     "assumption: net 30 standard, large accounts negotiate longer terms"),
]

ERA_PARAMETERS = pd.DataFrame(
    _ERA_ROWS,
    columns=["parameter", "mass", "precision", "interpolation", "meaning", "source"],
).set_index("parameter")
"""Parameters that move with the era dial, mass (0) to precision (1)."""

# (parameter, value, unit, meaning, source)
_COMPANY_ROWS = [
    ("cases_per_customer_median", 2_400.0, "cases/year",
     "median annual volume of an account", "assumption (sized so the "
     "classroom case stays a few MB)"),
    ("cases_per_customer_sigma", 0.9, "log units",
     "dispersion of account size (lognormal)",
     "assumption giving ~20 % of accounts ~60 % of revenue and the smaller half ~10 %"),
    ("list_price_median", 32.0, "$/case", "median list price per case",
     "assumption for packaged food and household goods"),
    ("cogs_share_of_list", 0.49, "share", "cost of goods as a share of list "
     "price, over the core range weighted by what it sells (the catalogue is scaled to it exactly)",
     "calibrated to a brand's gross margin of 35-45 % of net sales (calibration.md: large US "
     "food and household brands report roughly 30-50 %)"),
    ("cogs_dispersion", 0.20, "log units",
     "spread of cost of goods across SKUs (lognormal)",
     "assumption: gross margins differ widely across a brand's SKUs (a sd of 0.2 puts most "
     "between 25 % and 50 % of net sales)"),
    ("on_invoice_discount", 0.07, "share of list",
     "average on-invoice discount: the mass era's price list and, volume-weighted, the precision era's "
     "negotiated discounts (the trade budget does not move with the era)",
     "Marn & Rosiello (1992); trade spend 15-20 % of gross sales (industry surveys)"),
    ("off_invoice_allowance", 0.10, "share of list",
     "average off-invoice allowance (promotions, rebates), in both eras as for on_invoice_discount",
     "trade spend 15-20 % of gross sales (industry surveys; Nielsen 2015)"),
    ("minor_launch_appeal", 1.8, "log units",
     "how much better a minor launch (flavour, pack, display) sells than the median niche SKU",
     "assumption: new variants get listings and promotion support the old tail lacks; calibrated to "
     "35-60 % of launches losing once complexity and sales time are counted (calibration.md)"),
    ("max_cases_per_order", 1_500.0, "cases/order",
     "largest order an account places: about one full truckload of cases",
     "assumption: a 53-ft trailer holds 20-26 pallets of 50-70 cases"),
    ("min_cases_per_order", 8.0, "cases/order",
     "smallest average order the smallest account places",
     "assumption: a corner store takes a few cases a drop; Byrnes (2010) and Kaplan & Narayanan (2001): "
     "small, frequent, manual drops make the small accounts that lose more than they earn"),
    ("large_min_cases_per_order", 200.0, "cases/order",
     "smallest average order of the largest account (linear in size rank from min_cases_per_order)",
     "assumption: a large account takes pallets; it bounds the cost of a drop per case, so an account "
     "in the top half by revenue loses at most about a quarter of its revenue (calibration.md)"),
    ("mass_order_cases", 300.0, "cases/order",
     "order size when every account buys by the truckload share",
     "Byrnes (2010): 'drop it at the dock'"),
    ("max_distance_km", 200.0, "km",
     "farthest account from the distribution centre",
     "assumption: beyond a few hours' drive an account is served from another centre"),
    ("sales_calls_per_1000_cases", 8.0, "calls/1000 cases",
     "mass-era call coverage, proportional to volume (a median account: a call every two to three weeks)",
     "assumption, calibrated to the mass era's operating profit of 8-15 % of net sales"),
    ("max_return_rate", 0.024, "share of cases",
     "most any account returns as unsaleable",
     "assumption; FMI/GMA unsaleables study: supermarkets 1.4 %, drug 2.0 % of gross sales "
     "(calibration.md: no account above 4 % of gross sales once handling is counted)"),
    ("cost_of_capital", 0.08, "per year", "cost of carrying receivables",
     "assumption (calibration.md: formula, no single source)"),
    # Precision-era behaviour.  Set so that the emergent shape matches
    # calibration.md's "A brand's P&L" and shape of profitability (trade
    # spend 15-20 % of gross sales, gross margin 35-45 % and operating profit
    # 8-15 % of net sales, cost to serve 10-18 % and logistics 6-10 %, 30-40 %
    # of accounts and products losing, a whale curve peaking at 150-300 %, a
    # large account losing at most 25 % of its revenue, Profit Drains losing
    # through service more than price, launches 35-60 % losing); the tests
    # (tests/test_calibration.py) check the shape, not these inputs.
    ("order_frequency_scale", 0.08, "multiplier",
     "scales each channel's preferred deliveries a week",
     "assumption, calibrated to logistics 6-10 % of net sales (Establish Davis 2014: 9.3 % of sales)"),
    ("frequency_dispersion", 1.6, "log units",
     "how far an account's wish for deliveries strays with its own demands",
     "assumption: an undemanding account takes a drop a week or less, a demanding one as many as its "
     "minimum order allows (Byrnes 2010: drains from many small, unmanaged service demands)"),
    ("small_account_frequency", 1.0, "multiplier",
     "how often the smallest account wants deliveries, relative to its channel's norm",
     "assumption: a small store has no back room and wants regular drops whatever its volume"),
    ("size_frequency_loading", 4.5, "multiplier",
     "how much more often than a small account the largest account wants deliveries",
     "assumption; Kaplan & Narayanan (2001): large customers demand frequent, just-in-time deliveries"),
    ("allowance_dispersion", 0.3, "log units",
     "spread of negotiated off-invoice allowances across accounts, beyond what channel, size and "
     "demands explain",
     "assumption; Marn & Rosiello (1992) pocket-price bands; kept narrow so that Profit Drains lose "
     "through service more than price (Byrnes: drains are rarely about price)"),
    ("discount_dispersion", 0.02, "share of list",
     "spread of negotiated on-invoice discounts across accounts, beyond channel, size and demands",
     "assumption; Marn & Rosiello (1992)"),
    ("discount_cap", 0.20, "share of list", "largest on-invoice discount any account negotiates",
     "assumption"),
    ("allowance_cap", 0.20, "share of list", "largest off-invoice allowance any account negotiates",
     "assumption"),
    ("demand_clip", 2.6, "log units",
     "most an account's traits (order frequency, rush, returns, calls) can stray from its channel's norm",
     "assumption: even the most demanding account's demands have limits"),
    ("small_account_demands", 3.5, "multiplier",
     "how strongly the smallest accounts' demanding nature turns into demands (rush, calls, returns)",
     "assumption; Byrnes (2010): Profit Deserts, small accounts served as if they were large"),
    ("sales_calls_scale", 7.0, "calls/year",
     "precision-era sales calls a year on a median-sized account of its channel, before its demands",
     "assumption, calibrated with call_dispersion to traced cost to serve 10-18 % of net sales"),
    ("call_size_elasticity", 0.4, "elasticity",
     "how sales calls grow with account size (cases a year relative to the median account)",
     "assumption: a rep covers a large account more often, but not in proportion to its volume"),
    ("call_dispersion", 1.2, "log units",
     "how far an account's sales calls stray with its own demands",
     "assumption; Byrnes (2010): drains absorb rep time out of proportion to what they buy"),
    ("max_calls_per_1000_cases", 24.0, "calls/1000 cases",
     "most calls a demanding account pulls for what it buys (about $4 of rep time a case at $180 a call)",
     "assumption: call coverage is planned by account value; it bounds, with large_min_cases_per_order, "
     "what a large account can lose (calibration.md: at most 25 % of its revenue)"),
    ("call_ceiling_floor", 50.0, "calls/year",
     "the ceiling for a small account: about a call a week whatever it buys",
     "assumption; Byrnes (2010): Profit Deserts served by reps as if they were large accounts"),
    ("max_sales_calls_per_year", 400.0, "calls/year",
     "most calls any account receives: not quite two a working day, about 40 % of a rep's year",
     "assumption: a field rep makes about four calls a day"),
    ("size_demand_shift", 1.0, "sd of the demanding factor",
     "how much more demanding the largest account is, on average, than the smallest",
     "assumption; Kaplan & Narayanan (2001): large customers demand frequent, just-in-time deliveries, "
     "special services and support; Byrnes & Wass: Profit Drains are ~30 % of customers, high revenue"),
    ("size_demand_pivot", 0.6, "size rank",
     "size rank at which an account is, on average, neither more nor less demanding than the norm",
     "assumption: below it most accounts take the standard service (Profit Deserts near break-even)"),
    ("demanding_account_loading", 10.0, "multiplier",
     "how strongly large accounts' buying power turns into demands (discounts, "
     "frequent drops, rush orders, returns)",
     "assumption; Kaplan & Narayanan (2001), Kanthal (largest customer least profitable)"),
]

COMPANY_PARAMETERS = pd.DataFrame(
    _COMPANY_ROWS, columns=["parameter", "value", "unit", "meaning", "source"]
).set_index("parameter")
"""Parameters of the fictional company that do not move with the era."""


def era_value(parameter: str, era: float) -> float:
    """Return an era parameter interpolated at ``era`` (0 = mass, 1 = precision).

    Parameters
    ----------
    parameter : str
        A row of :data:`ERA_PARAMETERS`.
    era : float
        Position of the era dial in [0, 1].

    Returns
    -------
    float
        The interpolated value.

    Examples
    --------
    >>> era_value("rush_share", 0.0)
    0.0
    >>> round(era_value("mean_terms_days", 0.5), 1)
    34.0
    """
    row = ERA_PARAMETERS.loc[parameter]
    a, b = float(row["mass"]), float(row["precision"])
    if row["interpolation"] == "log" and a > 0 and b > 0:
        return float(a ** (1 - era) * b**era)
    return float(a + era * (b - a))


def company_value(parameter: str) -> float:
    """Return a company parameter from :data:`COMPANY_PARAMETERS`.

    Examples
    --------
    >>> company_value("cost_of_capital")
    0.08
    """
    return float(COMPANY_PARAMETERS.loc[parameter, "value"])
