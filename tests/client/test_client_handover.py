"""How the checked lines reach the engine: as SQL over the client's own Parquet files, or as a file written for it.

Both must cost the same lines, leave out the same rows set aside and
reconcile alike; the once-per-file look at how ids and flags are stored
(``stored_forms``) must type every row as the full parse does.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import duckdb
import pandas as pd
import pytest

from casekit import client, cost_to_serve
from casekit.client._row_checks import stored_forms, typed_select
from casekit.costing.query_table import QueryTable

SAMPLE = Path(__file__).resolve().parents[2] / "datasets" / "client_sample"
NUMBERS = ("Qty (cases)", "Net Value", "Gross Value", "Off-Invoice Allow.", "Std Cost")


@pytest.fixture(scope="module")
def sample_parquet(tmp_path_factory) -> Path:
    """The sample's monthly CSV files as Parquet, numbers and dates stored as such (its bad rows kept)."""
    folder = tmp_path_factory.mktemp("parquet")
    for src in sorted((SAMPLE / "invoices").glob("*.csv")):
        raw = pd.read_csv(src, sep=";", dtype=str, keep_default_na=False)
        for col in NUMBERS:
            raw[col] = pd.to_numeric(raw[col].str.replace(".", "").str.replace(",", "."), errors="coerce")
        raw["Inv Date"] = pd.to_datetime(raw["Inv Date"], format="%d.%m.%Y", errors="coerce")
        raw.replace("", None).to_parquet(folder / f"{src.stem}.parquet", index=False)
    return folder


@pytest.fixture(scope="module")
def both(sample_parquet):
    lines = client.read_lines(sample_parquet, mapping=SAMPLE / "mapping.yaml")
    written = client.build_tables(lines, bad_rows="report")
    queried = client.build_tables(lines, bad_rows="report", lines_as="query")
    yield written, queried
    written.close()
    queried.close()


def test_the_query_hands_over_the_lines_the_file_holds(both):
    written, queried = both
    assert isinstance(queried.tables["lines"], QueryTable) and isinstance(written.tables["lines"], str)
    assert not (queried.workdir / "lines.parquet").exists()
    # Rows were set aside (duplicates among them): the query must leave out exactly those.
    assert len(queried.rejected) > 1 and queried.rejected["reasons"].str.contains("row: ").any()
    a, b = (d.lines().sort_values("line_id").reset_index(drop=True) for d in (written, queried))
    pd.testing.assert_frame_equal(a, b)
    assert written.returns_credited > 0
    assert queried.returns_credited == pytest.approx(written.returns_credited, abs=1e-6)
    pd.testing.assert_frame_equal(queried.customers, written.customers)
    pd.testing.assert_frame_equal(queried.products, written.products)


def test_the_engine_costs_the_query_as_it_costs_the_file(both):
    written, queried = both
    for by in (None, ["customer_id", "product_id"]):
        a, b = (cost_to_serve(d.tables, by=by) for d in (written, queried))
        keys = ["line_id"] if by is None else by
        a, b = (x.sort_values(keys).reset_index(drop=True) for x in (a, b))
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12)
        rec = client.reconcile(queried, b if by else cost_to_serve(queried.tables, by=["customer_id"]))
        assert (rec["status"] == "ok").all(), rec


def test_the_query_runs_in_a_connection_of_its_own(both, tmp_path):
    _, queried = both
    table = queried.tables["lines"]
    copied = client.copy_tables(queried, tmp_path / "tables")
    pd.testing.assert_frame_equal(pd.read_parquet(copied["lines"]).sort_values("line_id").reset_index(drop=True),
                                  table.frame().sort_values("line_id").reset_index(drop=True))


