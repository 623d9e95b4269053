"""Input shapes a client sends: each a small file, reconciled to the cent or stopped with file, column and rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from casekit import client

RFC_ROWS = ['Customer,Product,Date,Qty,Net Amount,Note',
            '1001,A-7,2025-01-03,5,(12.00),"plain"',
            '1001,A-8,2025-01-03,2,"$1,234.56","a note, with comma"',
            '1002,A-7,2025-01-04,1,12.00-,"two\nlines ""quoted"""',
            '1002,A-9,2025-01-05,3,"1 234.56","x"',
            '1003,A-9,2025-01-06,4,"1\u00a0000.50","y"']


def _recon(data) -> dict:
    return data.reconciliation.set_index("measure")[["read", "rejected", "accepted"]].to_dict("index")


def _engine_agrees(data) -> bool:
    """The engine's totals equal the accepted ones, to the cent (casekit.client.reconcile)."""
    from casekit import RateCard, cost_to_serve

    pnl = cost_to_serve(data.tables, RateCard.default(), by=["customer_id", "product_id"])
    return bool((client.reconcile(data, pnl)["status"] == "ok").all())


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


def _csv(rows) -> str:
    return "\n".join(["Customer;Product;Date;Qty;Net Amount"] + rows) + "\n"


def test_gzip_and_zip_csv_in_one_folder(tmp_path):
    import gzip
    import zipfile

    folder = tmp_path / "exports"
    folder.mkdir()
    with gzip.open(folder / "2025-01.csv.gz", "wt", encoding="utf-8") as fh:
        fh.write(_csv(["1001;A-7;03.01.2025;5;12,50", "1002;A-8;04.01.2025;2;8,00"]))
    with zipfile.ZipFile(folder / "2025-q1.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2025-02.csv", _csv(["1001;A-7;03.02.2025;1;100,01"]))
        zf.writestr("sub/2025-03.csv", _csv(["1003;A-9;03.03.2025;3;0,99", "1003;A-9;04.03.2025;3;x"]))
        zf.writestr("readme.pdf", b"%PDF")
    lines = client.read_lines(folder)
    assert [str(s.path.relative_to(folder)) for s in lines.sources] == [
        "2025-01.csv.gz", "2025-q1.zip/2025-02.csv", "2025-q1.zip/sub/2025-03.csv"]
    assert "gzip-compressed" in lines.sources[0].notes
    data = client.build_tables(lines, bad_rows="report")
    try:
        rec = _recon(data)
        assert rec["net sales ($, sales lines)"] == {"read": Decimal("121.50"), "rejected": Decimal("0"),
                                                     "accepted": Decimal("121.50")}
        assert rec["cases shipped"] == {"read": Decimal("14"), "rejected": Decimal("3"), "accepted": Decimal("11")}
        assert _engine_agrees(data)
        # the bad row is named by the archive, the member and the row the member shows
        assert data.rejected[["file", "file_row"]].values.tolist() == [
            [str(folder / "2025-q1.zip" / "sub" / "2025-03.csv"), 3]]
    finally:
        data.close()
    # with bad_rows="raise" the error names the member inside the archive, the column and the row
    try:
        client.build_tables(client.read_lines(folder))
    except client.ClientDataError as err:
        assert "2025-q1.zip/sub/2025-03.csv, column 'Net Amount'" in str(err)
        assert err.rows == [(str(folder / "2025-q1.zip" / "sub" / "2025-03.csv"), 3)]
    else:
        raise AssertionError("a text amount inside a zip member must stop the run")


def test_zip_without_readable_files_is_named(tmp_path):
    import zipfile

    import pytest

    with zipfile.ZipFile(tmp_path / "x.zip", "w") as zf:
        zf.writestr("notes.pdf", b"%PDF")
    with pytest.raises(client.ClientDataError, match=r"x\.zip: the zip archive holds no invoice-line file"):
        client.read_lines(tmp_path / "x.zip")


