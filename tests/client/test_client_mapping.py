"""Mapping files are YAML: quoted headers with '#', ':' and non-ASCII reach the engine unchanged."""

from __future__ import annotations

import pandas as pd
import pytest

from casekit import client

HEADER = "Cust #;SKU #;Date: invoiced;Menge (Kästen);Net: billed"
ROWS = ["1001;A-1;03.01.2025;5;12,50", "1001;A-2;13.01.2025;2;1.234,00", "1002;A-1;14.01.2025;7;17,50"]
MAPPING_YAML = """\
# Export of the Kässbohrer ERP -> casekit fields
lines:
  customer_id: "Cust #"          # the sold-to
  product_id: 'SKU #'
  date: "Date: invoiced"
  quantity: Menge (Kästen)
  net_amount: "Net: billed"
  date_format: "%d.%m.%Y"
"""
EXPECTED = {"customer_id": "Cust #", "product_id": "SKU #", "date": "Date: invoiced", "quantity": "Menge (Kästen)",
            "net_amount": "Net: billed", "date_format": "%d.%m.%Y"}


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "jan.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(MAPPING_YAML, encoding="utf-8")
    return path, mapping


def test_quoted_headers_with_hash_colon_and_umlaut_are_read_whole(export):
    _, mapping = export
    assert client.read_mapping(mapping)["lines"] == EXPECTED


def test_analyze_runs_on_headers_with_hash_colon_and_umlaut(export, tmp_path):
    path, mapping = export
    res = client.analyze(path, mapping=mapping, out=tmp_path / "out", progress=False, echo=None)
    assert isinstance(res, client.ClientAnalysis)
    assert res.reconciled
    assert sorted(res.pnl["customer_id"].astype(str).unique()) == ["1001", "1002"]
    rec = res.reconciliation.set_index("measure")
    assert rec.loc["invoice lines (rows)", "accepted"] == 3
    assert float(rec.loc["net sales ($, sales lines)", "engine"]) == pytest.approx(12.5 + 1234 + 17.5)
    used = pd.read_excel(res.workbook, sheet_name="mapping used").set_index("field")["file 1"]
    assert used["customer_id"] == "Cust #" and used["quantity"] == "Menge (Kästen)"


def test_write_mapping_round_trips_awkward_headers(tmp_path):
    awkward = {"customer_id": "Cust #", "quantity": "Qty: billed", "product_id": "Menge (Kästen)",
               "net_amount": "#Net", "date": "yes", "order_id": "12.50", "date_format": "%d.%m.%Y",
               "decimal": ",", "delimiter": "|"}
    path = tmp_path / "mapping.yaml"
    client.write_mapping({"lines": awkward, "customers": {"customer_id": "Kunde: Nr."}}, path)
    text = path.read_text(encoding="utf-8")
    assert "Kästen" in text  # readable: non-ASCII written as is, not escaped
    back = client.read_mapping(path)
    assert back["lines"] == awkward
    assert back["customers"] == {"customer_id": "Kunde: Nr."}


def test_invalid_yaml_says_where_and_how_to_quote(tmp_path):
    path = tmp_path / "mapping.yaml"
    path.write_text("lines:\n  customer_id: Cust\n  date_format: %d.%m.%Y\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"not valid YAML on line 3.*quotes"):
        client.read_mapping(path)


@pytest.mark.parametrize("text, match", [
    ("- customer_id\n- quantity\n", "got a list"),
    ("lines: Cust #\n", "section 'lines' holds 'field: column' lines"),
    ("lines:\n  customer: Cust\n", "unknown casekit field"),
    ("invoices:\n  customer_id: Cust\n", r"unknown casekit field\(s\) \['invoices'\]"),
])
def test_bad_mapping_files_raise_value_error(tmp_path, text, match):
    path = tmp_path / "mapping.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=match):
        client.read_mapping(path)


def test_missing_mapping_file_is_a_value_error(tmp_path):
    with pytest.raises(client.ClientDataError, match="mapping file not found"):
        client.read_mapping(tmp_path / "nope.yaml")


@pytest.mark.parametrize("kw, match", [
    ({"mapping": 42}, "mapping must be a dict or a file path"),
    ({"rates": 42}, "rates must be a RateCard"),
    ({"time_driven": ["x"]}, "time_driven must be a TimeDrivenCard"),
    ({"anonymize_key": "secret"}, "anonymize_key must be bytes"),
])
def test_wrong_types_raise_type_error(export, tmp_path, kw, match):
    path, _ = export
    with pytest.raises(TypeError, match=match):
        client.analyze(path, out=tmp_path / "out", progress=False, echo=None, **kw)


def test_bad_rows_option_is_a_value_error(export, tmp_path):
    path, mapping = export
    with pytest.raises(ValueError, match="bad_rows='skip'"):
        client.analyze(path, mapping=mapping, out=tmp_path / "out", bad_rows="skip", progress=False, echo=None)