def test_rows_parsed_from_text_are_handed_over_from_the_builds_own_file(tmp_path):
    lines = client.read_lines(SAMPLE / "invoices", mapping=SAMPLE / "mapping.yaml")
    written = client.build_tables(lines, bad_rows="report")
    queried = client.build_tables(lines, bad_rows="report", lines_as="query", workdir=tmp_path / "work")
    try:
        assert isinstance(queried.tables["lines"], QueryTable) and len(queried.rejected) > 1
        store = tmp_path / "work" / "typed_rows.duckdb"
        assert store.exists() and not (tmp_path / "work" / "lines.parquet").exists()
        a, b = (d.lines().sort_values("line_id").reset_index(drop=True) for d in (written, queried))
        pd.testing.assert_frame_equal(a, b)
        x, y = (cost_to_serve(d.tables, by=["customer_id", "product_id"]).sort_values(["customer_id", "product_id"])
                .reset_index(drop=True) for d in (written, queried))
        pd.testing.assert_frame_equal(x, y, check_exact=False, rtol=1e-12)
    finally:
        written.close()
        queried.close()
    assert not store.exists()


def test_an_unknown_handover_is_refused():
    lines = client.read_lines(SAMPLE / "invoices", mapping=SAMPLE / "mapping.yaml")
    with pytest.raises(ValueError, match="lines_as='file'"):
        client.build_tables(lines, lines_as="file")


def test_spark_is_told_to_write_the_query_to_parquet():
    from casekit.costing.spark import SparkRun

    run = SparkRun.__new__(SparkRun)  # no session needed: the refusal comes first
    with pytest.raises(TypeError, match="to_parquet"):
        run.register("lines", QueryTable(setup=(), query="SELECT 1"))


WORDS = ["CRN", "INV", " crn ", "Credit Note", "maybe", "", None, "Y"]


@pytest.mark.parametrize("padded", [False, True])
def test_stored_forms_type_every_row_as_the_full_parse(tmp_path, padded):
    n = len(WORDS)
    frame = pd.DataFrame({"Cust": [f"C{i}" for i in range(n)], "Prod": ["P1"] * n, "Doc": WORDS,
                          "Rush": list(reversed(WORDS)), "Qty": range(1, n + 1)})
    if padded:
        frame.loc[3, "Cust"] = " C3"
        frame.loc[5, "Prod"] = ""
    path = tmp_path / "jan.parquet"
    frame.to_parquet(path, index=False)
    con = duckdb.connect()
    con.execute(f"CREATE TEMP VIEW v AS SELECT row_number() OVER () AS _row, * FROM read_parquet('{path}')")
    cols = {"customer_id": "Cust", "product_id": "Prod", "is_return": "Doc", "rush": "Rush", "quantity": "Qty"}
    src = SimpleNamespace(kind="parquet", types={"Cust": "string", "Prod": "string", "Doc": "string",
                                                  "Rush": "string", "Qty": "int64"})
    forms = stored_forms(con, "v", cols, set(cols))
    assert (forms.get("customer_id") == "clean") is not padded and (forms.get("product_id") == "clean") is not padded
    assert forms["is_return"]["CRN"] == (True, False) and forms["is_return"]["maybe"] == (False, True)
    fast, full = (con.execute(typed_select(0, src, cols, {}, "v", present=set(cols), forms=f) + " ORDER BY _row").df()
                  for f in (forms, None))
    pd.testing.assert_frame_equal(fast, full)
    assert full["_bad_is_return"].sum() >= 1 and full["is_return"].sum() >= 2
    con.close()


def test_rows_parsed_from_text_are_held_in_a_file_the_build_removes(tmp_path, monkeypatch):
    import casekit.client.tables as tables

    seen = []
    build = tables._build

    def spy(con, *args):
        real = con.execute

        class Watch:  # records the build's statements on its own connection
            def execute(self, sql, *a):
                seen.append(sql)
                return real(sql, *a)

            def __getattr__(self, name):
                return getattr(con, name)

        return build(Watch(), *args)

    monkeypatch.setattr(tables, "_build", spy)
    lines = client.read_lines(SAMPLE / "invoices", mapping=SAMPLE / "mapping.yaml")
    data = client.build_tables(lines, bad_rows="report", workdir=tmp_path / "work")
    assert any(s.startswith("ATTACH") and tables._STORE in s for s in seen)
    assert any("CREATE TABLE _store._typed" in s for s in seen)
    assert not (tmp_path / "work" / tables._STORE).exists() and len(data.lines()) > 0
    data.close()
    with pytest.raises(client.ClientDataError):  # the sample's bad rows stop a run that does not set them aside
        client.build_tables(lines, workdir=tmp_path / "again")
    assert not (tmp_path / "again" / tables._STORE).exists()


