"""The classroom's bonus plan (notebook 06, ideas I2, I3) and the seeds its exhibits share.

The classroom plan is :func:`casekit.models.objectives.bonus_plan` with 18
objectives: the classroom case's plan at year end has only about 13 live
ones, 24-28 at mid-year, so the exhibit takes the 18 most recent launches,
the 15-20 Byrnes describes.
"""

from __future__ import annotations

import pandas as pd

from casekit.models.objectives import bonus_plan

__all__ = ["PLAN_OBJECTIVES", "PLAN_SEED", "SIM_SEED", "classroom_plan"]

PLAN_OBJECTIVES = 18
"""Objectives in the classroom plan (Byrnes: 15-20 at once)."""
PLAN_SEED = 0
"""Seed of the plan's weights (product managers' lobbying noise)."""
SIM_SEED = 0
"""Seed of the reps' misjudgements and the customers' answers."""


def classroom_plan(company, *, n_objectives: int = PLAN_OBJECTIVES, seed: int = PLAN_SEED) -> pd.DataFrame:
    """Build the bonus plan of notebook 06: the ``n_objectives`` most recent launches, seeded weights.

    Parameters
    ----------
    company : Company
        From :func:`casekit.make_company` or :func:`casekit.load_case`.
    n_objectives : int, default=PLAN_OBJECTIVES
        Objectives in the plan (at most the company's live launches).
    seed : int, default=PLAN_SEED
        Seed of the plan's weights.

    Returns
    -------
    pandas.DataFrame
        :func:`casekit.models.objectives.bonus_plan`: one row per objective,
        ``objective_id``, ``objective``, ``launch_id``, ``launch_date``,
        ``launch_size``, ``kind``, ``brand``, ``category``, ``n_skus``,
        ``weight``, ``target_accounts``, ``target_cases``.

    Examples
    --------
    >>> import casekit as ck
    >>> plan = classroom_plan(ck.make_company(seed=1, n_customers=40, n_products=60), n_objectives=6)
    >>> plan["objective_id"].tolist()
    ['O01', 'O02', 'O03', 'O04', 'O05', 'O06']
    >>> round(float(plan["weight"].sum()), 6)
    1.0
    """
    return bonus_plan(company, n_objectives=n_objectives, seed=seed)
