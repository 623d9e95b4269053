"""Shared fixtures: the twin of the shipped messy sample, built once per session."""

from __future__ import annotations

import pytest

from casekit.case.datasets import datasets_dir
from casekit.twin import build_twin


@pytest.fixture(scope="session")
def sample():
    return datasets_dir() / "client_sample"


@pytest.fixture(scope="session")
def sample_twin(sample, tmp_path_factory):
    out = tmp_path_factory.mktemp("twin") / "nordhafen_twin"
    return build_twin(sample / "invoices", mapping=sample / "mapping.yaml", customers=sample / "customers.xlsx",
                      products=sample / "products.csv", out=out, seed=0)
