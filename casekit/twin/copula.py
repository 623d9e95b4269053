"""A Gaussian copula with group means: joint draws that keep each column's shape and the columns' correlations.

Each column's marginal is the client's empirical distribution, smoothed: a
draw's normal score is mapped through the column's quantiles by linear
interpolation between order statistics, and beyond the smallest and largest
value it is extrapolated from the last two (so no draw copies the client's
extremes, and almost none equals a client value exactly).  A ``group`` column
(how the account orders, say) shifts the mean normal score, shrunk towards
zero for small groups, so large EDI accounts stay large and phone accounts
small.

Values shared by many rows (no rush order, one order) are scored by the mean
normal score of their block of ties, and the correlations corrected for what
the ties hide (:func:`tied_scores`).  A large client is fitted by size band
(:func:`fit_by_size`): one copula per band of accounts of similar size, so that
what an account demands may depend on its size in ways a single correlation
cannot carry (large accounts more often demanding, and more spread out in what
they demand); within a band, two kinds of account (``kinds``: the standard
service and the demanding) may each have a copula of their own.
"""

from __future__ import annotations

import dataclasses
from statistics import NormalDist

import numpy as np
import pandas as pd

__all__ = ["Copula", "fit_copula", "sample_copula", "normal_scores", "tied_scores", "fit_by_size",
           "sample_by_size", "size_bands"]

_ND = NormalDist()
_SHRINK = 5.0  # pseudo-members pulling a group's mean score towards the overall mean
_MIN_KIND = 0.1  # smallest share of a band, and
_MIN_KIND_ROWS = 100  # fewest rows, that a kind of its own needs
_MIN_KEPT = 0.05  # a column whose ties keep less of a score's variance than this is drawn independently


# The normal distribution on a fine grid: vectorised, and exact to ~1e-6 where it matters.
_Z = np.linspace(-8.0, 8.0, 32001)
_CDF = np.array([_ND.cdf(float(x)) for x in _Z])


def _ppf(q) -> np.ndarray:
    return np.interp(np.asarray(q, dtype=float), _CDF, _Z)


def _cdf(z) -> np.ndarray:
    return np.interp(np.asarray(z, dtype=float), _Z, _CDF)


def normal_scores(values: np.ndarray) -> np.ndarray:
    """Return the normal scores of ``values`` (ranks, ties averaged, through the normal quantile).

    Examples
    --------
    >>> normal_scores(np.array([3.0, 1.0, 2.0])).round(2).tolist()
    [0.97, -0.97, 0.0]
    """
    ranks = pd.Series(values).rank(method="average").to_numpy()
    return _ppf((ranks - 0.5) / len(values))


@dataclasses.dataclass(frozen=True)
class Copula:
    """What :func:`fit_copula` learned: quantile grids, correlation and group means of normal scores."""

    columns: list
    log_columns: list
    grids: dict
    corr: np.ndarray
    groups: pd.Series  # share of rows per group
    group_means: pd.DataFrame  # mean normal score of each column per group (shrunk)
    weight: float = 1.0  # share of the fitted rows this copula stands for (one of several, by size and kind)


def _transform(frame: pd.DataFrame, log_columns) -> pd.DataFrame:
    out = frame.astype(float).copy()
    for col in log_columns:
        out[col] = np.log(np.maximum(out[col], 1e-9))
    return out


def fit_copula(frame: pd.DataFrame, columns, *, log_columns=(), group=None, grid_size: int = 201) -> Copula:
    """Fit a Gaussian copula to ``frame[columns]``, with mean shifts by ``group``.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per record (customer, product).
    columns : list of str
        Numeric columns to model jointly.
    log_columns : list of str, optional
        Columns interpolated on a log scale (sizes, counts, prices).
    group : str, optional
        A categorical column whose groups shift the mean normal score.
    grid_size : int, default=201
        Largest number of quantiles kept per column (the grid, not the rows, is kept).

    Returns
    -------
    Copula

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.lognormal(size=200)
    >>> frame = pd.DataFrame({"size": x, "orders": x * rng.lognormal(0, 0.3, 200)})
    >>> cop = fit_copula(frame, ["size", "orders"], log_columns=["size", "orders"])
    >>> bool(cop.corr[0, 1] > 0.8)
    True
    """
    columns = list(columns)
    values = _transform(frame[columns], [c for c in log_columns if c in columns])
    n = len(frame)
    keep = np.linspace(0, 1, min(n, grid_size))
    grids = {}
    for col in columns:
        v = np.sort(values[col].to_numpy())
        pos = (np.arange(n) + 0.5) / n
        q = np.quantile(v, keep) if n > grid_size else v
        p = np.interp(keep, np.linspace(0, 1, n), pos) if n > grid_size else pos
        grids[col] = (p, q)
    z = np.column_stack([tied_scores(values[c].to_numpy()) for c in columns])
    # A tied score keeps only part of its latent score's variance (all of it without ties): the many
    # accounts with no rush order, one order or no sales call share one score, and correlations and
    # group means measured on such scores understate the latent ones; they are divided back by it.
    kept = z.var(axis=0)
    informative = kept > _MIN_KEPT
    kept = np.where(informative, kept, 1.0)
    labels = frame[group].astype(str).to_numpy() if group is not None else np.full(n, "all")
    shares = pd.Series(labels).value_counts(normalize=True).sort_index()
    means = pd.DataFrame(z, columns=columns).groupby(labels).agg(["sum", "count"])
    observed = pd.DataFrame({c: means[(c, "sum")] / (means[(c, "count")] + _SHRINK) for c in columns})
    group_means = observed / kept * informative
    resid = z - observed.loc[labels].to_numpy()
    left = np.clip(1.0 - group_means.pow(2).mul(shares, axis=0).sum().to_numpy(), 0.05, 1.0)
    cov = np.atleast_2d(np.cov(resid, rowvar=False, bias=True))
    corr = cov / np.outer(kept, kept) / np.sqrt(np.outer(left, left))
    corr = np.nan_to_num(corr, nan=0.0) * np.outer(informative, informative)
    return Copula(columns, [c for c in log_columns if c in columns], grids, _nearest_correlation(corr), shares,
                  group_means)


