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
    ("return_rate", 0.011, 0.011, "linear",
     "average share of shipped cases returned unsaleable",
     "FMI/GMA unsaleables study: ~1.1 % of gross sales"),
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
    ("cogs_share_of_list", 0.50, "share", "cost of goods as a share of list "
     "price", "calibrated to a brand's gross margin of 35-45 % of net sales (calibration.md: large US "
     "food and household brands report roughly 30-50 %)"),
    ("cogs_dispersion", 0.20, "log units",
     "spread of cost of goods across SKUs (lognormal)",
     "assumption: gross margins differ widely across a brand's SKUs (a sd of 0.2 puts most "
     "between 25 % and 50 % of net sales)"),
    ("on_invoice_discount", 0.07, "share of list",
     "average on-invoice discount", "Marn & Rosiello (1992); trade spend "
     "15-20 % of gross sales (industry surveys)"),
    ("off_invoice_allowance", 0.10, "share of list",
     "average off-invoice allowance (promotions, rebates)",
     "trade spend 15-20 % of gross sales (industry surveys; Nielsen 2015)"),
    ("minor_launch_appeal", 1.2, "log units",
     "how much better a minor launch (flavour, pack, display) sells than the median niche SKU",
     "assumption: new variants get listings and promotion support the old tail lacks"),
    ("max_cases_per_order", 1_500.0, "cases/order",
     "largest order an account places: about one full truckload of cases",
     "assumption: a 53-ft trailer holds 20-26 pallets of 50-70 cases"),
    ("min_cases_per_order", 60.0, "cases/order",
     "smallest average order an account places",
     "assumption: a manufacturer's minimum order of about a pallet; it also bounds the cost of a "
     "drop per case, so a large account loses at most a few tenths of its revenue"),
    ("mass_order_cases", 300.0, "cases/order",
     "order size when every account buys by the truckload share",
     "Byrnes (2010): 'drop it at the dock'"),
    ("max_distance_km", 300.0, "km",
     "farthest account from the distribution centre",
     "assumption: beyond a day's round trip an account is served from another centre"),
    ("sales_calls_per_1000_cases", 2.0, "calls/1000 cases",
     "mass-era call coverage, proportional to volume", "assumption"),
    ("max_return_rate", 0.03, "share of cases",
     "most any account returns as unsaleable",
     "assumption; FMI/GMA unsaleables study: supermarkets 1.4 %, drug 2.0 % of gross sales"),
    ("cost_of_capital", 0.08, "per year", "cost of carrying receivables",
     "assumption (calibration.md: formula, no single source)"),
    # Precision-era behaviour.  Set so that the emergent shape matches
    # calibration.md's "A brand's P&L" (trade spend 15-20 % of gross sales,
    # gross margin 35-45 % and operating profit 8-15 % of net sales, 30-40 %
    # of accounts and products losing, whale curve 150-300 %, a large
    # account losing at most 25 % of its revenue); tests/test_calibration.py
    # checks the shape, not these inputs.
    ("order_frequency_scale", 0.18, "multiplier",
     "scales each channel's preferred deliveries a week",
     "assumption, calibrated to logistics ~9 % of sales (Establish Davis 2014)"),
    ("size_frequency_loading", 3.0, "multiplier",
     "how much more often than a small account the largest account wants deliveries",
     "assumption; Kaplan & Narayanan (2001): large customers demand frequent, just-in-time deliveries"),
    ("allowance_dispersion", 0.7, "log units",
     "spread of negotiated off-invoice allowances across accounts",
     "assumption; Marn & Rosiello (1992) pocket-price bands"),
    ("allowance_shift", 0.15, "log units", "centres the allowance distribution",
     "assumption, calibrated to trade spend 15-20 % of gross sales"),
    ("discount_dispersion", 0.05, "share of list",
     "spread of negotiated on-invoice discounts across accounts",
     "assumption; Marn & Rosiello (1992)"),
    ("discount_cap", 0.20, "share of list", "largest on-invoice discount any account negotiates",
     "assumption"),
    ("allowance_cap", 0.20, "share of list", "largest off-invoice allowance any account negotiates",
     "assumption"),
    ("demand_clip", 2.6, "log units",
     "most an account's traits (order frequency, rush, returns, calls) can stray from its channel's norm",
     "assumption: even the most demanding account's demands have limits"),
    ("demanding_account_loading", 6.0, "multiplier",
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