def test_excel_serial_dates_in_csv_and_in_number_cells(tmp_path):
    import openpyxl

    # 45658 = 2025-01-01, 45689.5 = 2025-02-01 noon; 45292 = 2024-01-01 is outside the period given
    csv = tmp_path / "serial.csv"
    csv.write_text("Customer,Product,Date,Qty,Net Amount\n1001,A-7,45658,5,12.50\n1002,A-8,45689.5,2,8.00\n"
                   "1002,A-8,45292,1,1.00\n", encoding="utf-8")
    lines = client.read_lines(csv)
    assert lines.formats[0]["date_format"] == "excel"
    data = client.build_tables(lines, bad_rows="report", date_range=("2025-01-01", "2025-12-31"))
    try:
        assert sorted(data.lines()["order_date"].astype(str)) == ["2025-01-01", "2025-02-01"]
        assert _recon(data)["net sales ($, sales lines)"] == {"read": Decimal("21.50"), "rejected": Decimal("1.00"),
                                                             "accepted": Decimal("20.50")}
        assert data.rejected["file_row"].tolist() == [4]
        assert _engine_agrees(data)
    finally:
        data.close()
    # Excel: one date cell typed as a date, one a plain number (a date that lost its format), one text
    book = tmp_path / "serial.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Customer", "Product", "Date", "Qty", "Net Amount"])
    ws.append(["1001", "A-7", dt.datetime(2025, 1, 3), 5, 12.5])
    ws.append(["1002", "A-8", 45689, 2, 8.0])
    ws.append(["1003", "A-9", "soon", 1, 1.0])
    wb.save(book)
    data = client.build_tables(client.read_lines(book), bad_rows="report")
    try:
        assert sorted(data.lines()["order_date"].astype(str)) == ["2025-01-03", "2025-02-01"]
        assert data.rejected[["file_row", "reasons"]].values.tolist() == [
            [4, "date: a value that is not a date (in this file's date format)"]]
        assert _engine_agrees(data)
    finally:
        data.close()


def _dated(path, dates):
    path.write_text("Customer,Product,Date,Qty,Net Amount\n"
                    + "".join(f"100{i},A-7,{d},1,10.00\n" for i, d in enumerate(dates)), encoding="utf-8")
    return path


def test_day_or_month_first_is_decided_from_the_whole_column(tmp_path):
    # the only telling value is below any sample, DuckDB's sniffer's too (20,480 rows); either way round
    for name, last, fmt, dates in (("day", "25/03/2025", "%d/%m/%Y", {"2025-04-03", "2025-03-25"}),
                                   ("month", "03/25/2025", "%m/%d/%Y", {"2025-03-04", "2025-03-25"})):
        lines = client.read_lines(_dated(tmp_path / f"{name}_late.csv", ["03/04/2025"] * 25_000 + [last]))
        assert lines.formats[0]["date_format"] == fmt
        data = client.build_tables(lines)
        try:
            assert set(data.lines()["order_date"].astype(str)) == dates
        finally:
            data.close()
    # second part over 12 -> month first; one day-first value in the same column is set aside by row
    month = _dated(tmp_path / "month.csv", ["03/04/2025", "03/25/2025", "04/13/2025", "25/03/2025"])
    lines = client.read_lines(month)
    assert lines.formats[0]["date_format"] == "%m/%d/%Y"
    data = client.build_tables(lines, bad_rows="report")
    try:
        assert sorted(data.lines()["order_date"].astype(str)) == ["2025-03-04", "2025-03-25", "2025-04-13"]
        assert data.rejected["file_row"].tolist() == [5]
        assert _recon(data)["net sales ($, sales lines)"]["accepted"] == Decimal("30.00")
    finally:
        data.close()


