"""How wrong can the rate card be?  Byrnes's "70 % accuracy" point, measured.

Byrnes advises aiming for roughly 70 % accuracy in the cost-to-serve tables
and refining only where a decision would change.  This module perturbs every
rate of the card by seeded noise of up to +/- x % and measures how stable the
things managers act on stay: the ranking of customers by net profit
(Spearman rank correlation) and the set of Profit Drains (Jaccard overlap).

Cost to serve is linear in the rates, so the engine runs once with a unit
rate per rate-card row (:func:`driver_matrix`); every perturbed card is then
a matrix product, fast enough for a slider.
"""

from __future__ import annotations

from numbers import Integral, Real

import numpy as np
import pandas as pd

from casekit.costing.rates import RateCard

__all__ = ["driver_matrix", "perturb_rates", "SensitivityModel", "sensitivity_model", "rank_stability",
           "spearman", "jaccard", "summarize"]


def driver_matrix(company, rates: RateCard | None = None) -> pd.DataFrame:
    """Measure every rate-card row's driver quantity for every customer.

    Runs :func:`casekit.cost_to_serve` once with each row turned into its own
    activity at a rate of 1, so a customer's cost to serve under any rates
    ``r`` (same rows) is ``matrix @ r``.

    Parameters
    ----------
    company : Company
        From :func:`casekit.make_company` or :func:`casekit.load_case`.
    rates : RateCard, optional
        The rate card whose rows are measured; the default card when omitted.

    Returns
    -------
    pandas.DataFrame
        Customers (index ``customer_id``) by rate-card rows (columns 0..n-1,
        in the card's row order), in driver units; ``attrs["gross_margin"]``
        and ``attrs["revenue"]`` are Series per customer ($).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> m = driver_matrix(co)
    >>> m.shape == (len(co.customers), len(ck.RateCard.default().table))
    True
    >>> m.index.name, sorted(m.attrs)
    ('customer_id', ['gross_margin', 'revenue'])
    """
    from casekit.analysis.profitability import profit_by
    from casekit.costing.engine import cost_to_serve
    rates = RateCard.default() if rates is None else rates
    t = rates.table.copy()
    t["activity"] = [f"row{i:03d}" for i in range(len(t))]
    t["rate"] = 1.0
    pnl = cost_to_serve(company, RateCard(t))
    cust = profit_by(pnl, "customer_id")
    cust["customer_id"] = cust["customer_id"].astype(str)
    cust = cust.set_index("customer_id").sort_index()
    m = cust[[f"cost_row{i:03d}" for i in range(len(t))]]
    m.columns = range(len(t))
    m.attrs = {"gross_margin": cust["gross_margin"], "revenue": cust["revenue"]}
    return m


def perturb_rates(rates: RateCard, noise_pct: float, *, n_draws: int = 1, seed=None) -> np.ndarray:
    """Draw rate vectors with every rate scaled by an independent factor in [1 - x, 1 + x].

    Parameters
    ----------
    rates : RateCard
        The rate card to perturb.
    noise_pct : float
        Largest error per rate, % (30 means each rate may be 30 % off).
    n_draws : int, default=1
        How many perturbed rate vectors to draw.
    seed : int or numpy.random.Generator, optional
        Pass an int for reproducible output across multiple function calls.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_draws, n_rows)``: perturbed rates (never negative).

    Examples
    --------
    >>> import casekit as ck
    >>> rates = ck.RateCard.default()
    >>> base = rates.table["rate"].to_numpy()
    >>> draws = perturb_rates(rates, 30, n_draws=3, seed=0)
    >>> draws.shape == (3, len(base))
    True
    >>> bool(((draws >= 0.7 * base - 1e-9) & (draws <= 1.3 * base + 1e-9)).all())
    True
    >>> bool((perturb_rates(rates, 0, seed=0) == base).all())
    True
    """
    if not isinstance(rates, RateCard):
        raise TypeError(f"rates must be a RateCard; got {type(rates).__name__}.")
    if isinstance(noise_pct, bool) or not isinstance(noise_pct, Real) or not 0 <= noise_pct <= 100:
        raise ValueError(f"noise_pct is a percent between 0 and 100 (30 means +/- 30 %); got {noise_pct!r}.")
    if not isinstance(n_draws, Integral) or n_draws < 1:
        raise ValueError(f"n_draws must be a whole number >= 1; got {n_draws!r}.")
    rng = np.random.default_rng(seed)
    base = rates.table["rate"].to_numpy(float)
    factors = 1 + rng.uniform(-1, 1, size=(int(n_draws), len(base))) * float(noise_pct) / 100
    return base * factors


