"""The copula's pieces for a large client: tied scores, size bands, two kinds of account; and returns as booked."""

from __future__ import annotations

import numpy as np
import pandas as pd

import casekit as ck
from casekit.twin import fit, make_twin
from casekit.twin.copula import fit_by_size, fit_copula, normal_scores, sample_by_size, sample_copula


def _latent(n, rho, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n)
    return x, rho * x + np.sqrt(1 - rho**2) * rng.standard_normal(n)


def test_ties_do_not_weaken_the_correlation():
    # 60 % of accounts place no rush order: the share is 0 for them, whatever their other demands.
    x, y = _latent(4_000, 0.8)
    frame = pd.DataFrame({"orders": np.exp(x), "rush": np.maximum(y - np.quantile(y, 0.6), 0.0)})
    naive = np.corrcoef(normal_scores(frame["orders"].to_numpy()), normal_scores(frame["rush"].to_numpy()))[0, 1]
    assert naive < 0.72  # what averaged tied ranks measure
    cop = fit_copula(frame, ["orders", "rush"], log_columns=["orders"])
    assert abs(cop.corr[0, 1] - 0.8) < 0.04
    draw = sample_copula(cop, 4_000, np.random.default_rng(1))
    assert abs((draw["rush"] <= 0).mean() - 0.6) < 0.02


def test_size_bands_keep_a_spread_that_grows_with_size():
    # Demands spread far more among large accounts than small: one correlation cannot carry that.
    rng = np.random.default_rng(2)
    size = rng.standard_normal(6_000)
    rank = pd.Series(size).rank(pct=True).to_numpy()
    frame = pd.DataFrame({"cases": np.exp(size), "calls": np.exp(rank * 2.0 * rng.standard_normal(6_000))})
    top = frame["cases"] > frame["cases"].quantile(0.8)
    want = np.log(frame.loc[top, "calls"]).std()
    spreads = {}
    for bands in (1, 5):
        fitted = fit_by_size(frame, ["cases", "calls"], size="cases", n_bands=bands, log_columns=["cases", "calls"])
        draw = sample_by_size(fitted, 6_000, np.random.default_rng(3))
        spreads[bands] = np.log(draw.loc[draw["cases"] > draw["cases"].quantile(0.8), "calls"]).std()
    assert abs(spreads[5] - want) < 0.15 * want < abs(spreads[1] - want)


def test_two_kinds_draw_a_two_humped_mix():
    # Accounts either take the standard service or demand everything: their demands move together, in two humps.
    rng = np.random.default_rng(4)
    demanding = rng.random(3_000) < 0.4
    base = np.where(demanding, 2.0, -1.0)[:, None] + 0.4 * rng.standard_normal((3_000, 3))
    frame = pd.DataFrame(np.exp(base), columns=["orders", "lines", "calls"])
    total = np.log(frame).sum(axis=1)
    middle = total.between(-1.0, 3.0).mean()  # between the humps: few of the source's accounts
    shares = {}
    for kinds in (False, True):
        cops = fit_by_size(frame, list(frame.columns), size="orders", n_bands=1, kinds=kinds,
                           log_columns=list(frame.columns))
        assert np.allclose(sorted(c.weight for c in cops), [0.4, 0.6] if kinds else [1.0], atol=0.03)
        draw = sample_by_size(cops, 3_000, np.random.default_rng(5))
        shares[kinds] = np.log(draw[list(frame.columns)]).sum(axis=1).between(-1.0, 3.0).mean()
        assert set(draw["group"]) == {"all"}
    assert abs(shares[True] - middle) < 0.03 and shares[False] > middle + 0.05


def test_returns_are_booked_as_the_client_books_them(sample_twin):
    # The messy sample books returns on credit notes; casekit's generator on the shipped line.
    assert sample_twin.fitted.lines["credit_note_share"] > 0.9
    assert ((sample_twin.company.lines["cases"] == 0) & (sample_twin.company.lines["returned_cases"] > 0)).any()
    client = ck.make_company(seed=21, n_customers=60, n_products=50, months=6)
    fitted = fit(client)
    assert fitted.lines["credit_note_share"] == 0.0
    twin = make_twin(fitted, seed=0)
    assert twin.lines["returned_cases"].sum() > 0 and not (twin.lines["cases"] == 0).any()
