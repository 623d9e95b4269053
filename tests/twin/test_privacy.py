"""Privacy: no client id, name, line or revenue in the twin, and distinctive accounts are not recognisable."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit import client
from casekit.twin import fit, make_twin
from casekit.twin.profile import company_frames, customer_profile


def _client_frames(sample):
    lines = client.read_lines(sample / "invoices", mapping=sample / "mapping.yaml")
    customers = client.read_customers(sample / "customers.xlsx", mapping=sample / "mapping.yaml")
    products = client.read_products(sample / "products.csv")
    data = client.build_tables(lines, customers=customers, products=products, bad_rows="report")
    try:
        return company_frames(data)
    finally:
        data.close()


def test_no_client_id_or_name_in_the_twin(sample, sample_twin):
    frames = _client_frames(sample)
    twin = ck.load_case(sample_twin.out)
    client_ids = set(frames["customers"]["customer_id"]) | set(frames["products"]["product_id"])
    client_names = set(frames["customers"]["customer_name"].dropna()) | set(frames["products"]["product_name"].dropna())
    assert client_names, "the sample has names to protect"
    twin_ids = set(twin.customers["customer_id"].astype(str)) | set(twin.products["product_id"].astype(str))
    twin_names = set(twin.customers["customer_name"]) | set(twin.products["product_name"])
    assert not client_ids & twin_ids
    assert not client_names & twin_names
    # ... nor anywhere in the written files.
    text = "\n".join(p.read_text(encoding="utf-8") for p in sample_twin.out.glob("*.csv"))
    assert not [n for n in client_names if n in text]


def test_no_client_line_in_the_twin(sample, sample_twin):
    frames = _client_frames(sample)
    shipped = frames["lines"][frames["lines"]["cases"] > 0]
    key = ["order_date", "cases", "invoice_price"]
    theirs = shipped.assign(order_date=shipped["order_date"].dt.normalize(), cases=shipped["cases"].astype(int))[key]
    twin = ck.load_case(sample_twin.out)
    mine = twin.lines.merge(twin.orders[["order_id", "order_date"]], on="order_id")
    mine = mine.assign(cases=mine["cases"].astype(int), order_date=pd.to_datetime(mine["order_date"]))[key]
    assert len(mine.merge(theirs.drop_duplicates(), on=key)) == 0


def test_no_account_revenue_equal_to_the_dollar(sample, sample_twin):
    theirs = customer_profile(_client_frames(sample))["revenue"].round().astype(int)
    twin = ck.load_case(sample_twin.out)
    mine = customer_profile(company_frames(twin))["revenue"].round().astype(int)
    assert not set(mine) & set(theirs)
    # Yearly too (the sample covers three months).
    assert not set(mine * 4) & set(theirs * 4)


def _plant(company):
    """Three distinctive accounts: a giant with deep discounts, a remote one with constant visits, a rush addict."""
    customers, lines, orders = company.customers.copy(), company.lines.copy(), company.orders.copy()
    ids = customers["customer_id"].iloc[[3, 11, 19]].tolist()
    order_cust = lines["order_id"].map(orders.set_index("order_id")["customer_id"]).astype(str)
    giant = (order_cust == str(ids[0])).to_numpy()
    lines.loc[giant, "cases"] = lines.loc[giant, "cases"] * 40
    lines.loc[giant, "on_invoice_discount"] = (lines.loc[giant, "list_price"] * 0.35).round(2)
    net = lines.loc[giant, "list_price"] - lines.loc[giant, "on_invoice_discount"]
    lines.loc[giant, "invoice_price"] = net.round(2)
    remote = customers["customer_id"] == ids[1]
    customers.loc[remote, "distance_km"] = 2.0
    customers.loc[remote, "sales_calls_per_year"] = 900
    orders.loc[orders["customer_id"] == ids[2], "rush"] = True
    rush_lines = (order_cust == str(ids[2])).to_numpy()
    lines.loc[rush_lines, "returned_cases"] = (lines.loc[rush_lines, "cases"] * 0.3).round().astype("int64")
    return dataclasses.replace(company, customers=customers, lines=lines, orders=orders), [str(i) for i in ids]


def _scaled(profile, centre, scale):
    cols = ["cases", "orders", "lines_per_order", "discount_rate", "allowance_rate", "rush_share", "return_rate",
            "distance_km", "sales_calls_per_year"]
    values = profile[cols].astype(float).copy()
    for c in ("cases", "orders", "distance_km", "sales_calls_per_year"):
        values[c] = np.log1p(values[c])
    return ((values - centre) / scale).to_numpy() if centre is not None else values


def test_planted_records_are_not_recognisable():
    _check_planted(ck.make_company(seed=31, n_customers=80, n_products=60, months=6))


@pytest.mark.slow
def test_planted_records_are_not_recognisable_in_a_banded_twin():
    # 2,400 accounts: the twin is fitted by size band and kind of account, each copula on a few hundred.
    company = ck.make_company(seed=31, n_customers=2_400, n_products=200, months=3)
    assert len(fit(company).customers) > 2
    _check_planted(company)


def _check_planted(company):
    company, planted = _plant(company)
    fitted = fit(company)
    theirs = customer_profile(company_frames(company))
    mine = customer_profile(company_frames(make_twin(fitted, seed=0)))
    raw = _scaled(theirs, None, None)
    centre, scale = raw.mean(), raw.std().replace(0, 1)
    a, b = _scaled(theirs, centre, scale), _scaled(mine, centre, scale)
    nearest = np.array([np.sqrt(((b - row) ** 2).sum(axis=1)).min() for row in a])
    typical = float(np.median(nearest))
    is_planted = theirs["customer_id"].isin(planted).to_numpy()
    assert is_planted.sum() == 3
    assert (nearest[is_planted] > typical).all(), (nearest[is_planted], typical)
    # ... and the twin still looks like the client: most accounts have a near neighbour.
    assert typical < 2.5
