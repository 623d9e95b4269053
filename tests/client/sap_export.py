"""A small SAP-style euro export of our own: thin margins, no list prices, credit notes with trailing minus.

Written by :func:`write_sap_export` (seeded) for the report tests: semicolon
CSV in latin-1 with decimal commas and thousands dots, SAP's headers
(``Billing Document``, ``Sold-To Party``, ``Billed Qty``, ``Curr.``), billing
types F2 (invoice) and G2 (credit memo) whose quantities and values carry
SAP's trailing minus.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np

HEADER = ["Billing Document", "Billing Date", "Sold-To Party", "Name 1", "Material", "Billed Qty", "Net Value",
          "Cost", "Curr.", "Billing Type"]


def _de(x: Decimal) -> str:
    """1234.5 -> '1.234,50'; -3 -> '3,00-' (SAP writes the minus after the number)."""
    sign = "-" if x < 0 else ""
    text = f"{abs(x):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return text + sign


def write_sap_export(folder, *, seed: int = 11, n_customers: int = 120, n_lines: int = 2400) -> dict:
    """Write ``billing.csv`` and return its exact totals (rows, cases, sales, credits) as Decimals."""
    rng = np.random.default_rng(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    customers = [f"{100000 + 7 * i}" for i in range(n_customers)]
    names = [f"Großhandel Nord {i:03d} GmbH" for i in range(n_customers)]
    materials = [f"MAT-{4000 + i}" for i in range(30)]
    prices = {m: Decimal(str(round(float(rng.uniform(8, 60)), 2))) for m in materials}
    weights = rng.pareto(1.2, n_customers) + 0.05
    weights /= weights.sum()
    rows, totals = [], {"rows": 0, "cases": Decimal(0), "returned": Decimal(0), "sales": Decimal(0),
                        "credits": Decimal(0)}
    for k in range(n_lines):
        c = int(rng.choice(n_customers, p=weights))
        m = materials[int(rng.integers(len(materials)))]
        credit = rng.random() < 0.03
        qty = Decimal(int(rng.integers(1, 4))) if credit else Decimal(int(rng.integers(1, 40)))
        value = (qty * prices[m] * Decimal(str(round(float(rng.uniform(0.9, 1.0)), 3)))).quantize(Decimal("0.01"))
        cost = (value * Decimal("0.93")).quantize(Decimal("0.01"))  # thin margins: 7 % gross
        day = 1 + int(rng.integers(28))
        month = 1 + int(rng.integers(3))
        doc = f"{90000000 + k // 3}" if not credit else f"{70000000 + k}"
        sign = Decimal(-1) if credit else Decimal(1)
        rows.append([doc, f"{day:02d}.{month:02d}.2025", customers[c], names[c], m, _de(sign * qty),
                     _de(sign * value), _de(sign * cost), "EUR", "G2" if credit else "F2"])
        totals["rows"] += 1
        if credit:
            totals["returned"] += qty
            totals["credits"] -= value
        else:
            totals["cases"] += qty
            totals["sales"] += value
    # an invoice number belongs to one customer: give each document its first line's customer
    first = {}
    for r in rows:
        first.setdefault(r[0], (r[2], r[3]))
        r[2], r[3] = first[r[0]]
    path = folder / "billing.csv"
    with open(path, "w", encoding="latin-1", newline="") as fh:
        fh.write(";".join(HEADER) + "\r\n")
        for r in rows:
            fh.write(";".join(r) + "\r\n")
    totals["path"] = path
    return totals
