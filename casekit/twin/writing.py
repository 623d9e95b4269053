"""Write the twin as a case folder: the tables, a manifest, a README and the fidelity report.

The folder has the layout of ``datasets/precision/`` plus its own
``manifest.json``, so :func:`casekit.load_case` opens it by path and every
notebook, executive view and widget takes it as it takes the classroom case.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

from casekit._version import __version__
from casekit.case.company import Company
from casekit.twin.fidelity import fidelity, fidelity_html
from casekit.twin.fitting import TwinFit, fit
from casekit.twin.synthesis import make_twin
from casekit.validation import check_int

__all__ = ["TwinCase", "write_twin", "build_twin", "README_TEXT"]

README_TEXT = """# {title}

A synthetic twin of a client's invoice lines, made by `casekit twin` (casekit {version}).
Open it with `casekit.load_case("{folder}")`; every notebook and view takes it like the classroom case.

## What it preserves
- The number of accounts ({n_customers}) and SKUs ({n_products}) and the period ({months} months from {start}).
- Each account's size (cases), order frequency, lines per order, on-invoice discount and off-invoice
  allowance rates, share of rush orders, return rate, distance, sales calls and payment terms: their
  distributions and their correlations (a Gaussian copula), and how they differ by order channel; for a
  client of 2,000 accounts or more, within bands of account size and two kinds of account per band
  (the standard service and the demanding), so that what an account demands depends on its size as
  the client's does.
- The mix of order channels and channels of trade; SKU popularity (the long tail), list prices,
  cost of goods as a share of list, days of supply and pick types, jointly; and the list price and cost
  of goods of the average case sold (of several catalogues drawn, the closest is kept).
- Cases per line and how they scatter within an account; how prices scatter within an account.
- The client's total cases shipped; returns booked as the client's export books them: on credit notes
  of their own (an order and a drop each, one to three weeks after the shipment), or on the shipped line.
- The lesson's outcomes, within the targets shown in `fidelity.html` ({met} of {n_outcomes} met).

## What it does not preserve
- Any id, name, date-and-quantity-and-price line or account revenue of the client (tested: none appears).
- Which account buys which SKU: lines pick SKUs by overall popularity, so an account's own assortment
  and its price level (list price per case of what it buys) are not kept.
- Regions, sales reps, brands, categories, product names and the launch calendar: these come from
  casekit's generator (Beacon Brands' catalogue), not from the client.
- Seasonality: orders are spread evenly through the period.
- Currency: amounts are in the client's currency, but no exact amount of the client is reused.

## Files
`customers.csv`, `products.csv`, `orders.csv`, `lines.csv`, `reps.csv`, `launches.csv` (see casekit's
data dictionary), `manifest.json` (parameters and SHA-256 of every table), `fidelity.html`.
"""


@dataclasses.dataclass
class TwinCase:
    """A twin built end to end: the fit, the company, the fidelity table and where it was written."""

    fitted: TwinFit
    company: Company
    report: pd.DataFrame
    out: Path | None = None


def _write_table(frame: pd.DataFrame, path: Path) -> None:
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d").astype(object).where(out[col].notna(), "")
    out.to_csv(path, index=False, lineterminator="\n")


def write_twin(twin: Company, out, *, report: pd.DataFrame | None = None, title: str = "Client twin") -> dict:
    """Write a twin as a case folder that :func:`casekit.load_case` opens.

    Parameters
    ----------
    twin : Company
        From :func:`casekit.twin.make_twin`.
    out : str or Path
        The folder to write (created if missing).
    report : pandas.DataFrame, optional
        :func:`casekit.twin.fidelity`'s table; written as ``fidelity.html`` and summed up in the README.
    title : str, default="Client twin"
        Heading of the README and the report.

    Returns
    -------
    dict
        The manifest written to ``manifest.json``.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for name, frame in twin.tables().items():
        path = out / f"{name}.csv"
        _write_table(frame, path)
        files[f"{name}.csv"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest = {"company": "Client twin (synthetic)", "cases": {"twin": {
        "generator": "casekit.twin.make_twin", "generator_version": __version__,
        "parameters": twin.params, "files": files}}}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n")
    met = n_outcomes = 0
    if report is not None:
        outcomes = report[report["section"] == "outcome"]
        met, n_outcomes = int(outcomes["met"].sum()), len(outcomes)
        notes = [f"Missed: {r.measure} (client {r.client:.1f}, twin {r.twin:.1f}): {r.reason}."
                 for r in outcomes.itertuples() if not r.met]
        notes += [f"Undefined on both sides: {r.measure} (the total it divides by is zero or negative)."
                  for r in outcomes.itertuples() if pd.isna(r.client) and pd.isna(r.twin)]
        (out / "fidelity.html").write_text(fidelity_html(report, title=f"{title}: fidelity", notes=notes),
                                           encoding="utf-8")
    p = twin.params
    (out / "README.md").write_text(README_TEXT.format(
        title=title, version=__version__, folder=out.name, n_customers=p["n_customers"], n_products=p["n_products"],
        months=p["months"], start=p["start_date"], met=met, n_outcomes=n_outcomes), encoding="utf-8")
    return manifest


def _score(report: pd.DataFrame) -> tuple:
    """Outcomes missed, then the worst gap relative to its target: lower is closer to the client.

    An outcome defined on one side only (a whale peak on a twin whose total profit is positive
    when the client's is not) is a miss, not a zero gap.
    """
    outcomes = report[report["section"] == "outcome"]
    ratio = (outcomes["gap_pts"].abs() / outcomes["tolerance_pts"]).fillna(0.0)
    one_sided = outcomes["client"].isna() ^ outcomes["twin"].isna()
    ratio = ratio.where(~one_sided, np.inf)
    return int((~outcomes["met"].astype(bool)).sum()), float(ratio.max())


def build_twin(lines, *, mapping=None, customers=None, products=None, out=None, seed=0, tries: int = 5,
               title: str = "Client twin") -> TwinCase:
    """Fit, draw, compare and (with ``out``) write a client's twin in one call.

    Parameters
    ----------
    lines : path, list of paths, ClientData, Company or dict of tables
        As :func:`casekit.twin.fit` takes them.
    mapping, customers, products : path, optional
        The export's mapping YAML and masters.
    out : str or Path, optional
        Folder to write the case, README and ``fidelity.html`` into.
    seed : int or None, default=0
        Pass an int for reproducible output across multiple function calls.
    tries : int, default=5
        Twins drawn (seeds ``seed``, ``seed + 1``, ...); the one whose lesson outcomes lie
        closest to the client's, relative to their targets, is kept. A small client's twin
        varies from draw to draw; only the client's aggregate outcomes steer the choice.
    title : str, default="Client twin"

    Returns
    -------
    TwinCase

    Examples
    --------
    >>> import tempfile
    >>> from casekit import make_company, load_case
    >>> made = build_twin(make_company(seed=5, n_customers=30, n_products=40, months=3), out=tempfile.mkdtemp())
    >>> len(load_case(made.out).customers)
    30
    """
    fitted = fit(lines, mapping=mapping, customers=customers, products=products)
    tries = check_int(tries, "tries", low=1)
    best = None
    for k in range(tries):
        draw_seed = None if seed is None else seed + k
        twin = make_twin(fitted, seed=draw_seed)
        report = fidelity(fitted, twin)
        if best is None or _score(report) < best[0]:
            best = (_score(report), twin, report)
    _, twin, report = best
    if out is not None:
        write_twin(twin, out, report=report, title=title)
        out = Path(out)
    return TwinCase(fitted, twin, report, out)
