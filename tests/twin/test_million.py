"""The twin of a generated client of about a million lines (another seed and sizes than the classroom case).

About 45 s on two shared cores; ``benchmarks/bench_twin.py`` prints the timings.
"""

from __future__ import annotations

import json

import pytest

import casekit as ck
from casekit.twin import fidelity, fit, make_twin, write_twin


@pytest.mark.slow
def test_twin_of_a_million_line_client(tmp_path):
    client = ck.make_company(seed=2026, n_customers=4_800, n_products=800, n_reps=40, months=12)
    assert len(client.lines) > 950_000
    fitted = fit(client)
    twin = make_twin(fitted, seed=0)
    report = fidelity(fitted, twin)
    outcomes = report[report["section"] == "outcome"].set_index("outcome")
    met = outcomes["met"].astype(bool)
    # As for the sample: cost to serve and the segment shares must be met; any other miss carries its reason.
    assert met[["cost_to_serve_pct", "peaks_pct", "drains_pct", "deserts_pct"]].all(), outcomes[["client", "twin"]]
    assert (outcomes.loc[~met, "reason"].str.len() > 20).all(), outcomes[["client", "twin", "gap_pts", "reason"]]
    manifest = write_twin(twin, tmp_path / "big", report=report)
    assert json.loads((tmp_path / "big" / "manifest.json").read_text()) == json.loads(json.dumps(manifest, default=str))
    assert len(twin.customers) == 4_800 and len(twin.lines) > 700_000
