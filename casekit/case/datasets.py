"""The shipped classroom case: write it, check it, load it.

The case lives in ``casekit/data/`` (linked as ``datasets/``) as plain CSV (people open these in Excel),
one folder per era, with ``manifest.json`` recording the generator version,
the parameters, the seed and a SHA-256 checksum of every file.  Regenerating
from the manifest reproduces every file byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

import pandas as pd

from casekit._version import __version__
from casekit.case.catalogue import BRANDS, PICK_TYPES
from casekit.case.company import CHANNELS_OF_TRADE, ORDER_CHANNELS, REGIONS, Company, make_company
from casekit.case.dictionary import DATA_DICTIONARY

__all__ = ["CASES", "load_case", "write_case", "rebuild_datasets", "datasets_dir", "verify_datasets"]

CASES = {
    "precision": {"era": "precision", "seed": 14},
    "mass": {"era": "mass", "seed": 14},
}
"""The classroom cases: the same company (same seed) in each era."""

_ENUMS = {
    "channel_of_trade": list(CHANNELS_OF_TRADE.index),
    "region": REGIONS,
    "order_channel": ORDER_CHANNELS,
    "pick_type": PICK_TYPES,
    "brand": list(BRANDS),
    "category": sorted(set(BRANDS.values())),
}
_KEY_OWNERS = {"customer_id": "customers", "product_id": "products", "order_id": "orders",
               "rep_id": "reps"}


def datasets_dir() -> Path:
    """Return the folder holding the shipped case.

    The case ships inside the package (``casekit/data``), so a checkout and an
    installed wheel read the same files; ``datasets/`` at the top of the
    repository is a link to it for people browsing the checkout.

    Returns
    -------
    pathlib.Path
        The folder holding ``manifest.json`` and one folder per case.

    Examples
    --------
    >>> (datasets_dir() / "manifest.json").exists()
    True
    """
    packaged = resources.files("casekit") / "data"
    if not packaged.is_dir():
        raise FileNotFoundError(
            "casekit's datasets are missing: casekit/data does not exist. "
            "Reinstall casekit or run `casekit datasets --rebuild`."
        )
    return Path(str(packaged))


def _write_table(frame: pd.DataFrame, path: Path) -> None:
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d").astype(object).where(out[col].notna(), "")
    # lineterminator fixed so files are byte-identical on every platform.
    out.to_csv(path, index=False, lineterminator="\n")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_case(name: str, directory) -> dict:
    """Generate one classroom case and write its tables as CSV.

    Parameters
    ----------
    name : {"precision", "mass"}
        Which case of :data:`CASES`.
    directory : str or Path
        Folder to write ``<name>/<table>.csv`` into.

    Returns
    -------
    dict
        The manifest entry: parameters, seed, files and their checksums.

    Examples
    --------
    >>> import tempfile
    >>> entry = write_case("mass", tempfile.mkdtemp())
    >>> sorted(entry["files"])[:2]
    ['mass/customers.csv', 'mass/launches.csv']
    """
    if name not in CASES:
        raise ValueError(f"case {name!r} is not known; use one of {list(CASES)}.")
    directory = Path(directory)
    folder = directory / name
    folder.mkdir(parents=True, exist_ok=True)
    company = make_company(**CASES[name])
    files = {}
    for table, frame in company.tables().items():
        path = folder / f"{table}.csv"
        _write_table(frame, path)
        files[f"{name}/{table}.csv"] = _sha256(path)
    return {"generator": "casekit.make_company", "generator_version": __version__,
            "parameters": company.params, "files": files}


def rebuild_datasets(directory=None) -> dict:
    """Regenerate every classroom case and the manifest.

    Parameters
    ----------
    directory : str or Path, optional
        Where to write; the package's ``casekit/data/`` by default.

    Returns
    -------
    dict
        The manifest written to ``manifest.json``.

    Examples
    --------
    >>> import tempfile
    >>> manifest = rebuild_datasets(tempfile.mkdtemp())
    >>> sorted(manifest["cases"])
    ['mass', 'precision']
    """
    directory = Path(directory) if directory is not None else datasets_dir()
    manifest = {"company": "Beacon Brands (fictional)", "cases": {}}
    for name in CASES:
        manifest["cases"][name] = write_case(name, directory)
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def verify_datasets(directory=None) -> list[str]:
    """Check the shipped files against the manifest's checksums.

    Parameters
    ----------
    directory : str or Path, optional
        The folder to check; the shipped datasets by default.

    Returns
    -------
    list of str
        Files whose checksum differs or that are missing (empty when all is well).

    Examples
    --------
    >>> verify_datasets()
    []
    """
    directory = Path(directory) if directory is not None else datasets_dir()
    manifest = json.loads((directory / "manifest.json").read_text())
    bad = []
    for entry in manifest["cases"].values():
        for rel, digest in entry["files"].items():
            path = directory / rel
            if not path.exists() or _sha256(path) != digest:
                bad.append(rel)
    return bad


def _read_table(path: Path, table: str, keys: dict) -> pd.DataFrame:
    spec = DATA_DICTIONARY[DATA_DICTIONARY["table"] == table].set_index("column")
    frame = pd.read_csv(path, keep_default_na=False, na_values={"launch_id": [""], "launch_date": [""]},
                        dtype={c: str for c, t in spec["type"].items() if t in ("category", "string")})
    for col in frame.columns:
        kind = spec.loc[col, "type"] if col in spec.index else None
        if kind == "category":
            if col in _ENUMS:
                cats = _ENUMS[col]
            elif col == "launch_size":
                cats = ["established", "minor", "major"] if table == "products" else ["minor", "major"]
            elif col in keys and _KEY_OWNERS.get(col) != table:
                cats = keys[col]
            elif col == "delivery_id":
                cats = pd.unique(frame[col]).tolist()
            else:
                cats = frame[col].tolist()
            frame[col] = pd.Categorical(frame[col], categories=cats)
        elif kind == "datetime":
            frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d").astype("datetime64[us]")
        elif kind == "Int64":
            frame[col] = frame[col].astype("Int64")
        elif kind == "bool":
            frame[col] = frame[col].astype(bool)
    return frame


def load_case(name: str = "precision") -> Company:
    """Load a shipped classroom case, or a case written to a folder (a client's twin).

    Parameters
    ----------
    name : {"precision", "mass"} or path, default="precision"
        The Age of Precision Markets or the Age of Mass Markets version of
        the same fictional company, Beacon Brands; or a folder holding a
        ``manifest.json`` of one case and its tables (as ``casekit twin`` writes).

    Returns
    -------
    Company
        The same tables :func:`casekit.make_company` returns for the case's
        parameters.

    Examples
    --------
    >>> from casekit import load_case
    >>> co = load_case("precision")
    >>> co.params["seed"] == CASES["precision"]["seed"]
    True
    """
    if isinstance(name, pd.DataFrame):
        raise TypeError("load_case takes the name of a case ('precision' or 'mass'), not a DataFrame.")
    if name not in CASES and isinstance(name, (str, Path)) and Path(name).is_dir():
        return _load_folder(Path(name))
    if name not in CASES:
        raise ValueError(f"case {name!r} is not known; use one of {list(CASES)} or a folder holding manifest.json.")
    root = datasets_dir()
    manifest = json.loads((root / "manifest.json").read_text())
    return _load_tables(root / name, dict(manifest["cases"][name]["parameters"]))


def _load_folder(folder: Path) -> Company:
    path = folder / "manifest.json"
    if not path.exists():
        raise FileNotFoundError(f"{folder} holds no manifest.json: it is not a case folder.")
    cases = json.loads(path.read_text())["cases"]
    if len(cases) != 1:
        raise ValueError(f"{path} lists {len(cases)} cases; load_case(folder) reads a folder of one case.")
    entry = next(iter(cases.values()))
    tables_dir = folder / Path(next(iter(entry["files"]))).parent
    return _load_tables(tables_dir, dict(entry["parameters"]))


def _load_tables(folder: Path, params: dict) -> Company:
    keys: dict[str, list] = {}
    tables = {}
    for table in ("reps", "customers", "products", "orders", "lines", "launches"):
        frame = _read_table(folder / f"{table}.csv", table, keys)
        for key, owner in _KEY_OWNERS.items():
            if owner == table:
                keys[key] = frame[key].cat.categories.tolist()
        tables[table] = frame
    return Company(**tables, params=params)