def test_a_wholly_ambiguous_date_column_stops_with_a_question(tmp_path):
    import pytest

    amb = _dated(tmp_path / "amb.csv", ["03/04/2025", "01/02/2025", "12/11/2025"])
    with pytest.raises(client.ClientDataError) as err:
        client.read_lines(amb)
    text = str(err.value)
    assert "amb.csv, column 'Date' (date): all 3 dates could be day/month or month/day" in text
    assert "row 2 '03/04/2025'" in text
    assert 'date_format: "%d/%m/%Y" for day first (03/04/2025 is 3 April 2025)' in text
    assert 'date_format: "%m/%d/%Y" for month first (03/04/2025 is 4 March 2025)' in text
    # the answer in the mapping is taken as given
    lines = client.read_lines(amb, mapping={"lines": {"date_format": "%m/%d/%Y"}})
    data = client.build_tables(lines)
    try:
        assert sorted(data.lines()["order_date"].astype(str)) == ["2025-01-02", "2025-03-04", "2025-12-11"]
    finally:
        data.close()
    # a folder: a month whose dates settle nothing follows the months that do
    folder = tmp_path / "months"
    folder.mkdir()
    _dated(folder / "2025-01.csv", ["01/02/2025", "01/13/2025"])
    _dated(folder / "2025-02.csv", ["02/03/2025", "02/04/2025"])
    assert [f["date_format"] for f in client.read_lines(folder).formats] == ["%m/%d/%Y", "%m/%d/%Y"]


def test_excel_two_row_header_with_merged_cells_is_flattened(tmp_path):
    import openpyxl

    book = tmp_path / "bw_export.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Billing report Q1 2025"])                      # a title merged across the table
    ws.append([])
    ws.append(["Sold-To", "Material", "Billing", None, "Qty", "Values", None])
    ws.append([None, None, "Doc", "Date", "Billed Qty", "Net value", "Currency"])
    for r in (["1001", "A-7", "90001", dt.datetime(2025, 1, 3), 5, 12.5, "EUR"],
              ["1002", "A-8", "90002", dt.datetime(2025, 1, 4), 2, 8.0, "EUR"],
              ["1002", "A-8", "90003", dt.datetime(2025, 1, 5), "two", 1.0, "EUR"]):
        ws.append(r)
    for rng in ("A1:G1", "A3:A4", "B3:B4", "C3:D3", "F3:G3"):
        ws.merge_cells(rng)
    wb.save(book)
    lines = client.read_lines(book, mapping={"lines": {"net_amount": "Values Net value"}})
    src = lines.sources[0]
    assert src.columns == ["Sold-To", "Material", "Billing Doc", "Billing Date", "Billed Qty", "Values Net value",
                           "Values Currency"]
    assert src.header_row == 4 and "header on rows 3-4 (merged cells, one name per column)" in src.notes
    assert lines.columns[0] == {"customer_id": "Sold-To", "product_id": "Material", "date": "Billing Date",
                                "quantity": "Billed Qty", "net_amount": "Values Net value", "order_id": "Billing Doc"}
    data = client.build_tables(lines, bad_rows="report")
    try:
        assert _recon(data)["net sales ($, sales lines)"] == {"read": Decimal("21.50"), "rejected": Decimal("1.00"),
                                                             "accepted": Decimal("20.50")}
        # rows are Excel's own: the bad quantity is on row 7
        assert data.rejected[["file_row", "quantity"]].values.tolist() == [[7, "two"]]
        assert _engine_agrees(data)
    finally:
        data.close()


def _ids_file(path):
    rows = [("1001", "00012345", "5", "10.00"), ("1002", "00012346", "2", "20.00"), ("1003", "00012347", "1", "1.00"),
            ("1004", "00012348", "1", "1.00"), ("1005", "12345", "3", "30.00"), ("1006", "987", "1", "2.50"),
            ("1.23457E+11", "00012345", "4", "40.00")]
    path.write_text("Customer,Product,Date,Qty,Net Amount\n"
                    + "".join(f"{c},{p},2025-01-0{i + 1},{q},{a}\n" for i, (c, p, q, a) in enumerate(rows)),
                    encoding="utf-8")
    return path


