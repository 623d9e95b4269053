"""Print the calibration targets of issue #11: band, the classroom seed's value, the median over seeds 11-16.

Run from the repository root: ``python benchmarks/calibration_table.py``.  The
measures and bands are those of ``tests/test_calibration.py`` (one source), so
the table cannot drift from what the tests check.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_calibration import BANDS, seeds, shape

import casekit as ck
from casekit.case.datasets import CASES


def table() -> pd.DataFrame:
    """One row per measure: the band for the median, the band for every seed, classroom value, median."""
    precision = seeds("precision")
    classroom = shape(ck.make_company(**CASES["precision"]))
    mass = seeds("mass")
    rows = [(m, f"{lo:g}-{hi:g}", f"{wlo:g}-{whi:g}", classroom[m], precision[m].median(),
             precision[m].min(), precision[m].max()) for m, ((lo, hi), (wlo, whi)) in BANDS.items()]
    rows.append(("mass-era spearman", ">= 0.9", ">= 0.9", shape(ck.make_company(**CASES["mass"]))["spearman"],
                 mass["spearman"].median(), mass["spearman"].min(), mass["spearman"].max()))
    return pd.DataFrame(rows, columns=["measure", "band (median)", "band (every seed)", "classroom",
                                       "median 11-16", "min", "max"]).set_index("measure")


if __name__ == "__main__":
    print(table().round(3).to_string())
