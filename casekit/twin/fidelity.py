"""How close the twin is to the client: distributions side by side, and the lesson's outcomes.

:func:`fidelity` returns one table: for every fitted distribution the
client's and the twin's 10th, 50th and 90th percentiles and the two-sample
Kolmogorov-Smirnov distance (for a mix of categories, the total variation
distance); for every lesson outcome the client's value, the twin's, the gap
in percentage points and whether it is within the target.
:func:`fidelity_html` renders it as ``fidelity.html`` (Jinja2, no scripts).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.twin.fitting import TwinFit
from casekit.twin.outcomes import OUTCOMES, lesson_outcomes, miss_reason
from casekit.twin.profile import (
    CUSTOMER_TRAITS,
    PRODUCT_TRAITS,
    company_frames,
    customer_profile,
    line_profile,
    product_profile,
)

__all__ = ["ks_distance", "fidelity", "fidelity_html", "twin_profiles"]

_QUANTILES = (0.1, 0.5, 0.9)


def ks_distance(a, b) -> float:
    """Two-sample Kolmogorov-Smirnov distance: the largest gap between the two empirical CDFs.

    Examples
    --------
    >>> ks_distance([1, 2, 3], [1, 2, 3]), ks_distance([1, 2], [3, 4])
    (0.0, 1.0)
    """
    a, b = np.sort(np.asarray(a, dtype=float)), np.sort(np.asarray(b, dtype=float))
    grid = np.concatenate([a, b])
    fa = np.searchsorted(a, grid, side="right") / len(a)
    fb = np.searchsorted(b, grid, side="right") / len(b)
    return float(np.max(np.abs(fa - fb)))


def twin_profiles(twin) -> dict:
    """Measure the twin as the client was measured: ``customers``, ``products``, ``cases_per_line``."""
    frames = company_frames(twin)
    return {"customers": customer_profile(frames), "products": product_profile(frames),
            "cases_per_line": line_profile(frames)["cases_per_line"]}


def _distribution_rows(client: dict, twin: dict) -> list:
    rows = []
    pairs = [("customers", c, client["customers"][c], twin["customers"][c])
             for c in ["revenue", *CUSTOMER_TRAITS, "drops_per_order"]]
    pairs += [("products", c, client["products"][c], twin["products"][c]) for c in PRODUCT_TRAITS]
    pairs += [("lines", "cases_per_line", client["cases_per_line"], twin["cases_per_line"])]
    for table, measure, a, b in pairs:
        qa, qb = np.quantile(a, _QUANTILES), np.quantile(b, _QUANTILES)
        rows.append({"section": "distribution", "table": table, "measure": measure,
                     **{f"client_p{int(q * 100)}": v for q, v in zip(_QUANTILES, qa)},
                     **{f"twin_p{int(q * 100)}": v for q, v in zip(_QUANTILES, qb)},
                     "distance": ks_distance(a, b), "distance_kind": "KS"})
    for table, col in (("customers", "channel_of_trade"), ("customers", "order_channel"),
                       ("products", "pick_type")):
        pa_ = client[table][col].value_counts(normalize=True)
        pb_ = twin[table][col].value_counts(normalize=True)
        cats = pa_.index.union(pb_.index)
        tvd = 0.5 * float((pa_.reindex(cats, fill_value=0) - pb_.reindex(cats, fill_value=0)).abs().sum())
        rows.append({"section": "distribution", "table": table, "measure": f"{col} mix", "distance": tvd,
                     "distance_kind": "total variation"})
    return rows


def fidelity(fitted: TwinFit, twin) -> pd.DataFrame:
    """Compare a twin with the client it was fitted to.

    Parameters
    ----------
    fitted : TwinFit
        From :func:`casekit.twin.fit` (it holds the client's profiles, in memory).
    twin : Company
        From :func:`casekit.twin.make_twin` or :func:`casekit.load_case`.

    Returns
    -------
    pandas.DataFrame
        Rows of ``section`` "distribution" (``table``, ``measure``, ``client_p10``,
        ``client_p50``, ``client_p90``, ``twin_p10``, ``twin_p50``, ``twin_p90``,
        ``distance``, ``distance_kind``) then "outcome" (``measure``, ``client``, ``twin``,
        ``gap_pts``, ``tolerance_pts``, ``met``, ``reason``: why a missed outcome misses, empty
        when met; an outcome undefined on both sides, such as a whale-curve peak when total
        profit is negative, counts as met).

    Examples
    --------
    >>> from casekit import make_company
    >>> from casekit.twin import fit, make_twin
    >>> fitted = fit(make_company(seed=5, n_customers=40, n_products=40, months=3))
    >>> report = fidelity(fitted, make_twin(fitted, seed=1))
    >>> sorted(report["section"].unique())
    ['distribution', 'outcome']
    """
    rows = _distribution_rows(fitted.client, twin_profiles(twin))
    mine = lesson_outcomes(twin)
    theirs = fitted.client["outcomes"]
    for key, spec in OUTCOMES.iterrows():
        a, b = float(theirs[key]), float(mine[key])
        both_nan = np.isnan(a) and np.isnan(b)
        gap = b - a
        met = bool(both_nan or abs(gap) <= spec["tolerance_pts"])
        n = len(twin.products) if key.startswith("products") else len(twin.customers)
        rows.append({"section": "outcome", "table": "", "measure": spec["meaning"], "outcome": key,
                     "client": a, "twin": b, "gap_pts": gap, "tolerance_pts": spec["tolerance_pts"],
                     "met": met, "reason": "" if met else miss_reason(key, a, b, n=n)})
    return pd.DataFrame(rows)


def fidelity_html(report: pd.DataFrame, *, title: str = "Twin fidelity", notes=()) -> str:
    """Render :func:`fidelity`'s table as a self-contained HTML page (no scripts, no network).

    Examples
    --------
    >>> from casekit import make_company
    >>> from casekit.twin import fit, make_twin
    >>> fitted = fit(make_company(seed=5, n_customers=40, n_products=40, months=3))
    >>> html = fidelity_html(fidelity(fitted, make_twin(fitted, seed=1)))
    >>> "Kolmogorov" in html and "<script" not in html
    True
    """
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("casekit.twin", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]))
    dist = report[report["section"] == "distribution"].to_dict("records")
    outcomes = report[report["section"] == "outcome"].to_dict("records")
    return env.get_template("fidelity.html.j2").render(title=title, distributions=dist, outcomes=outcomes,
                                                       notes=list(notes), fmt=_fmt)


def _fmt(x) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "–"
    x = float(x)
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.3g}"
