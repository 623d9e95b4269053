"""`casekit mapping` writes a draft with the blanks as comments; analyze accepts it once they are filled."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

from casekit import client
from casekit.cli import main

sys.path.insert(0, str(Path(__file__).parent))
from sap_export import write_sap_export

EXPORT = ("Kunde Nr;Material;Billing Date;Stk;Net Value;Curr.\n"
          "1001;A-7;03.01.2025;5;12,50;EUR\n1002;A-8;04.01.2025;2;8,00;EUR\n")


def test_mapping_draft_lists_blanks_and_analyze_accepts_it_filled(tmp_path, capsys):
    export = tmp_path / "jan.csv"
    export.write_text(EXPORT, encoding="utf-8")
    target = tmp_path / "mapping.yaml"
    assert main(["mapping", str(export), "-o", str(target)]) == 0
    assert "required" in capsys.readouterr().out
    text = target.read_text(encoding="utf-8")
    assert "  # customer_id:     # REQUIRED" in text and "  # quantity:     # REQUIRED" in text
    assert "columns not placed: Kunde Nr, Stk" in text
    assert client.read_mapping(target)["lines"]["date"] == "Billing Date"   # valid YAML before any blank is filled
    # Unfilled, analyze stops and points at the command that writes the mapping.
    code = main(["analyze", str(export), "--mapping", str(target), "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1 and "casekit mapping EXPORT" in err and "casekit template" not in err
    filled = text.replace("  # customer_id:     #", "  customer_id: Kunde Nr     #") \
                 .replace("  # quantity:     #", "  quantity: Stk     #")
    target.write_text(filled, encoding="utf-8")
    assert main(["analyze", str(export), "--mapping", str(target), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    rec = pd.read_csv(tmp_path / "out" / "reconciliation.csv", dtype=str).set_index("measure")
    assert rec.loc["net sales (EUR, sales lines)", "engine"] == "20.50"
    assert main(["mapping", str(export), "-o", str(target)]) == 2   # never overwrites without --force


def test_billed_qty_and_sap_headers_are_recognised(tmp_path):
    totals = write_sap_export(tmp_path, n_customers=10, n_lines=30)
    m = client.suggest_mapping(totals["path"])
    assert m["quantity"] == "Billed Qty" and m["customer_id"] == "Sold-To Party"
    assert m["order_id"] == "Billing Document" and m["currency"] == "Curr." and m["customer_name"] == "Name 1"


def test_anonymized_rejected_rows_carry_no_client_ids(tmp_path):
    totals = write_sap_export(tmp_path, n_customers=10, n_lines=40)
    path = totals["path"]
    lines = path.read_text(encoding="latin-1").splitlines()
    bad = lines[5].split(";")
    bad[5] = "zwölf"  # a quantity that is not a number
    lines[5] = ";".join(bad)
    path.write_text("\r\n".join(lines) + "\r\n", encoding="latin-1")
    key = client.load_key(tmp_path / "secret" / "k.key")
    client.analyze(path, out=tmp_path / "out", anonymize_key=key, bad_rows="report", progress=False, echo=None)
    rejected = pd.read_csv(tmp_path / "out" / "rejected_rows.csv", dtype=str)
    assert len(rejected) == 1
    row = rejected.iloc[0]
    assert row["order_id"].startswith("O-") and row["customer_id"].startswith("C-")
    assert row["product_id"].startswith("P-") and row["file"] == "billing.csv"
    text = (tmp_path / "out" / "rejected_rows.csv").read_text(encoding="utf-8")
    for original in (bad[0], bad[2], bad[3], bad[4], str(tmp_path)):
        assert original not in text, original
    assert not re.search(r"\b(900\d{5}|1\d{5})\b", text)   # no billing document or customer number left