def test_ids_in_scientific_notation_stop_and_cut_leading_zeros_are_flagged_by_row(tmp_path):
    import pytest

    from casekit.client.read_first import read_first

    path = _ids_file(tmp_path / "ids.csv")
    # scientific notation: the id's digits are gone, so the row is an error named by file, column and row
    with pytest.raises(client.ClientDataError) as err:
        client.build_tables(client.read_lines(path))
    assert "ids.csv, column 'Customer' (customer_id): 1 row with an id Excel turned into scientific notation" \
        in str(err.value)
    assert err.value.rows == [(str(path), 8)]
    data = client.build_tables(client.read_lines(path), bad_rows="report")
    try:
        assert _recon(data)["net sales ($, sales lines)"] == {"read": Decimal("104.50"),
                                                             "rejected": Decimal("40.00"),
                                                             "accepted": Decimal("64.50")}
        assert _engine_agrees(data)
        # cut leading zeros: kept (the sale is real), flagged by row, with how many match a padded id
        [w] = data.warnings
        assert (w.file, w.column, w.field, w.check, w.count) == (str(path), "Product", "product_id", "short_id", 2)
        assert [(r, v) for _, r, v in w.examples] == [(6, "12345"), (7, "987")]
        assert "1 of 2 such rows in all files match a full-length id once padded" in w.message
        first = read_first(pd.Series({"accounts_losing_pct": 0.0}), warnings=data.warnings)
        row = first.set_index("flag").loc["ids missing leading zeros"]
        assert "column 'Product' (product_id): 2 rows hold an id shorter than the 8-digit ids" in row["finding"]
        assert "row 6 '12345', row 7 '987'" in row["finding"]
        assert row["what to check"].startswith("Export the column again as text")
    finally:
        data.close()


