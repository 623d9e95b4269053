"""Malformed client files: every error names the file, the column and the rows to fix."""

from __future__ import annotations

import pandas as pd
import pytest

from casekit import client
from casekit.client import ClientDataError

HEADER = "Sold-To;Material;Inv Date;Qty;Net Value;Doc Type;Curr;Invoice No"
GOOD = [
    "1001;A-1;03.01.2025;5;12,50;INV;EUR;9001",
    "1001;A-2;03.01.2025;2;1.234,00;INV;EUR;9001",
    "1002;A-1;04.01.2025;7;17,50;INV;EUR;9002",
    "1002;A-2;05.01.2025;-1;-617,00;CRN;EUR;CN9002",
]


def write(tmp_path, rows, name="jan.csv", header=HEADER, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(("\n".join([header] + rows) + "\n").encode(encoding))
    return p


def build(path, **kw):
    masters = {k: kw.pop(k) for k in ("customers", "products") if k in kw}
    return client.build_tables(client.read_lines(path, **kw), **masters)


def only_problem(exc_info, check=None):
    problems = exc_info.value.problems
    if check is not None:
        problems = [p for p in problems if p.check == check]
    assert len(problems) == 1, [p.describe() for p in exc_info.value.problems]
    return problems[0]


# One bad row among good ones: (bad row, check, client column, expected shown value)
ROW_CASES = {
    "text in quantity": ("1003;A-1;06.01.2025;twelve;10,00;INV;EUR;9003", "text_quantity", "Qty", "twelve"),
    "text in amount": ("1003;A-1;06.01.2025;3;abc;INV;EUR;9003", "text_net_amount", "Net Value", "abc"),
    "point in a comma file": ("1003;A-1;06.01.2025;3;1.5;INV;EUR;9003", "text_net_amount", "Net Value", "1.5"),
    "zero quantity": ("1003;A-1;06.01.2025;0;10,00;INV;EUR;9003", "zero_quantity", "Qty", "0"),
    "negative quantity on a sale": ("1003;A-1;06.01.2025;-3;-10,00;INV;EUR;9003", "negative_quantity", "Qty", "-3"),
    "zero price": ("1003;A-1;06.01.2025;3;0,00;INV;EUR;9003", "zero_price", "Net Value", "0,00"),
    "negative amount on a sale": ("1003;A-1;06.01.2025;3;-9,00;INV;EUR;9003", "negative_price", "Net Value", "-9,00"),
    "date not a date": ("1003;A-1;31.02.2025;3;9,00;INV;EUR;9003", "bad_date", "Inv Date", "31.02.2025"),
    "date in the future": ("1003;A-1;06.01.2091;3;9,00;INV;EUR;9003", "date_range", "Inv Date", "06.01.2091"),
    "date too old": ("1003;A-1;06.01.1999;3;9,00;INV;EUR;9003", "date_range", "Inv Date", "06.01.1999"),
    "empty customer": (";A-1;06.01.2025;3;9,00;INV;EUR;9003", "empty_customer_id", "Sold-To", None),
    "empty product": ("1003;;06.01.2025;3;9,00;INV;EUR;9003", "empty_product_id", "Material", None),
    "empty date": ("1003;A-1;;3;9,00;INV;EUR;9003", "empty_date", "Inv Date", None),
    "empty quantity": ("1003;A-1;06.01.2025;;9,00;INV;EUR;9003", "empty_quantity", "Qty", None),
    "empty amount": ("1003;A-1;06.01.2025;3;;INV;EUR;9003", "empty_amount", "Net Value", None),
    "totals line": (";;;;1.264,00;;;", "empty_line", "Sold-To", None),
    "unknown return flag": ("1003;A-1;06.01.2025;3;9,00;XYZ;EUR;9003", "flag_is_return", "Doc Type", "XYZ"),
    "mixed currency": ("1003;A-1;06.01.2025;3;9,00;INV;USD;9003", "mixed_currency", "Curr", "USD"),
    "order under two customers": ("1003;A-1;06.01.2025;3;9,00;INV;EUR;9001", "order_customers", "Invoice No", "9001"),
}


@pytest.mark.parametrize("case", list(ROW_CASES), ids=list(ROW_CASES))
def test_bad_row_is_named_with_file_column_and_row(tmp_path, case):
    row, check, column, shown = ROW_CASES[case]
    rows = GOOD[:2] + [row] + GOOD[2:]
    path = write(tmp_path, rows)
    with pytest.raises(ClientDataError) as exc:
        build(path, mapping={"is_return": "Doc Type"})
    problem = only_problem(exc, check)
    assert problem.file == str(path)
    assert problem.column == column
    assert problem.count == 1
    # the bad row is the 3rd data row: file row 4 (the header is row 1)
    assert [(f, r) for f, r, _ in problem.examples] == [(str(path), 4)]
    message = str(exc.value)
    assert str(path) in message and repr(column) in message and "row 4" in message
    if shown is not None:
        assert problem.examples[0][2] == shown
        assert repr(shown) in message


def test_good_rows_raise_nothing(tmp_path):
    data = build(write(tmp_path, GOOD), mapping={"is_return": "Doc Type"})
    assert data.reconciliation.loc[0, "accepted"] == len(GOOD)
    data.close()


def test_negative_quantity_needs_a_return_flag(tmp_path):
    # without is_return mapped the credit note (row 5) is a negative quantity on a sale
    path = write(tmp_path, GOOD, header="Sold-To;Material;Inv Date;Qty;Net Value;Type;Curr;Invoice No")
    with pytest.raises(ClientDataError) as exc:
        build(path)
    p = only_problem(exc, "negative_quantity")
    assert (p.column, p.examples[0][:2]) == ("Qty", (str(path), 5))


def test_duplicate_line_across_monthly_files_names_both(tmp_path):
    folder = tmp_path / "invoices"
    folder.mkdir()
    write(folder, GOOD, name="2025-01.csv")
    feb = write(folder, ["1002;A-1;03.02.2025;1;2,50;INV;EUR;9100", GOOD[0]], name="2025-02.csv")
    with pytest.raises(ClientDataError) as exc:
        build(folder, mapping={"is_return": "Doc Type"})
    p = only_problem(exc, "duplicate")
    assert p.file == str(feb)
    assert p.examples == [(str(feb), 3, "same as 2025-01.csv row 2")]


def test_rows_alike_in_their_hashed_fields_are_duplicates_only_when_every_value_repeats(tmp_path):
    """The row hash reads a few fields; a row differing from another only outside them is no duplicate."""
    from casekit.client._row_checks import HASHED_FIELDS

    assert "currency" not in HASHED_FIELDS
    # Sold-To, Material, Inv Date, Qty, Net Value and Invoice No repeat GOOD[0]; only the currency differs.
    other_currency = GOOD[0].replace(";EUR;", ";USD;")
    with pytest.raises(ClientDataError) as exc:
        build(write(tmp_path, GOOD + [other_currency]), mapping={"is_return": "Doc Type"})
    assert {p.check for p in exc.value.problems} == {"mixed_currency"}
    with pytest.raises(ClientDataError) as exc:  # control: the whole row repeated is a duplicate
        build(write(tmp_path, GOOD + [GOOD[0]], name="feb.csv"), mapping={"is_return": "Doc Type"})
    assert only_problem(exc, "duplicate").examples[0][1:] == (6, "same as row 2")


def test_columns_nobody_mapped_change_nothing(tmp_path):
    """A wide export is held by its mapped columns alone; its other columns, however messy, change no result."""
    rows = GOOD + ["1003;A-1;06.01.2025;0;10,00;INV;EUR;9003"]
    wide_rows = [r + ";x" * 12 + ";n°" + str(k) for k, r in enumerate(rows)]
    narrow, wide = (client.build_tables(client.read_lines(p, mapping={"is_return": "Doc Type"}), bad_rows="report")
                    for p in (write(tmp_path, rows),
                              write(tmp_path, wide_rows, name="wide.csv",
                                    header=HEADER + "".join(f";Extra {k}" for k in range(13)))))
    assert len(wide.rejected) == 1 and "Extra 0" not in wide.rejected.columns
    pd.testing.assert_frame_equal(narrow.reconciliation, wide.reconciliation)
    assert narrow.rejected.drop(columns="file").equals(wide.rejected.drop(columns="file"))
    pd.testing.assert_frame_equal(narrow.lines(), wide.lines())


@pytest.mark.parametrize("which", ["customers", "products"])
def test_line_absent_from_master(tmp_path, which):
    lines = write(tmp_path, GOOD + ["1009;A-9;06.01.2025;3;9,00;INV;EUR;9009"])
    if which == "customers":
        m = tmp_path / "c.csv"
        m.write_text("Customer Number,Region\n1001,North\n1002,South\n")
        master = client.read_customers(m)
        column, value = "Sold-To", "1009"
    else:
        m = tmp_path / "p.csv"
        m.write_text("SKU,Handling\nA-1,pallet\nA-2,each\n")
        master = client.read_products(m)
        column, value = "Material", "A-9"
    with pytest.raises(ClientDataError) as exc:
        build(lines, mapping={"is_return": "Doc Type"}, **{which: master})
    p = only_problem(exc, f"unknown_{which[:-1]}")
    assert (p.file, p.column, p.examples) == (str(lines), column, [(str(lines), 6, value)])


def test_unknown_order_channel(tmp_path):
    header = HEADER + ";Order Type"
    rows = [r + ";EDI" for r in GOOD[:3]] + ["1003;A-1;06.01.2025;3;9,00;INV;EUR;9003;Carrier pigeon"]
    path = write(tmp_path, rows, header=header)
    with pytest.raises(ClientDataError) as exc:
        build(path)
    p = only_problem(exc, "unknown_channel")
    assert (p.column, p.examples) == ("Order Type", [(str(path), 5, "Carrier pigeon")])


def test_many_bad_rows_show_the_first_five_and_count_all(tmp_path):
    rows = GOOD + [f"1003;A-1;06.01.2025;x{i};9,00;INV;EUR;9003" for i in range(8)]
    path = write(tmp_path, rows)
    with pytest.raises(ClientDataError) as exc:
        build(path, mapping={"is_return": "Doc Type"})
    p = only_problem(exc, "text_quantity")
    assert p.count == 8
    assert [r for _, r, _ in p.examples] == [6, 7, 8, 9, 10]
    assert "first 5 of 8" in str(exc.value)


# ---- file-level problems -------------------------------------------------

def test_missing_required_column(tmp_path):
    path = write(tmp_path, ["1001;A-1;03.01.2025;12,50"], header="Sold-To;Material;Inv Date;Net Value")
    with pytest.raises(ClientDataError) as exc:
        client.read_lines(path)
    p = only_problem(exc)
    assert (p.file, p.column, p.check) == (str(path), "quantity", "missing_column")
    assert "Sold-To" in str(exc.value)  # the headers are listed


def test_mapping_names_a_column_the_file_lacks(tmp_path):
    path = write(tmp_path, GOOD)
    with pytest.raises(ClientDataError) as exc:
        client.read_lines(path, mapping={"quantity": "Cases Shipped"})
    p = only_problem(exc)
    assert (p.file, p.column, p.field) == (str(path), "Cases Shipped", "quantity")


def test_empty_file(tmp_path):
    path = tmp_path / "jan.csv"
    path.write_bytes(b"")
    with pytest.raises(ClientDataError, match="jan.csv: the file is empty"):
        client.read_lines(path)


def test_header_without_rows(tmp_path):
    path = write(tmp_path, [])
    with pytest.raises(ClientDataError, match="header .row 1. but no data rows"):
        client.read_lines(path)


def test_bad_encoding_declared_utf8(tmp_path):
    path = write(tmp_path, ["1001;A-1;03.01.2025;5;12,50;INV;EUR;Müller"], encoding="latin-1")
    with pytest.raises(ClientDataError) as exc:
        client.read_lines(path, encoding="utf-8")
    p = only_problem(exc)
    assert p.file == str(path) and p.examples[0][1] == 2
    assert "latin-1" in p.fix


def test_latin1_is_detected_and_read(tmp_path):
    path = write(tmp_path, [GOOD[0] + ";Müller"], header=HEADER + ";Name", encoding="latin-1")
    lines = client.read_lines(path, mapping={"customer_name": "Name"})
    assert "latin-1" in lines.sources[0].notes[0]
    data = client.build_tables(lines)
    assert data.customers["customer_name"].tolist() == ["Müller"]
    data.close()


def test_binary_file_renamed_csv(tmp_path):
    path = tmp_path / "jan.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(ClientDataError, match="NUL bytes"):
        client.read_lines(path)


def test_line_with_extra_fields(tmp_path):
    path = write(tmp_path, GOOD[:2] + ["1002;A-1;04.01.2025;7;17,50;INV;EUR;9002;extra;fields"])
    with pytest.raises(ClientDataError) as exc:
        build(path)
    p = only_problem(exc)
    assert p.file == str(path) and p.examples[0][1] == 4
    assert "Expected Number of Columns" in p.message


def test_wrong_sheet_name(tmp_path):
    path = tmp_path / "lines.xlsx"
    pd.DataFrame({"Customer": ["1"], "Product": ["A"], "Date": ["2025-01-01"], "Qty": [1], "Net": [2.0]}).to_excel(
        path, sheet_name="Jan", index=False)
    with pytest.raises(ClientDataError) as exc:
        client.read_lines(path, sheet="Sheet1")
    assert "has no sheet 'Sheet1'" in str(exc.value) and "['Jan']" in str(exc.value)
    assert only_problem(exc).file == str(path)


def test_not_a_workbook(tmp_path):
    path = tmp_path / "lines.xlsx"
    path.write_text("not excel")
    with pytest.raises(ClientDataError, match="cannot be opened as an Excel workbook"):
        client.read_lines(path)


def test_missing_file_and_empty_folder(tmp_path):
    with pytest.raises(ClientDataError, match="file not found"):
        client.read_lines(tmp_path / "nope.csv")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ClientDataError, match="holds no invoice-line file"):
        client.read_lines(tmp_path / "empty")


