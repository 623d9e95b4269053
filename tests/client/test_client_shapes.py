"""Input shapes a client sends: each a small file, reconciled to the cent or stopped with file, column and rows."""

from __future__ import annotations

from decimal import Decimal

from casekit import client

RFC_ROWS = ['Customer,Product,Date,Qty,Net Amount,Note',
            '1001,A-7,2025-01-03,5,(12.00),"plain"',
            '1001,A-8,2025-01-03,2,"$1,234.56","a note, with comma"',
            '1002,A-7,2025-01-04,1,12.00-,"two\nlines ""quoted"""',
            '1002,A-9,2025-01-05,3,"1 234.56","x"',
            '1003,A-9,2025-01-06,4,"1\u00a0000.50","y"']


def _recon(data) -> dict:
    return data.reconciliation.set_index("measure")[["read", "rejected", "accepted"]].to_dict("index")


def test_rfc4180_quotes_line_breaks_and_accounting_amounts(tmp_path):
    path = tmp_path / "rfc.csv"
    path.write_text("\r\n".join(RFC_ROWS) + "\r\n", encoding="utf-8", newline="")
    data = client.build_tables(client.read_lines(path), bad_rows="report")
    try:
        rec = _recon(data)
        # $1,234.56 + 1 234.56 + 1<NBSP>000.50 accepted; (12.00) and 12.00- read as -12 and set aside by row
        assert rec["net sales ($, sales lines)"] == {"read": Decimal("3445.62"), "rejected": Decimal("-24.00"),
                                                     "accepted": Decimal("3469.62")}
        assert rec["invoice lines (rows)"]["read"] == 5
        assert data.rejected["file_row"].tolist() == [2, 4]
        assert set(data.rejected["net_amount"]) == {"(12.00)", "12.00-"}
    finally:
        data.close()


def test_utf16_with_bom_and_space_thousands(tmp_path):
    path = tmp_path / "u16.csv"
    path.write_text("Customer;Product;Date;Qty;Net Amount\n1001;A-7;03.01.2025;5;1 234,56\n"
                    "1002;A-8;04.01.2025;2;8,00\n", encoding="utf-16")
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    data = client.build_tables(client.read_lines(path))
    try:
        assert _recon(data)["net sales ($, sales lines)"]["accepted"] == Decimal("1242.56")
    finally:
        data.close()
