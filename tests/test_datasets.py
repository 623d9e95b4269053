import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import casekit as ck
from casekit import cli
from casekit.case.datasets import CASES, datasets_dir, rebuild_datasets, verify_datasets
from casekit.case.dictionary import DATA_DICTIONARY, describe_table

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_files_match_manifest():
    assert verify_datasets() == []


def test_rebuild_is_byte_identical(tmp_path):
    manifest = rebuild_datasets(tmp_path)
    shipped = json.loads((datasets_dir() / "manifest.json").read_text())
    assert manifest["cases"].keys() == shipped["cases"].keys()
    for name, entry in manifest["cases"].items():
        assert entry["files"] == shipped["cases"][name]["files"]
        for rel in entry["files"]:
            assert (tmp_path / rel).read_bytes() == (datasets_dir() / rel).read_bytes()


@pytest.mark.parametrize("name", list(CASES))
def test_load_case_equals_generator(name):
    loaded = ck.load_case(name)
    made = ck.make_company(**CASES[name])
    for table in loaded.TABLES:
        pd.testing.assert_frame_equal(getattr(loaded, table), getattr(made, table))


def test_load_case_errors():
    with pytest.raises(ValueError, match="case 'modern' is not known"):
        ck.load_case("modern")
    with pytest.raises(TypeError, match="not a DataFrame"):
        ck.load_case(pd.DataFrame())


def test_every_column_is_documented(precision_case, precision_pnl):
    for table, frame in precision_case.tables().items():
        documented = set(describe_table(table)["column"])
        assert set(frame.columns) == documented, table
    pnl_doc = set(describe_table("pnl")["column"])
    money = {c for c in precision_pnl.columns if not c.startswith("cost_") or c == "cost_to_serve"}
    assert money - {"line_id", "order_id", "customer_id", "product_id", "delivery_id", "rep_id",
                    "order_date", "cases", "returned_cases"} <= pnl_doc
    with pytest.raises(ValueError, match="not in the data dictionary"):
        describe_table("invoices")


def test_datasets_readme_shows_the_dictionary():
    text = (ROOT / "datasets" / "README.md").read_text()
    for col in DATA_DICTIONARY["column"]:
        assert f"`{col}`" in text, col


def test_cli_verifies_and_rebuilds(tmp_path, capsys):
    assert cli.main(["datasets"]) == 0
    assert "matches" in capsys.readouterr().out
    assert cli.main(["datasets", "--rebuild", "--dir", str(tmp_path)]) == 0
    (tmp_path / "mass" / "lines.csv").write_text("tampered\n")
    assert cli.main(["datasets", "--dir", str(tmp_path)]) == 1
    assert "mass/lines.csv" in capsys.readouterr().err


@pytest.mark.slow
def test_load_case_from_a_built_wheel(tmp_path):
    # Build the wheel, unpack it somewhere else and load the case from there:
    # proves the data ships inside the package, not only in the checkout.
    out = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True)
    wheel = next(out.glob("casekit-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        assert "casekit/data/precision/lines.csv" in names
        z.extractall(site)
    code = ("import casekit, sys; co = casekit.load_case('precision'); "
            "where = casekit.case.datasets.datasets_dir(); "
            "assert str(where).startswith(sys.argv[1]), where; "
            "print(len(co.lines))")
    res = subprocess.run([sys.executable, "-c", code, str(site)], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert res.returncode == 0, res.stderr
    assert int(res.stdout.strip()) == len(ck.load_case("precision").lines)