def test_excel_rows_are_numbered_as_excel_shows_them(tmp_path):
    import openpyxl

    path = tmp_path / "lines.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ACME export"])
    ws.append([])
    ws.append(["Customer", "Product", "Date", "Qty", "Net Value"])
    ws.append(["1001", "A-1", "2025-01-03", 5, 12.5])
    ws.append(["1001", "A-2", "2025-01-03", "five", 12.5])
    wb.save(path)
    with pytest.raises(ClientDataError) as exc:
        build(path)
    p = only_problem(exc)
    assert (p.column, p.examples) == ("Qty", [(str(path), 5, "five")])


def test_master_with_duplicate_keys_and_text(tmp_path):
    m = tmp_path / "c.csv"
    m.write_text("Customer Number,Distance\n1001,12\n1002,far\n1001,30\n")
    with pytest.raises(ClientDataError) as exc:
        client.read_customers(m)
    checks = {p.check: p for p in exc.value.problems}
    assert checks["text_in_number"].examples == [(str(m), 3, "far")]
    assert checks["text_in_number"].column == "Distance"
    assert checks["field_uniqueness"].column == "Customer Number"
    assert sorted(r for _, r, _ in checks["field_uniqueness"].examples) == [2, 4]


def test_master_negative_and_unknown_pick_type(tmp_path):
    m = tmp_path / "p.csv"
    m.write_text("SKU,Handling,Days Cover\nA-1,pallet,-3\nA-2,crate,10\n")
    with pytest.raises(ClientDataError) as exc:
        client.read_products(m)
    checks = {p.check: p for p in exc.value.problems}
    assert checks["greater_than_or_equal_to"].examples == [(str(m), 2, "-3")]
    assert checks["unknown_value"].examples == [(str(m), 3, "crate")]


def test_bad_rows_report_mode_lists_every_rejected_row(tmp_path):
    rows = GOOD + ["1003;A-1;06.01.2025;twelve;10,00;INV;EUR;9003", "1003;A-1;06.01.2025;0;10,00;INV;EUR;9004"]
    lines = client.read_lines(write(tmp_path, rows), mapping={"is_return": "Doc Type"})
    data = client.build_tables(lines, bad_rows="report")
    assert data.rejected["file_row"].tolist() == [6, 7]
    assert data.rejected["quantity"].tolist() == ["twelve", "0"]
    rec = data.reconciliation.set_index("measure")
    assert rec.loc["invoice lines (rows)", "rejected"] == 2
    assert rec.loc["invoice lines (rows)", "accepted"] == len(GOOD)
    data.close()
