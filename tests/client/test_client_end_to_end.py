"""The consultant's path end to end: sample export, rate card round trip, CLI, reconciliation, pseudonyms."""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd
import pytest

import casekit as ck
from casekit import client
from casekit.cli import main
from casekit.client import sample as _sample  # noqa: F401  (client.sample)
from casekit.client.presentation import field_name

SAMPLE = Path(__file__).resolve().parents[2] / "datasets" / "client_sample"


def read_sheet(path, sheet, **kw) -> pd.DataFrame:
    """A workbook sheet with casekit's column names (the workbook shows headers for finance readers)."""
    return pd.read_excel(path, sheet_name=sheet, **kw).rename(columns=field_name)


def _german(v: str):
    try:
        return Decimal(v.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def _independent_totals():
    """Rows and net value of every sample file, read with the csv module and Decimal."""
    rows, sales, returns = 0, Decimal(0), Decimal(0)
    for f in sorted((SAMPLE / "invoices").glob("*.csv")):
        with open(f, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter=";"):
                rows += 1
                v = _german(r["Net Value"])
                if v is None:
                    continue
                if r["Doc Type"] == "CRN":
                    returns += v
                else:
                    sales += v
    return rows, sales, returns


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    rates = out / "rates.xlsx"
    assert main(["template", str(rates)]) == 0
    code = main([
        "analyze", str(SAMPLE / "invoices"), "--customers", str(SAMPLE / "customers.xlsx"),
        "--products", str(SAMPLE / "products.csv"), "--mapping", str(SAMPLE / "mapping.yaml"),
        "--rates", str(rates), "--out", str(out / "report"), "--skip-bad-rows", "--quiet"])
    return code, out / "report"


def test_cli_writes_every_output(run):
    code, out = run
    assert code == 0
    for name in ("profit_map.xlsx", "report.html", "reconciliation.csv", "rejected_rows.csv",
                 "figures/whale_curve.png", "figures/profit_map.png", "figures/segments.png",
                 "figures/price_waterfall.png"):
        assert (out / name).stat().st_size > 0, name
    sheets = pd.ExcelFile(out / "profit_map.xlsx").sheet_names
    for s in ("customer P&L", "customer x product", "segments", "whale curve", "top drains", "reconciliation"):
        assert s in sheets
    html = (out / "report.html").read_text()
    assert html.count("data:image/png;base64,") == 4 and "http" not in html.split("<body>")[1]


def test_customer_x_product_csv_holds_every_pair_worst_first(run):
    _, out = run
    pairs = pd.read_csv(out / "customer_x_product.csv", dtype={"customer_id": str, "product_id": str})
    customers = pd.read_csv(out / "customer_pnl.csv", dtype={"customer_id": str})
    assert not pairs.duplicated(["customer_id", "product_id"]).any()
    assert pairs["net_profit"].is_monotonic_increasing
    assert pairs["customer_name"].notna().all() and pairs["product_name"].notna().all()
    # Every pair, nothing lost: the pairs add up to the customers, customer by customer.
    by_customer = pairs.groupby("customer_id")[["revenue", "net_profit"]].sum()
    both = customers.set_index("customer_id")[["revenue", "net_profit"]].join(by_customer.add_suffix("_pairs"))
    assert (both["revenue"] - both["revenue_pairs"]).abs().max() < 0.005
    assert (both["net_profit"] - both["net_profit_pairs"]).abs().max() < 0.005
    sheet = read_sheet(out / "profit_map.xlsx", "customer x product", dtype={"Customer": str})
    assert sheet["customer_id"].tolist() == pairs["customer_id"].head(len(sheet)).tolist()


def test_customer_x_product_parquet_is_whole_when_the_run_returns(run):
    """The Parquet file of pairs is written beside the exhibits; the run returns only once it is whole."""
    _, out = run
    exact = pd.read_parquet(out / "customer_x_product.parquet")
    people = pd.read_csv(out / "customer_x_product.csv", dtype={"customer_id": str, "product_id": str})
    key = ["customer_id", "product_id"]
    both = exact.assign(**{k: exact[k].astype(str) for k in key}).merge(people, on=key, suffixes=("", "_csv"))
    assert len(both) == len(exact) == len(people)
    assert (both["net_profit"] - both["net_profit_csv"]).abs().max() <= 0.01


def test_a_failed_pairs_write_stops_the_run(tmp_path, monkeypatch):
    """The pairs are written on a thread of their own: its error still reaches the caller."""
    from casekit.client import pairs

    def full_disk(*args):
        raise OSError("No space left on device")

    monkeypatch.setattr(pairs, "write_pairs_parquet", full_disk)
    with pytest.raises(OSError, match="No space left"):
        client.analyze(SAMPLE / "invoices", customers=SAMPLE / "customers.xlsx", products=SAMPLE / "products.csv",
                       mapping=SAMPLE / "mapping.yaml", out=tmp_path, bad_rows="report", progress=False, echo=None)


def test_reconciliation_equals_input_totals_exactly(run):
    _, out = run
    rows, sales, returns = _independent_totals()
    rec = pd.read_csv(out / "reconciliation.csv", dtype=str).set_index("measure")
    assert int(rec.loc["invoice lines (rows)", "read"]) == rows
    assert Decimal(rec.loc["net sales (EUR, sales lines)", "read"]) == sales
    assert Decimal(rec.loc["returns credited (EUR, return lines)", "read"]) == returns
    for m in rec.index:
        r = rec.loc[m]
        assert Decimal(r["read"]) == Decimal(r["rejected"]) + Decimal(r["accepted"])
        assert Decimal(r["accepted"]) == Decimal(r["engine"]), m
    assert (rec["status"] == "ok").all()


def test_every_planted_bad_row_is_rejected_once(run):
    _, out = run
    rejected = pd.read_csv(out / "rejected_rows.csv", dtype=str)
    assert len(rejected) == len(client.sample.BAD_ROWS)
    assert rejected.duplicated(["file", "file_row"]).sum() == 0
    assert "twelve" in set(rejected["quantity"])
    assert any("2052" in str(v) for v in rejected["date"])


def test_cli_stops_on_bad_rows_without_skip(tmp_path, capsys):
    code = main(["analyze", str(SAMPLE / "invoices"), "--customers", str(SAMPLE / "customers.xlsx"),
                 "--mapping", str(SAMPLE / "mapping.yaml"), "--out", str(tmp_path), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert "2025-02.csv, column 'Qty (cases)' (quantity)" in err and "row 9 'twelve'" in err
    assert not (tmp_path / "profit_map.xlsx").exists()


def test_rate_card_round_trip_reaches_the_engine(tmp_path):
    """A rate changed in the Excel template changes exactly that activity's cost in the workbook."""
    path = client.template(tmp_path / "rates.xlsx")
    card = ck.RateCard.read(path)
    default = ck.RateCard.default().table
    assert card.table.drop(columns="rate").equals(default.drop(columns="rate"))
    assert card.table["rate"].to_numpy() == pytest.approx(default["rate"].to_numpy(), rel=1e-12)
    t = pd.read_excel(path, sheet_name="rates", dtype={"applies_to": str, "applies_value": str})
    t.loc[(t["activity"] == "delivery") & (t["driver"] == "deliveries"), "rate"] *= 2
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        t.to_excel(xl, sheet_name="rates", index=False)
    outs = {}
    for name, rates in (("default", None), ("doubled", path)):
        res = client.analyze(SAMPLE / "invoices", customers=SAMPLE / "customers.xlsx", mapping=SAMPLE / "mapping.yaml",
                             rates=rates, out=tmp_path / name, bad_rows="report", progress=False, echo=None)
        outs[name] = read_sheet(res.workbook, "customer P&L")
    a = outs["default"].set_index("customer_id").sort_index()
    b = outs["doubled"].set_index("customer_id").sort_index()
    # drops are charged per delivery; other activities are unchanged
    assert (b["cost_delivery"] >= a["cost_delivery"] - 0.01).all()
    assert (b["cost_picking"] - a["cost_picking"]).abs().max() < 0.01
    assert b["cost_delivery"].sum() > a["cost_delivery"].sum()
    assert (a["net_profit"] - b["net_profit"]).sum() == pytest.approx(
        (b["cost_delivery"] - a["cost_delivery"]).sum(), abs=1.0)


def test_anonymized_run_leaks_no_names_and_is_stable(tmp_path):
    key = client.load_key(tmp_path / "secret" / "k.key")
    masters = pd.read_excel(SAMPLE / "customers.xlsx", header=3)
    runs = []
    for i in range(2):
        out = tmp_path / f"out{i}"
        client.analyze(SAMPLE / "invoices", customers=SAMPLE / "customers.xlsx", products=SAMPLE / "products.csv",
                       mapping=SAMPLE / "mapping.yaml", out=out, bad_rows="report", progress=False, echo=None,
                       anonymize_key=key, pseudonyms_file=tmp_path / "secret" / "pseudonyms.csv")
        runs.append(read_sheet(out / "profit_map.xlsx", "customer P&L"))
        text = (out / "report.html").read_text() + (out / "rejected_rows.csv").read_text() + \
            (out / "customer_x_product.csv").read_text()
        for name in masters["Customer Name"].head(20):
            assert name not in text
        for number in masters["Customer Number"].astype(str).head(20):
            assert f",{number}," not in text
    assert runs[0]["customer_id"].tolist() == runs[1]["customer_id"].tolist()
    assert runs[0]["customer_id"].str.startswith("C-").all()
    table = pd.read_csv(tmp_path / "secret" / "pseudonyms.csv", dtype=str)
    assert set(runs[0]["customer_id"]) <= set(table["pseudonym"])
    assert not list(tmp_path.glob("out*/pseudonyms.csv"))


def test_suggested_mapping_reads_the_sample_headers():
    m = client.suggest_mapping(SAMPLE / "invoices")
    assert m["customer_id"] == "Sold-To" and m["quantity"] == "Qty (cases)" and m["date"] == "Inv Date"
    c = client.suggest_mapping(SAMPLE / "customers.xlsx", kind="customers")
    assert c["customer_id"] == "Customer Number" and c["distance_km"] == "Distance (km)"


def test_parquet_and_csv_give_the_same_tables(tmp_path):
    src = SAMPLE / "invoices" / "2025-01.csv"
    lines = client.read_lines(src, mapping=SAMPLE / "mapping.yaml")
    a = client.build_tables(lines, bad_rows="report")
    raw = pd.read_csv(src, sep=";", dtype=str, keep_default_na=False)
    for col in ("Qty (cases)", "Net Value", "Gross Value", "Off-Invoice Allow.", "Std Cost"):
        raw[col] = pd.to_numeric(raw[col].str.replace(".", "").str.replace(",", "."), errors="coerce")
    raw["Inv Date"] = pd.to_datetime(raw["Inv Date"], format="%d.%m.%Y", errors="coerce")
    raw.replace("", None).to_parquet(tmp_path / "jan.parquet", index=False)
    b = client.build_tables(client.read_lines(tmp_path / "jan.parquet", mapping=SAMPLE / "mapping.yaml"),
                            bad_rows="report")
    assert a.rejected["file_row"].tolist() == [r + 1 for r in b.rejected["file_row"].tolist()]
    pd.testing.assert_frame_equal(a.reconciliation, b.reconciliation)
    # The Parquet file's rows are typed through a view, the CSV's held in a table: the same engine tables.
    la, lb = (d.lines().drop(columns="line_id").sort_values(["order_id", "product_id", "cases"]).reset_index(drop=True)
              for d in (a, b))
    pd.testing.assert_frame_equal(la, lb)
    pd.testing.assert_frame_equal(a.orders().sort_values("order_id").reset_index(drop=True),
                                  b.orders().sort_values("order_id").reset_index(drop=True))
    a.close()
    b.close()


def test_a_folder_of_parquet_files_gives_the_tables_its_csv_files_give(tmp_path):
    """Monthly Parquet files are typed through one scan; each row keeps its own file and row number."""
    folder = tmp_path / "parquet"
    folder.mkdir()
    csvs = sorted((SAMPLE / "invoices").glob("*.csv"))
    for src in csvs:
        raw = pd.read_csv(src, sep=";", dtype=str, keep_default_na=False)
        for col in ("Qty (cases)", "Net Value", "Gross Value", "Off-Invoice Allow.", "Std Cost"):
            raw[col] = pd.to_numeric(raw[col].str.replace(".", "").str.replace(",", "."), errors="coerce")
        raw["Inv Date"] = pd.to_datetime(raw["Inv Date"], format="%d.%m.%Y", errors="coerce")
        raw.replace("", None).to_parquet(folder / f"{src.stem}.parquet", index=False)
    a = client.build_tables(client.read_lines(SAMPLE / "invoices", mapping=SAMPLE / "mapping.yaml"),
                            bad_rows="report")
    b = client.build_tables(client.read_lines(folder, mapping=SAMPLE / "mapping.yaml"), bad_rows="report")
    assert len(csvs) > 1 and len(b.files) == len(csvs)
    def where(d):
        return [(Path(f).stem, r) for f, r in zip(d.rejected["file"], d.rejected["file_row"])]

    assert where(a) == [(f, r + 1) for f, r in where(b)] and len(where(a)) > 1
    pd.testing.assert_frame_equal(a.reconciliation, b.reconciliation)
    assert a.files["rows"].tolist() == b.files["rows"].tolist()
    la, lb = (d.lines().sort_values(["order_id", "product_id", "cases"]).reset_index(drop=True) for d in (a, b))
    # line ids number a line by its file and row: one more in a CSV file, whose header is row 1
    assert (la.pop("line_id") - lb.pop("line_id") == 1).all()
    pd.testing.assert_frame_equal(la, lb)
    a.close()
    b.close()


def test_parquet_files_with_other_headers_and_types_are_checked_as_one_export(tmp_path):
    """Two exports with their own headers and column types: two scans, one set of checks across both."""
    pd.DataFrame({"Sold-To": ["1001", "1002"], "Material": ["A-1", "A-2"],
                  "Inv Date": pd.to_datetime(["2025-01-03", "2025-01-04"]),
                  "Qty": [5, 2], "Net Value": [12.5, 8.0]}).to_parquet(tmp_path / "jan.parquet")
    pd.DataFrame({"Customer": ["1001", "1003", "1001"], "Product": ["A-1", "A-2", "A-1"],
                  "Date": pd.to_datetime(["2025-02-03", "2025-02-04", "2025-01-03"]),
                  "Quantity": [5.0, 0.0, 5.0], "Net Amount": [12.5, 3.0, 12.5]}).to_parquet(tmp_path / "feb.parquet")
    data = client.build_tables(client.read_lines(tmp_path), bad_rows="report")
    got = [(Path(f).name, r, why.split(":")[0]) for f, r, why in data.rejected[["file", "file_row", "reasons"]].values]
    # jan's row 1 repeats feb's row 3 (integer against float cases): a duplicate all the same
    assert got == [("feb.parquet", 2, "quantity"), ("jan.parquet", 1, "row")]
    assert data.reconciliation.set_index("measure").loc["invoice lines (rows)", ["read", "accepted"]].tolist() == [5, 3]
    data.close()


def test_sample_regenerates_identically(tmp_path):
    """Same seed, same files (the shipped copy follows the generator: rerun casekit.client.sample)."""
    for d in ("a", "b"):
        client.sample.make_client_sample(tmp_path / d)
    for rel in ("invoices/2025-01.csv", "invoices/2025-02.csv", "invoices/2025-03.csv", "products.csv",
                "mapping.yaml"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
        first = (tmp_path / "a" / rel).read_text().splitlines()[0]
        assert first == (SAMPLE / rel).read_text().splitlines()[0], rel
    a = pd.read_excel(tmp_path / "a" / "customers.xlsx", header=None)
    b = pd.read_excel(tmp_path / "b" / "customers.xlsx", header=None)
    pd.testing.assert_frame_equal(a, b)


def test_shipped_sample_is_what_the_generator_writes(tmp_path):
    """Byte for byte, the workbook included: rerun `python -m casekit.client.sample datasets/client_sample`."""
    client.sample.make_client_sample(tmp_path)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    shipped = sorted(p.relative_to(SAMPLE) for p in SAMPLE.rglob("*") if p.is_file())
    assert written == shipped
    for rel in written:
        assert (tmp_path / rel).read_bytes() == (SAMPLE / rel).read_bytes(), rel


def test_sample_is_small():
    assert sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file()) < 1_000_000


def test_time_driven_run_reports_unused_capacity(tmp_path, capsys):
    """The consultant's time-driven path: template, edit, analyze; capacity shown, totals still reconcile."""
    path = tmp_path / "td.xlsx"
    assert main(["template", "--time-driven", str(path)]) == 0
    assert "--time-driven" in capsys.readouterr().out
    assert "how to fill in" in pd.ExcelFile(path).sheet_names
    # The client's customer service: 2 clerks, $120K a year, 12 minutes per manual order.
    resources = pd.read_excel(path, sheet_name="resources")
    times = pd.read_excel(path, sheet_name="times", dtype={"applies_to": str, "applies_value": str})
    resources.loc[resources["resource"] == "customer_service", ["cost_per_year", "hours_per_year"]] = [120_000, 4_000]
    manual = (times["driver"] == "orders") & times["applies_value"].isin(["phone/fax", "rep-taken"])
    times.loc[manual, "minutes"] = 12.0
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        times.to_excel(xl, sheet_name="times", index=False)
        resources.to_excel(xl, sheet_name="resources", index=False)
    card = ck.TimeDrivenCard.read(path)
    per_minute = 120_000 / (4_000 * 0.8 * 60)
    assert card.rate_card().rate("order_handling", "orders", "phone/fax") == pytest.approx(12 * per_minute)

    out = tmp_path / "report"
    code = main(["analyze", str(SAMPLE / "invoices"), "--customers", str(SAMPLE / "customers.xlsx"),
                 "--products", str(SAMPLE / "products.csv"), "--mapping", str(SAMPLE / "mapping.yaml"),
                 "--time-driven", str(path), "--out", str(out), "--skip-bad-rows", "--quiet"])
    assert code == 0
    capacity = read_sheet(out / "profit_map.xlsx", "unused capacity").set_index("resource")
    pnl = read_sheet(out / "profit_map.xlsx", "customer P&L")
    # The lines carry the used cost of customer service; the rest is shown, not spread.
    assert capacity.loc["customer_service", "cost_used"] == pytest.approx(pnl["cost_order_handling"].sum(), abs=0.05)
    supplied = capacity["cost_used"] + capacity["cost_unused"]
    assert supplied.to_numpy() == pytest.approx(capacity["cost_supplied"].to_numpy())
    # The sample covers three months: a quarter of a year's capacity.
    assert capacity.loc["customer_service", "cost_supplied"] == pytest.approx(120_000 / 4, rel=0.02)
    html = (out / "report.html").read_text()
    assert "Capacity (time-driven)" in html and "shown here, not spread" in html
    rec = pd.read_csv(out / "reconciliation.csv")
    assert (rec["status"] == "ok").all()
