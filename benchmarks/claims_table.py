"""Print, for each of Byrnes's claims in casekit.models.break_even.CLAIMS, where it flips and how often it holds.

For the closing note of issue #12: the break-even on the classroom case (precision era), the calibrated value,
and the share of seeds 11-30 (small companies, as in tests/test_break_even.py) in which the claim holds at its
calibrated value.

Usage::

    python benchmarks/claims_table.py
"""

from __future__ import annotations

from casekit.case.company import make_company
from casekit.case.datasets import load_case
from casekit.costing.engine import cost_to_serve
from casekit.models.break_even import CLAIMS, break_even, claim_margin
from casekit.models.draws import OTHER_DRAWS, seed_span

SEEDS = OTHER_DRAWS


def main() -> None:
    classroom = load_case("precision")
    classroom_pnl = cost_to_serve(classroom)
    small = {}
    for seed in SEEDS:
        co = make_company(seed=seed, n_customers=60, n_products=300)
        small[seed] = (co, cost_to_serve(co))
    print(f"| claim | parameter | calibrated | break-even (classroom) | holds in {seed_span(SEEDS)} |")
    print("|---|---|---:|---:|---:|")
    for claim, row in CLAIMS.iterrows():
        found = break_even(claim, classroom, classroom_pnl)
        holds = sum(claim_margin(claim, co, pnl, seed=seed) > 0 for seed, (co, pnl) in small.items())
        be = "no flip in range" if found["break_even"] is None else f"{found['break_even']:,.3g}"
        print(f"| {claim} | {row['parameter']} | {row['calibrated']:,.3g} | {be} | {holds} of {len(small)} |",
              flush=True)


if __name__ == "__main__":
    main()