def spearman(a, b) -> float:
    """Compute the Spearman rank correlation of two equal-length vectors (average ranks for ties).

    Parameters
    ----------
    a, b : array-like of float
        Two vectors of the same length.

    Returns
    -------
    float
        Between -1 (reversed ranking) and 1 (same ranking).

    Examples
    --------
    >>> round(spearman([1, 2, 3, 4], [10, 20, 30, 40]), 6)
    1.0
    >>> round(spearman([1, 2, 3, 4], [4, 3, 2, 1]), 6)
    -1.0
    """
    ra, rb = pd.Series(np.asarray(a, float)).rank(), pd.Series(np.asarray(b, float)).rank()
    return float(np.corrcoef(ra, rb)[0, 1])


def jaccard(a, b) -> float:
    """Compute the overlap of two sets: |a & b| / |a | b| (1.0 when both are empty).

    Parameters
    ----------
    a, b : iterable
        Two collections of hashable items (e.g. customer ids); duplicates are
        ignored.

    Returns
    -------
    float
        Between 0 (disjoint) and 1 (the same set).

    Examples
    --------
    >>> jaccard(["C1", "C2", "C3"], ["C2", "C3", "C4"])
    0.5
    >>> jaccard([], [])
    1.0
    """
    a, b = set(a), set(b)
    return 1.0 if not (a | b) else len(a & b) / len(a | b)


class SensitivityModel:
    """Cache a company's driver matrix for fast re-ranking under perturbed rates.

    Build it with :func:`sensitivity_model`; call :meth:`run`.

    Parameters
    ----------
    matrix : pandas.DataFrame
        The frame from :func:`driver_matrix` (with its ``attrs``).
    rates : RateCard
        The rate card the matrix was measured with.
    revenue_cut : float, optional
        Revenue ($) above which a losing account is a Profit Drain; the
        median customer's revenue by default.
    profit_cut : float, default=0.0
        Net profit ($) at or below which an account is losing money.

    Attributes
    ----------
    base_profit : numpy.ndarray
        Net profit per customer with the rate card as is.
    base_drains : set of str
        Customer ids of today's Profit Drains.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> sm = sensitivity_model(co)
    >>> isinstance(sm, SensitivityModel), len(sm.base_profit) == len(sm.matrix)
    (True, True)
    >>> runs = sm.run(0, n_draws=2, seed=1)
    >>> runs["jaccard"].tolist(), runs["drains_kept"].tolist() == [len(sm.base_drains)] * 2
    ([1.0, 1.0], True)
    """

    def __init__(self, matrix: pd.DataFrame, rates: RateCard, *, revenue_cut=None, profit_cut: float = 0.0):
        self.matrix = matrix
        self.rates = rates
        self.q = matrix.to_numpy(float)
        self.gross_margin = matrix.attrs["gross_margin"].reindex(matrix.index).to_numpy(float)
        self.revenue = matrix.attrs["revenue"].reindex(matrix.index).to_numpy(float)
        self.revenue_cut = float(np.median(self.revenue)) if revenue_cut is None else float(revenue_cut)
        self.profit_cut = float(profit_cut)
        self.base_rates = rates.table["rate"].to_numpy(float)
        self.base_profit = self.profit(self.base_rates)
        self.base_drains = self.drains(self.base_profit)

    def profit(self, rate_vectors: np.ndarray) -> np.ndarray:
        """Net profit per customer for one rate vector (n_rows,) or many (n_draws, n_rows)."""
        return self.gross_margin - np.asarray(rate_vectors, float) @ self.q.T

    def drains(self, profit: np.ndarray) -> set:
        """Customer ids that are Profit Drains for this profit vector (revenue cut fixed)."""
        mask = (self.revenue >= self.revenue_cut) & (profit <= self.profit_cut)
        return set(self.matrix.index[mask])

    def run(self, noise_pct: float, *, n_draws: int = 50, seed=None) -> pd.DataFrame:
        """Perturb the rates ``n_draws`` times and measure ranking and Drain stability.

        Returns
        -------
        pandas.DataFrame
            One row per draw: ``draw``, ``spearman`` (rank correlation of
            customer net profit with the baseline), ``jaccard`` (overlap of
            the Profit Drain sets), ``drains`` (count), ``drains_kept``
            (baseline Drains still Drains), ``top20_kept_pct`` (% of the
            baseline top-20 % customers still in the top 20 %).  ``attrs``:
            ``noise_pct``, ``base_drains``, ``profit`` (first draw's profit
            per customer, a Series).
        """
        draws = perturb_rates(self.rates, noise_pct, n_draws=n_draws, seed=seed)
        profits = self.profit(draws)
        n = len(self.base_profit)
        k = max(1, int(round(0.2 * n)))
        base_rank = np.argsort(np.argsort(self.base_profit, kind="stable"), kind="stable").astype(float)
        ranks = np.argsort(np.argsort(profits, axis=1, kind="stable"), axis=1, kind="stable").astype(float)
        br = base_rank - base_rank.mean()
        rr = ranks - ranks.mean(axis=1, keepdims=True)
        rho = (rr @ br) / np.sqrt((rr ** 2).sum(axis=1) * (br ** 2).sum())
        large = self.revenue >= self.revenue_cut
        base_mask = large & (self.base_profit <= self.profit_cut)
        masks = large & (profits <= self.profit_cut)
        inter = (masks & base_mask).sum(axis=1)
        union = (masks | base_mask).sum(axis=1)
        top_base = np.zeros(n, dtype=bool)
        top_base[np.argsort(-self.base_profit, kind="stable")[:k]] = True
        top = ranks >= n - k
        rows = {
            "draw": np.arange(len(profits)),
            "spearman": rho,
            "jaccard": np.where(union > 0, inter / np.maximum(union, 1), 1.0),
            "drains": masks.sum(axis=1),
            "drains_kept": inter,
            "top20_kept_pct": (top & top_base).sum(axis=1) / k * 100,
        }
        out = pd.DataFrame(rows)
        out.attrs = {"noise_pct": float(noise_pct), "base_drains": len(self.base_drains),
                     "profit": pd.Series(profits[0], index=self.matrix.index),
                     "base_profit": pd.Series(self.base_profit, index=self.matrix.index)}
        return out


