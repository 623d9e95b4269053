"""Time the twin of a generated client of about a million invoice lines.

The client is drawn with another seed and other sizes than the classroom case
(not committed); the script times fit, draw, fidelity and writing, and prints
the lesson outcomes of the client and the twin.

    python benchmarks/bench_twin.py [N_CUSTOMERS]
"""

from __future__ import annotations

import sys
import tempfile
import time

import casekit as ck
from casekit.twin import fidelity, fit, make_twin, write_twin


def main(n_customers: int = 3_500) -> None:
    t0 = time.perf_counter()
    client = ck.make_company(seed=2026, n_customers=n_customers, n_products=800, n_reps=40, months=12)
    t1 = time.perf_counter()
    print(f"client: {client} in {t1 - t0:.1f} s")
    fitted = fit(client)
    t2 = time.perf_counter()
    twin = make_twin(fitted, seed=0)
    t3 = time.perf_counter()
    report = fidelity(fitted, twin)
    t4 = time.perf_counter()
    out = tempfile.mkdtemp()
    write_twin(twin, out, report=report, title="Generated client twin")
    t5 = time.perf_counter()
    print(f"twin: {twin}")
    print(f"fit {t2 - t1:.1f} s, draw {t3 - t2:.1f} s, fidelity {t4 - t3:.1f} s, write {t5 - t4:.1f} s "
          f"(total twin {t5 - t1:.1f} s); written to {out}")
    outcomes = report[report["section"] == "outcome"]
    print(outcomes[["outcome", "client", "twin", "gap_pts", "met"]].round(1).to_string(index=False))
    dist = report[report["section"] == "distribution"]
    print(dist[["table", "measure", "distance"]].round(3).to_string(index=False))


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
