"""Operations early or sales first, over many key accounts and seeds (idea I9).

:func:`casekit.models.account_development.account_paths` runs both paths for
one account.  What operations finds at an account is uncertain, so one
account proves little: :func:`path_distribution` runs both paths for every
key account (:func:`key_accounts`) under many seeds, and shows how often
each path comes out ahead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.models.account_development import (
    ACCOUNT_ASSUMPTIONS,
    PATHS,
    _all_baselines,
    _assumptions,
    _baseline,
    _check_inputs,
    _path,
    _size,
)
from casekit.models.draws import OTHER_DRAWS
from casekit.models.portfolio import prepared

__all__ = ["key_accounts", "path_distribution"]



def key_accounts(company, pnl, *, assumptions=ACCOUNT_ASSUMPTIONS) -> list[str]:
    """Return the key accounts: the top ``key_account_share`` of accounts by revenue (at least three).

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=60, n_products=80)
    >>> len(key_accounts(co, cost_to_serve(co)))
    12
    """
    _check_inputs(company, pnl, "key_accounts")
    a = _assumptions(assumptions)
    table = prepared("account_development", (company, pnl), lambda: _all_baselines(company, pnl))
    rev = table["revenue"].to_numpy()
    top = np.argsort(-rev, kind="stable")[: max(3, int(np.ceil(a["key_account_share"] * len(table))))]
    return [str(table.index[i]) for i in top if rev[i] > 0 and table["cases"].iloc[i] > 0]


def path_distribution(company, pnl, *, seeds=OTHER_DRAWS, customer_ids=None,
                      assumptions=ACCOUNT_ASSUMPTIONS) -> pd.DataFrame:
    """Run both paths for many accounts and seeds: how often does operations early come out ahead?

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    seeds : iterable of int, default=OTHER_DRAWS
        Each seed draws, for every account, the size of what the joint work
        finds.
    customer_ids : list of str, optional
        The accounts; :func:`key_accounts` by default.
    assumptions : pandas.DataFrame, default=ACCOUNT_ASSUMPTIONS

    Returns
    -------
    pandas.DataFrame
        One row per seed and account: ``seed``, ``customer_id``,
        ``change_size`` (1 = the changes as assumed), ``profit_sales_first``,
        ``profit_ops_early`` (your profit over the horizon), ``gain`` (ops
        early less sales first) and ``ops_early_wins``.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=60, n_products=80)
    >>> dist = path_distribution(co, cost_to_serve(co), seeds=[11, 12])
    >>> len(dist) == 2 * len(key_accounts(co, cost_to_serve(co)))
    True
    """
    _check_inputs(company, pnl, "path_distribution")
    a = _assumptions(assumptions)
    n = int(a["n_quarters"])
    early, late = int(a["ops_early_quarter"]), min(int(a["ops_late_quarter"]), n)
    ids = key_accounts(company, pnl, assumptions=assumptions) if customer_ids is None else list(customer_ids)
    rows = []
    for cid in ids:
        b = _baseline(company, pnl, str(cid))
        for seed in seeds:
            size = _size(a, seed, str(cid))
            late_profit = _path(b, a, n, late, PATHS[0], size)["your_profit"].sum()
            early_profit = _path(b, a, n, early, PATHS[1], size)["your_profit"].sum()
            rows.append({"seed": int(seed), "customer_id": str(cid), "change_size": size,
                         "profit_sales_first": float(late_profit), "profit_ops_early": float(early_profit),
                         "gain": float(early_profit - late_profit), "ops_early_wins": bool(early_profit > late_profit)})
    return pd.DataFrame(rows)
