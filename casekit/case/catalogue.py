"""The catalogue of the case: brands, products and the period's launches (the innovation stream).

Core SKUs are on sale in every era; niche SKUs come on sale in a fixed order
as the era dial moves towards precision, and the later ones are launched
during the period, a few as major new lines, most as minor variants.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.case.calibration import company_value, era_value
from casekit.case.keys import id_codes

__all__ = ["BRANDS", "PICK_TYPES", "START_DATE", "make_products"]

START_DATE = pd.Timestamp("2025-01-01")
PICK_TYPES = ["full_pallet", "full_case", "split_case"]

BRANDS = {
    "Crispin": "snacks", "Aurora": "beverages", "Morning Field": "breakfast",
    "BrightHome": "household", "Pure Petal": "personal care", "Tailwag": "pet care",
}
_VARIANTS = [
    "Original", "Classic", "Lite", "Zero", "Family", "Honey", "Sea Salt", "Citrus",
    "Berry", "Vanilla", "Spicy", "Organic", "Fresh", "Ultra", "Sensitive", "Mini",
    "Max", "Sport", "Kids", "Premium", "Value", "Herbal", "Mint", "Cocoa",
]
_PACKS = ["12 ct", "24 ct", "6 ct", "48 ct", "club pack", "display pack", "single", "variety pack"]


def make_products(rng: np.random.Generator, n_products: int, months: int, e: float):
    """Draw the catalogue and the period's launches for era ``e`` (0 mass, 1 precision).

    Returns the products on sale, the launches and each product's popularity
    (the weight with which lines pick it).
    """
    n_core = max(1, int(round(n_products * 0.4)))
    n_niche = n_products - n_core
    brands = np.array(list(BRANDS))
    brand = rng.choice(brands, size=n_products)
    category = np.array([BRANDS[b] for b in brand])
    variant = rng.choice(_VARIANTS, size=n_products)
    pack = rng.choice(_PACKS, size=n_products)
    list_price = np.round(company_value("list_price_median") * np.exp(rng.normal(0, 0.35, n_products)), 2)
    cogs = np.round(list_price * company_value("cogs_share_of_list")
                    * np.exp(rng.normal(0, company_value("cogs_dispersion"), n_products)), 2)
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
        category[members] = BRANDS[b]
        launch_id[members] = lid
        launch_day[members] = day
        launch_size[members] = "major" if major else "minor"
        launches_rows.append((lid, day, "major" if major else "minor",
                              "new product line" if major else str(rng.choice(minor_kinds)),
                              b, BRANDS[b], len(members)))
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
        appeal = company_value("minor_launch_appeal")
        popularity[minor] = median_niche * np.exp(rng.normal(appeal, 0.9, int(minor.sum())))
        pick[major] = "full_case"
        # New lines are designed for margin: a better cost of goods.
        cogs[major] = np.round(cogs[major] * 0.9, 2)
        days_supply[major] = np.round(days_supply[major] * 0.5)
    # The spread of cost of goods across SKUs is drawn, but a brand knows its
    # standard cost mix: scale so the core range, weighted by how much it
    # sells, costs exactly cogs_share_of_list (the gross margin then does not
    # hang on which SKUs the seed made popular).
    core = ~is_niche
    cogs = np.round(cogs * company_value("cogs_share_of_list") * (popularity[core] @ list_price[core])
                    / (popularity[core] @ cogs[core]), 2)
    names = [f"{brand[i]} {variant[i]} {pack[i]}" for i in range(n_products)]
    product_ids = id_codes("P", n_products, 4 if n_products < 10_000 else 6)
    launch_date = np.where(launch_day >= 0, START_DATE.to_datetime64() + launch_day.astype("timedelta64[D]"),
                           np.datetime64("NaT"))
    products = pd.DataFrame({
        "product_id": product_ids,
        "product_name": names,
        "brand": pd.Categorical(brand, categories=list(BRANDS)),
        "category": pd.Categorical(category, categories=sorted(set(BRANDS.values()))),
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
    launches["brand"] = pd.Categorical(launches["brand"], categories=list(BRANDS))
    launches["category"] = pd.Categorical(launches["category"], categories=sorted(set(BRANDS.values())))
    pop = popularity[active]
    return products, launches, pop
