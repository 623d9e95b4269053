import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit.analysis import sensitivity as se
from casekit.plots.sensitivity import plot_rank_stability


@pytest.fixture(scope="module")
def model(precision_case):
    return se.sensitivity_model(precision_case)


def test_driver_matrix_reproduces_the_engine(precision_case, precision_pnl, model):
    cust = ck.profit_by(precision_pnl)
    cust = cust.assign(customer_id=cust["customer_id"].astype(str)).set_index("customer_id")
    cust = cust.reindex(model.matrix.index)
    np.testing.assert_allclose(model.base_profit, cust["net_profit"].to_numpy(), rtol=1e-9, atol=1e-6)
    # linear in the rates: doubling one activity matches the engine with that rate doubled
    card = ck.RateCard.default().scaled(2.0, activities=["delivery"])
    pnl2 = ck.cost_to_serve(precision_case, card)
    cust2 = ck.profit_by(pnl2)
    cust2 = cust2.assign(customer_id=cust2["customer_id"].astype(str)).set_index("customer_id")
    np.testing.assert_allclose(model.profit(card.table["rate"].to_numpy()),
                               cust2.reindex(model.matrix.index)["net_profit"].to_numpy(), rtol=1e-9, atol=1e-6)


def test_zero_noise_is_perfectly_stable(model):
    runs = model.run(0, n_draws=3, seed=1)
    assert runs["spearman"].to_numpy() == pytest.approx(1.0)
    assert (runs["jaccard"] == 1.0).all()
    assert (runs["drains_kept"] == runs.attrs["base_drains"]).all()


def test_more_noise_less_stability(model):
    lo = se.summarize(model.run(5, n_draws=40, seed=3))
    hi = se.summarize(model.run(60, n_draws=40, seed=3))
    assert hi["spearman_median"] < lo["spearman_median"] <= 1.0
    assert hi["jaccard_p5"] <= lo["jaccard_p5"]


def test_runs_are_reproducible(model):
    a, b = model.run(30, n_draws=10, seed=7), model.run(30, n_draws=10, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert not model.run(30, n_draws=10, seed=8).equals(a)


def test_vectorized_measures_match_plain_definitions(model):
    runs = model.run(40, n_draws=5, seed=11)
    draws = se.perturb_rates(model.rates, 40, n_draws=5, seed=11)
    for i, rates in enumerate(draws):
        p = model.profit(rates)
        assert runs.loc[i, "spearman"] == pytest.approx(se.spearman(model.base_profit, p))
        assert runs.loc[i, "jaccard"] == pytest.approx(se.jaccard(model.base_drains, model.drains(p)))


def test_perturb_rates_bounds(rng):
    card = ck.RateCard.default()
    draws = se.perturb_rates(card, 20, n_draws=200, seed=rng)
    ratio = draws / card.table["rate"].to_numpy()
    assert ratio.min() >= 0.8 - 1e-12 and ratio.max() <= 1.2 + 1e-12
    assert ratio.std() > 0.05


@pytest.mark.parametrize("kwargs, match", [
    ({"noise_pct": -5}, "between 0 and 100"),
    ({"noise_pct": 150}, "between 0 and 100"),
    ({"noise_pct": 10, "n_draws": 0}, "n_draws"),
])
def test_perturb_validation(kwargs, match):
    with pytest.raises(ValueError, match=match):
        se.perturb_rates(ck.RateCard.default(), **kwargs)
    with pytest.raises(TypeError, match="RateCard"):
        se.perturb_rates({"rate": 1}, 10)


def test_set_and_rank_helpers():
    assert se.jaccard({1, 2}, {2, 3}) == pytest.approx(1 / 3)
    assert se.jaccard(set(), set()) == 1.0
    assert se.spearman([1, 2, 3], [10, 20, 30]) == pytest.approx(1.0)
    assert se.spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)


def test_plot_states_the_finding(model):
    ax = plot_rank_stability(model.run(30, n_draws=10, seed=1))
    assert "30%" in ax.get_title() and "Drains" in ax.get_title()