def _kind_of(z: np.ndarray) -> np.ndarray:
    """Label rows 0 or 1 by their first principal component's score, cut where the two sides are tightest."""
    if z.shape[1] < 2 or len(z) < 4:
        return np.zeros(len(z), dtype=int)
    _, vecs = np.linalg.eigh(np.nan_to_num(np.corrcoef(z, rowvar=False)))
    pc = (z - z.mean(axis=0)) @ vecs[:, -1]
    s = np.sort(pc)
    k = np.arange(1, len(s))
    left, total = np.cumsum(s)[:-1], s.sum()
    # Between-kind variance of each cut (Otsu); the cut that maximises it leaves the least within.
    between = k * (len(s) - k) * (left / k - (total - left) / (len(s) - k)) ** 2
    return (pc > s[int(np.argmax(between))]).astype(int)


def tied_scores(values: np.ndarray) -> np.ndarray:
    """Return each value's expected normal score given its block of ties (the score of its rank without ties).

    A value shared by the rows ranked ``lo`` to ``hi`` (of ``n``) scores the mean of a
    standard normal between its ``lo / n`` and ``hi / n`` quantiles.

    Examples
    --------
    >>> tied_scores(np.array([0.0, 0.0, 1.0, 2.0])).round(2).tolist()
    [-0.8, -0.8, 0.32, 1.27]
    """
    ranks = pd.Series(values)
    n = len(ranks)
    lo = ranks.rank(method="min").to_numpy() - 1
    hi = ranks.rank(method="max").to_numpy()
    a, b = _ppf(lo / n), _ppf(hi / n)
    return (_pdf(a) - _pdf(b)) / ((hi - lo) / n)


def _pdf(z) -> np.ndarray:
    return np.exp(-0.5 * np.asarray(z, dtype=float) ** 2) / np.sqrt(2 * np.pi)


def _nearest_correlation(corr: np.ndarray) -> np.ndarray:
    """Clip a corrected correlation matrix to a valid one (eigenvalues positive, unit diagonal)."""
    corr = (corr + corr.T) / 2
    np.fill_diagonal(corr, 1.0)
    vals, vecs = np.linalg.eigh(corr)
    corr = (vecs * np.maximum(vals, 1e-3)) @ vecs.T
    d = np.sqrt(np.diag(corr))
    corr = corr / np.outer(d, d)
    np.fill_diagonal(corr, 1.0)
    return corr


def _inverse(p: np.ndarray, q: np.ndarray, u: np.ndarray) -> np.ndarray:
    out = np.interp(u, p, q)
    if len(p) > 1:
        # Beyond the extremes: continue the last step's slope (in the score's
        # normal quantile) a little way, never copying the extreme itself.
        zp, zu = _ppf(p[[0, 1, -2, -1]]), _ppf(np.clip(u, 1e-6, 1 - 1e-6))
        lo, hi = u < p[0], u > p[-1]
        slope_lo = (q[1] - q[0]) / max(zp[1] - zp[0], 1e-9)
        slope_hi = (q[-1] - q[-2]) / max(zp[3] - zp[2], 1e-9)
        out[lo] = q[0] - slope_lo * np.minimum(zp[0] - zu[lo], 1.0)
        out[hi] = q[-1] + slope_hi * np.minimum(zu[hi] - zp[3], 1.0)
    return out