def test_ids_without_a_leading_zero_convention_are_not_flagged(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("Customer,Product,Date,Qty,Net Amount\n1001,12345,2025-01-02,1,1.00\n"
                    "1002,12346,2025-01-02,1,1.00\n1003,987,2025-01-03,1,1.00\n", encoding="utf-8")
    data = client.build_tables(client.read_lines(path))
    try:
        assert data.warnings == []
    finally:
        data.close()


def test_cut_ids_reach_the_read_this_first_sheet_and_stay_pseudonymous(tmp_path):
    import matplotlib
    import openpyxl

    matplotlib.use("Agg")
    path = _ids_file(tmp_path / "ids.csv")
    res = client.analyze(path, out=tmp_path / "out", bad_rows="report", progress=False, echo=None)
    sheet = openpyxl.load_workbook(res.workbook, read_only=True)["read this first"]
    found = [r for r in sheet.iter_rows(values_only=True) if r[0] == "ids missing leading zeros"]
    assert len(found) == 1 and "row 6 '12345'" in found[0][1]
    res = client.analyze(path, out=tmp_path / "anon", bad_rows="report", progress=False, echo=None,
                         anonymize_key=b"k" * 32)
    sheet = openpyxl.load_workbook(res.workbook, read_only=True)["read this first"]
    [row] = [r for r in sheet.iter_rows(values_only=True) if r[0] == "ids missing leading zeros"]
    assert "row 6, row 7" in row[1] and "12345" not in row[1] and str(tmp_path) not in row[1]


def test_rows_of_a_large_csv_keep_their_line_numbers(tmp_path):
    """DuckDB reads a large CSV on every core; every row is still named by its line in the file."""
    import duckdb

    from casekit.client._sql import source_sql
    from casekit.client.reading import open_source

    path = tmp_path / "big.csv"
    bad = [12_345, 876_543]  # zero quantities, set aside
    with duckdb.connect() as con:
        con.execute(f"""COPY (SELECT i AS seq, 'C' || (i % 997) AS customer, 'P' || (i % 89) AS product,
                                     DATE '2025-01-01' + CAST(i % 300 AS INTEGER) AS date,
                                     CASE WHEN i IN ({bad[0]}, {bad[1]}) THEN 0 ELSE 1 + i % 5 END AS qty,
                                     (1 + i % 5) * 2.5 AS net
                              FROM range(1000000) t(i)) TO '{path}' (HEADER)""")
        # The control: without insertion order kept, this file's rows land out of order, so it is read in
        # parallel and the checks below could fail.
        con.execute("SET preserve_insertion_order = false")
        con.execute(f"CREATE TABLE unordered AS SELECT seq FROM read_csv('{path}')")
        assert con.execute("SELECT count(*) FROM unordered WHERE seq <> rowid").fetchall()[0][0] > 0
        view = source_sql(con, open_source(path), "big", as_table=True)
        # Line 1 is the header: record i is line i + 2.
        assert con.execute(f"SELECT count(*), count_if(CAST(seq AS BIGINT) + 2 <> _row) FROM {view}").fetchall() \
            == [(1_000_000, 0)]
        assert con.execute("SELECT current_setting('preserve_insertion_order')").fetchall() == [(False,)]
    mapping = {"customer_id": "customer", "product_id": "product", "date": "date", "quantity": "qty",
               "net_amount": "net"}
    data = client.build_tables(client.read_lines(path, mapping=mapping), bad_rows="report")
    try:
        assert sorted(data.rejected["file_row"]) == [bad[0] + 2, bad[1] + 2]
    finally:
        data.close()


def test_scientific_ids_are_found_in_every_id_field_from_their_distinct_values(tmp_path):
    """Each id field's distinct values are tested once (order numbers from the orders): every row holding one is
    set aside, repeated values too, exactly the rows a test of every row finds."""
    import re

    import duckdb

    from casekit.client._row_checks import _SCIENTIFIC

    head = "Customer,Product,Invoice,Delivery,Date,Qty,Net Amount\n"
    rows = ["1001,A-7,INV1,D1,2025-01-02,1,1.00", "1.2E+05,A-7,INV2,D2,2025-01-02,1,1.00",
            "1002,3E+04,INV3,D3,2025-01-03,1,1.00", "1002,A-8,4.5E+10,D4,2025-01-03,2,1.00",
            "1002,A-9,4.5E+10,D4,2025-01-03,3,1.00", "1003,A-7,INV5,7E-02,2025-01-04,1,1.00",
            "1003,A-8,INV6,D6,2025-01-04,1,1.00"]
    path = tmp_path / "sci.csv"
    path.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    mapping = {"customer_id": "Customer", "product_id": "Product", "order_id": "Invoice", "delivery_id": "Delivery",
               "date": "Date", "quantity": "Qty", "net_amount": "Net Amount"}
    expected = {}  # data row (from 0) -> the id fields a row-by-row test finds in scientific notation
    for n, row in enumerate(rows):
        for field, value in zip(["customer_id", "product_id", "order_id", "delivery_id"], row.split(",")):
            if re.fullmatch(_SCIENTIFIC, value):
                expected.setdefault(n, []).append(field)
    assert sorted(expected) == [1, 2, 3, 4, 5]
    for source, first in ((path, 2), (tmp_path / "sci.parquet", 1)):  # a CSV's row 1 is its header
        if source.suffix == ".parquet":
            with duckdb.connect() as con:
                con.execute(f"COPY (SELECT * FROM read_csv('{path}', all_varchar = true)) TO '{source}' "
                            f"(FORMAT parquet)").fetchall()
        data = client.build_tables(client.read_lines(source, mapping=mapping), bad_rows="report")
        try:
            got = {int(r.file_row): sorted(p.split(":")[0] for p in r.reasons.split("; ") if "scientific" in p)
                   for r in data.rejected.itertuples()}
            assert got == {k + first: sorted(v) for k, v in expected.items()}, source.name
            assert len(data.lines()) == 2
        finally:
            data.close()
