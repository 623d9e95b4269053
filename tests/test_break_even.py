"""Tests for casekit.models.break_even: each claim holds at its calibrated value in most seeds, and can flip.

The other draws (:data:`casekit.models.draws.OTHER_DRAWS`) are both the company's seed (small companies,
60 accounts and a full 300-SKU launch stream) and the model's seed (reps' misjudgements, what the joint
work finds).  The shares found are stated in each test.
"""

import numpy as np
import pytest

from casekit.case.company import make_company
from casekit.case.datasets import load_case
from casekit.costing.engine import cost_to_serve
from casekit.models.break_even import CLAIMS, break_even, claim_margin, claim_sweep
from casekit.models.draws import OTHER_DRAWS

SEEDS = OTHER_DRAWS


@pytest.fixture(scope="module")
def cases():
    out = {}
    for seed in SEEDS:
        co = make_company(seed=seed, n_customers=60, n_products=300)
        out[seed] = (co, cost_to_serve(co))
    return out


def _share_holding(claim, cases):
    return sum(claim_margin(claim, co, pnl, seed=seed) > 0 for seed, (co, pnl) in cases.items()) / len(cases)


# Shares of seeds 11-30 in which each claim holds at its calibrated value, as found when this was written.
@pytest.mark.parametrize("claim, at_least", [
    ("I2/I3", 0.9),    # found 20 of 20: the median rep works 2 or 3 of 18 (customer_appetite 1; 4-5 at 2)
    ("I4/I14", 1.0),   # found 20 of 20
    ("I9", 0.95),      # found 19 of 20 on the recalibrated case (whale curve 150-300 %); 20 of 20 before
    ("I13", 1.0),      # found 20 of 20
    ("I15", 0.85),     # found 19 of 20 on the recalibrated case (17 of 20 before)
])
def test_claim_holds_in_most_seeds(claim, at_least, cases):
    share = _share_holding(claim, cases)
    assert share >= at_least, f"{claim}: holds in {share:.0%} of seeds 11-30"


@pytest.fixture(scope="module")
def precision():
    co = load_case("precision")
    return co, cost_to_serve(co)


@pytest.mark.parametrize("claim", CLAIMS.index.tolist())
def test_the_opposite_outcome_is_reachable(claim, precision):
    """On the classroom case, each claim holds at its calibrated value and fails at one end of its range.

    Claims on stochastic models (reps' misjudgements) are judged by their median margin over the model's seeds
    11-15, so one lucky draw neither makes nor hides a flip (at a perception noise of 3, I15 holds for the
    model's seed 0 and fails for 19 of seeds 11-30).
    """
    co, pnl = precision
    row = CLAIMS.loc[claim]
    sweeps = [claim_sweep(claim, co, pnl, values=[row["low"], row["calibrated"], row["high"]], seed=seed)
              for seed in range(11, 16)]
    median = np.median([sweep["margin"].to_numpy() for sweep in sweeps], axis=0)
    assert median[1] > 0
    assert median[0] < 0 or median[2] < 0


def test_break_even_lies_between_a_holding_and_a_failing_value(cases):
    co, pnl = cases[12]
    out = break_even("I13", co, pnl, seed=12, steps=5)
    assert out["holds_at_calibrated"]
    assert out["break_even"] is not None and out["break_even"] > out["calibrated"]
    above = claim_margin("I13", co, pnl, value=out["break_even"] * 1.2, seed=12)
    below = claim_margin("I13", co, pnl, value=out["break_even"] * 0.8, seed=12)
    assert below > 0 > above


def test_unknown_claim_is_named():
    with pytest.raises(ValueError, match="claim must be one of"):
        claim_margin("I99", None, None)