def test_a_line_repeated_across_a_csv_and_a_parquet_export_is_one_duplicate(tmp_path):
    """Rows are hashed on their parsed values, so "12,50" in a CSV file meets 12.5 in a Parquet file."""
    (tmp_path / "jan.csv").write_text("Sold-To;Material;Inv Date;Qty;Net Value\n"
                                      "1001;A-7;03.01.2025;5;12,50\n1002;A-8;04.01.2025;2;8,00\n")
    pd.DataFrame({"Sold-To": ["1003", "1001"], "Material": ["A-9", "A-7"],
                  "Inv Date": pd.to_datetime(["2025-02-03", "2025-01-03"]).date,
                  "Qty": [1, 5], "Net Value": [4.0, 12.5]}).to_parquet(tmp_path / "feb.parquet")
    data = client.build_tables(client.read_lines([tmp_path / "jan.csv", tmp_path / "feb.parquet"]),
                               bad_rows="report")
    try:
        got = [(Path(f).name, r, why) for f, r, why in data.rejected[["file", "file_row", "reasons"]].values]
        assert [(f, r) for f, r, _ in got] == [("feb.parquet", 2)] and got[0][2].startswith("row:"), got
        assert data.reconciliation.set_index("measure").loc["invoice lines (rows)", "accepted"] == 3
    finally:
        data.close()


def test_orders_tell_two_customers_and_two_channels_apart_from_missing_ones():
    """_order_table compares hashes, not text: an order's second customer or channel is found, a missing one is
    not a second one, and an order whose lines disagree on the channel takes the one most of them name."""
    from casekit.client.tables import _order_table

    lines = [("O1", "C1", "Web"), ("O1", "C1", "Phone"), ("O1", "C1", "Phone"),
             ("O2", "C1", "EDI"), ("O2", "C1", None),
             ("O3", "C1", "EDI"), ("O3", "C2", "EDI"),
             ("O4", "C3", "Web"), ("O4", None, "Web"),
             (None, "C4", "Rep"), (None, "C4", "Rep")]
    con = duckdb.connect()
    con.register("_lines", pd.DataFrame(lines, columns=["order_id", "customer_id", "order_channel"]))
    con.execute("CREATE TEMP VIEW typed AS SELECT order_id, customer_id, DATE '2025-01-02' AS date, order_channel, "
                "CAST(NULL AS VARCHAR) AS delivery_id, CAST(NULL AS VARCHAR) AS ship_to, false AS rush FROM _lines")
    _order_table(con, "typed", "upper(t.order_channel)")
    got = {r[0]: r[1:] for r in con.execute("SELECT order_id, _conflict, _mixed, order_channel, "
                                            "CASE WHEN NOT _conflict THEN customer_id END FROM _orders").fetchall()}
    assert got == {"O1": (False, True, "PHONE", "C1"), "O2": (False, False, "EDI", "C1"),
                   "O3": (True, False, "EDI", None), "O4": (False, False, "WEB", "C3"),
                   "C4 2025-01-02": (False, False, "REP", "C4")}


def test_an_export_without_order_or_delivery_numbers_gets_them_from_the_customer_and_day(tmp_path):
    path = tmp_path / "jan.csv"
    path.write_text("Sold-To;Material;Inv Date;Qty;Net Value\n1001;A-7;03.01.2025;5;12,50\n"
                    "1001;A-8;03.01.2025;2;8,00\n1002;A-7;04.01.2025;1;2,50\n", encoding="utf-8")
    data = client.build_tables(client.read_lines(path))
    try:
        orders = data.orders().sort_values("order_id")
        assert orders["order_id"].tolist() == ["1001 2025-01-03", "1002 2025-01-04"]
        assert orders["delivery_id"].tolist() == ["1001  2025-01-03", "1002  2025-01-04"]  # no ship-to between
        assert sorted(data.lines()["order_id"]) == ["1001 2025-01-03", "1001 2025-01-03", "1002 2025-01-04"]
    finally:
        data.close()