def sensitivity_model(company, rates: RateCard | None = None, *, revenue_cut=None,
                      profit_cut: float = 0.0) -> SensitivityModel:
    """Prepare a company for :func:`rank_stability` questions (one engine run).

    Parameters
    ----------
    company : Company
        From :func:`casekit.make_company` or :func:`casekit.load_case`.
    rates : RateCard, optional
        The default rate card when omitted.
    revenue_cut : float, optional
        Revenue ($) above which a losing account is a Profit Drain; the
        median customer's revenue by default.
    profit_cut : float, default=0.0
        Net profit ($) at or below which an account is losing money.

    Returns
    -------
    SensitivityModel

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> sm = sensitivity_model(co)
    >>> type(sm).__name__, sm.matrix.shape[0] == len(co.customers)
    ('SensitivityModel', True)
    >>> list(sm.run(30, n_draws=3, seed=1).columns)
    ['draw', 'spearman', 'jaccard', 'drains', 'drains_kept', 'top20_kept_pct']
    """
    rates = RateCard.default() if rates is None else rates
    return SensitivityModel(driver_matrix(company, rates), rates, revenue_cut=revenue_cut, profit_cut=profit_cut)


def rank_stability(company, noise_pct: float, *, rates: RateCard | None = None, n_draws: int = 50,
                   seed=None) -> pd.DataFrame:
    """Perturb every rate by up to +/- ``noise_pct`` % and measure how stable the customer ranking stays.

    See :meth:`SensitivityModel.run` for the columns.

    Examples
    --------
    >>> from casekit import make_company
    >>> co = make_company(seed=1, n_customers=30, n_products=40)
    >>> s = rank_stability(co, 0, n_draws=2, seed=1)
    >>> float(s["spearman"].min())
    1.0
    """
    return sensitivity_model(company, rates).run(noise_pct, n_draws=n_draws, seed=seed)


def summarize(runs: pd.DataFrame) -> pd.Series:
    """Summarise the median and worst (5th percentile) stability of a :meth:`SensitivityModel.run` frame.

    Parameters
    ----------
    runs : pandas.DataFrame
        The frame from :meth:`SensitivityModel.run` or :func:`rank_stability`.

    Returns
    -------
    pandas.Series
        ``noise_pct``, ``spearman_median``, ``spearman_p5``,
        ``jaccard_median``, ``jaccard_p5``, ``drains_kept_median``,
        ``drains_added_median``, ``base_drains`` and
        ``top20_kept_pct_median``.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> s = summarize(rank_stability(co, 0, n_draws=3, seed=1))
    >>> float(s["spearman_median"]), float(s["jaccard_median"]), float(s["drains_added_median"])
    (1.0, 1.0, 0.0)
    """
    return pd.Series({
        "noise_pct": runs.attrs.get("noise_pct"),
        "spearman_median": float(runs["spearman"].median()),
        "spearman_p5": float(runs["spearman"].quantile(0.05)),
        "jaccard_median": float(runs["jaccard"].median()),
        "jaccard_p5": float(runs["jaccard"].quantile(0.05)),
        "drains_kept_median": float(runs["drains_kept"].median()),
        "drains_added_median": float((runs["drains"] - runs["drains_kept"]).median()),
        "base_drains": int(runs.attrs.get("base_drains")),
        "top20_kept_pct_median": float(runs["top20_kept_pct"].median()),
    })
