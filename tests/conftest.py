import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import casekit as ck


@pytest.fixture
def rng():
    return np.random.default_rng(12345)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def precision_case():
    return ck.load_case("precision")


@pytest.fixture(scope="session")
def mass_case():
    return ck.load_case("mass")


@pytest.fixture(scope="session")
def precision_pnl(precision_case):
    return ck.cost_to_serve(precision_case)


@pytest.fixture(scope="session")
def small_company():
    return ck.make_company(seed=11, n_customers=40, n_products=60)