def sample_copula(copula: Copula, n: int, rng: np.random.Generator, *, groups=None) -> pd.DataFrame:
    """Draw ``n`` synthetic rows from a fitted :class:`Copula`.

    Parameters
    ----------
    copula : Copula
    n : int
        Rows to draw.
    rng : numpy.random.Generator
        Pass a seeded generator for reproducible output across multiple function calls.
    groups : array-like of str, optional
        The group of each row; drawn from the fitted shares when omitted.

    Returns
    -------
    pandas.DataFrame
        The model's columns plus ``group``.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> frame = pd.DataFrame({"size": rng.lognormal(size=300)})
    >>> cop = fit_copula(frame, ["size"], log_columns=["size"])
    >>> draw = sample_copula(cop, 1000, np.random.default_rng(2))
    >>> bool(abs(np.log(draw["size"]).median()) < 0.2)
    True
    """
    if groups is None:
        groups = rng.choice(copula.groups.index.to_numpy(), size=n, p=copula.groups.to_numpy())
    groups = np.asarray(groups, dtype=object)
    k = len(copula.columns)
    chol = np.linalg.cholesky(copula.corr + 1e-9 * np.eye(k))
    # Residual scores have less than unit variance once group means are taken out; rescale so
    # that the mixture over groups keeps each marginal's spread.
    mean = copula.group_means.reindex(groups).fillna(0.0).to_numpy()
    spread = np.sqrt(np.clip(1.0 - (copula.group_means.pow(2).mul(copula.groups, axis=0).sum()), 0.05, 1.0))
    z = mean + (rng.standard_normal((n, k)) @ chol.T) * spread.to_numpy()
    # Stratified: each column's draws take one value from each of n equal
    # slices of its distribution (at a random point of the slice), in the
    # order of the correlated scores, so a small twin gets the client's spread
    # and totals, not the luck of n draws.
    ranks = np.argsort(np.argsort(z, axis=0, kind="stable"), axis=0)
    u = (ranks + rng.random(z.shape)) / n
    out = {}
    for j, col in enumerate(copula.columns):
        p, q = copula.grids[col]
        v = _inverse(p, q, u[:, j])
        out[col] = np.exp(v) if col in copula.log_columns else v
    frame = pd.DataFrame(out)
    frame["group"] = groups
    return frame



def size_bands(n: int, *, per_band: int = 1000, most: int = 5) -> int:
    """Return how many size bands to fit for ``n`` records: one per ``per_band``, at least 1, at most ``most``.

    A band needs many accounts, or its margins would come close to the client's own values.

    Examples
    --------
    >>> size_bands(45), size_bands(4_800), size_bands(100_000)
    (1, 4, 5)
    """
    return int(np.clip(n // per_band, 1, most))


def fit_by_size(frame: pd.DataFrame, columns, *, size: str, n_bands: int, kinds: bool = False,
                **options) -> tuple:
    """Fit one :func:`fit_copula` per band of equal count along ``size`` (ranked, ties split by row order).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per record.
    columns : list of str
        Numeric columns to model jointly (``size`` among them).
    size : str
        The column whose rank sets the bands.
    n_bands : int
        Number of bands (see :func:`size_bands`); 1 fits one copula to all rows.
    kinds : bool, default=False
        Split each band in two kinds along the first principal component of its scores (cut
        where the spread within the two is least), each with a copula of its own, when each
        kind holds a tenth of the band and 100 rows: accounts that either take the standard
        service or demand everything make a two-humped joint distribution that one Gaussian
        cannot draw.
    **options
        Passed to :func:`fit_copula` (``log_columns``, ``group``, ``grid_size``).

    Returns
    -------
    tuple of Copula
        From the smallest records' band to the largest's, each ``weight`` the share of rows
        it was fitted to.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.lognormal(size=400)
    >>> frame = pd.DataFrame({"size": x, "calls": x * rng.lognormal(0, 0.3, 400)})
    >>> bands = fit_by_size(frame, ["size", "calls"], size="size", n_bands=2, log_columns=["size"])
    >>> len(bands), bool(bands[0].grids["size"][1].max() <= bands[1].grids["size"][1].min())
    (2, True)
    """
    columns = list(columns)
    rank = frame[size].rank(method="first").to_numpy() - 1
    band = np.floor(rank * n_bands / len(frame)).astype(int)
    out = []
    for b in range(n_bands):
        part = frame[band == b]
        kind = np.zeros(len(part), dtype=int)
        if kinds:
            kind = _kind_of(np.column_stack([tied_scores(part[c].to_numpy(dtype=float)) for c in columns]))
            smaller = min(kind.sum(), len(kind) - kind.sum())
            if smaller < max(_MIN_KIND * len(kind), _MIN_KIND_ROWS):
                kind[:] = 0
        for k in np.unique(kind):
            mine = part[kind == k]
            out.append(dataclasses.replace(fit_copula(mine, columns, **options), weight=len(mine) / len(frame)))
    return tuple(out)


def sample_by_size(bands, n: int, rng: np.random.Generator) -> pd.DataFrame:
    """Draw ``n`` rows from :func:`fit_by_size`'s copulas, each its ``weight`` of them, in random order.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> frame = pd.DataFrame({"size": rng.lognormal(size=400)})
    >>> bands = fit_by_size(frame, ["size"], size="size", n_bands=2, log_columns=["size"])
    >>> draw = sample_by_size(bands, 101, np.random.default_rng(2))
    >>> len(draw), bool(abs(np.log(draw["size"]).median()) < 0.3)
    (101, True)
    """
    weights = np.array([cop.weight for cop in bands], dtype=float)
    counts = np.diff(np.round(np.r_[0.0, np.cumsum(weights / weights.sum())] * n).astype(int))
    frame = pd.concat([sample_copula(cop, int(k), rng) for cop, k in zip(bands, counts) if k > 0],
                      ignore_index=True)
    return frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)
