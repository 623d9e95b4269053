"""From the client's column names to casekit's: reading, writing and settling a mapping.

A client's export rarely uses casekit's names.  A *mapping* says which client
column holds each casekit field, one section per file kind (``lines``,
``customers``, ``products``)::

    lines:
      customer_id: "Cust #"
      quantity: "Qty: billed"
    customers:
      customer_id: Customer Number

It is YAML (read with ``yaml.safe_load``): quote a header that holds ``#``
after a space, ``": "``, or starts with ``%``, ``,``, ``|`` or a quote;
:func:`write_mapping` quotes where YAML needs it.  :func:`suggest_mapping`
proposes one from a file's headers; anything it cannot place is left for the
consultant.  A mapping may also carry reading options (``sheet``,
``decimal``, ``encoding``, ``delimiter``, ``date_format``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import yaml

from casekit.client.fields import OPTIONS, REQUIRED, fields, known_headers, suggest_for_headers
from casekit.client.reading import expand_paths, open_source
from casekit.client.validation import ClientDataError, Problem

__all__ = ["read_mapping", "write_mapping", "suggest_mapping", "draft_mapping", "resolve_columns",
           "reading_options"]


def suggest_mapping(path, *, kind: str = "lines", sheet=None) -> dict:
    """Propose a column mapping for a client file from its headers.

    Parameters
    ----------
    path : str or Path
        A CSV, Excel or Parquet file, or a folder of them (the first file is
        read).
    kind : {"lines", "customers", "products"}, default="lines"
        What the file holds.
    sheet : str, optional
        Excel sheet to read.

    Returns
    -------
    dict
        ``{casekit field: client column}`` for every field recognised.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "export.csv"
    >>> _ = p.write_text("Sold-To;Material;Inv Date;Qty;Net Value\\n1001;A-7;01.03.2025;5;12,50\\n")
    >>> suggest_mapping(p)["quantity"]
    'Qty'
    """
    first = expand_paths(path, what=kind)[0]
    src = open_source(first, sheet=sheet, expected=known_headers(kind))
    return suggest_for_headers(src.columns, kind)


def _load_yaml(path: Path) -> dict:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" on line {mark.line + 1}" if mark is not None else ""
        raise ValueError(f"{path}: not valid YAML{where} ({getattr(exc, 'problem', None) or exc}). Put quotes "
                         f"around a value that holds ': ' or ' #' or starts with %, a comma or |, e.g. "
                         f"date_format: \"%d.%m.%Y\".") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: a mapping file holds 'section:' lines (lines, customers, products) with "
                         f"'field: column' lines below them; got a {type(loaded).__name__}.")
    return loaded


def read_mapping(mapping) -> dict:
    """Read a mapping from a dict, a YAML/JSON file, or a CSV/Excel sheet.

    Parameters
    ----------
    mapping : dict, str or Path
        ``{"lines": {field: column, ...}, "customers": {...}, "products": {...}}``;
        a flat dict is taken as the ``lines`` section.  Files: ``.yaml``/``.yml``
        (sections as above), ``.json``, or ``.csv``/``.xlsx`` with columns
        ``file`` (lines, customers, products), ``casekit`` and ``client``.

    Returns
    -------
    dict
        The mapping with the three sections (empty ones included).

    Examples
    --------
    >>> read_mapping({"quantity": "Qty"})["lines"]
    {'quantity': 'Qty'}
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "mapping.yaml"
    >>> _ = p.write_text('lines:\\n  customer_id: "Cust #"  # the sold-to\\n  quantity: "Qty: billed"\\n',
    ...                  encoding="utf-8")
    >>> read_mapping(p)["lines"]
    {'customer_id': 'Cust #', 'quantity': 'Qty: billed'}
    """
    out = {"lines": {}, "customers": {}, "products": {}}
    if mapping is None:
        return out
    source = "mapping"
    if isinstance(mapping, (str, Path)):
        path = Path(mapping)
        source = str(path)
        if not path.is_file():
            raise ClientDataError([Problem(file=source, column="", check="file", message="mapping file not found",
                                           fix="check the path.")])
        suffix = path.suffix.lower()
        if suffix in (".yaml", ".yml"):
            mapping = _load_yaml(path)
        elif suffix == ".json":
            mapping = json.loads(path.read_text(encoding="utf-8"))
        elif suffix in (".csv", ".xlsx"):
            table = pd.read_csv(path, dtype=str) if suffix == ".csv" else pd.read_excel(path, dtype=str)
            missing = [c for c in ("casekit", "client") if c not in table.columns]
            if missing:
                raise ValueError(f"{source}: a mapping table needs columns file, casekit, client; "
                                 f"{missing} missing.")
            table = table.fillna("")
            mapping = {}
            for r in table.itertuples():
                section = getattr(r, "file", "") or "lines"
                mapping.setdefault(section, {})[r.casekit.strip()] = r.client.strip()
        else:
            raise ValueError(f"{source}: a mapping is .yaml, .yml, .json, .csv or .xlsx.")
    if not isinstance(mapping, dict):
        raise TypeError(f"mapping must be a dict or a file path; got {type(mapping).__name__}.")
    if not any(k in out for k in mapping):
        mapping = {"lines": mapping}
    for section, entries in mapping.items():
        if section not in out:
            raise ValueError(f"{source}: unknown section {section!r}; use lines, customers or products.")
        if entries is not None and not isinstance(entries, dict):
            raise ValueError(f"{source}: section {section!r} holds 'field: column' lines; got {entries!r}.")
        entries = dict(entries or {})
        known = set(fields(section)) | set(OPTIONS)
        bad = [k for k in entries if k not in known]
        if bad:
            raise ValueError(f"{source}: section {section!r} names unknown casekit field(s) {bad}; "
                             f"known fields: {fields(section)} and options {list(OPTIONS)}.")
        out[section] = {k: str(v) for k, v in entries.items() if v is not None and str(v) != ""}
    return out




def write_mapping(mapping: dict, path) -> None:
    """Write a mapping as YAML (sections lines, customers, products).

    Parameters
    ----------
    mapping : dict, str or Path
        Anything :func:`read_mapping` accepts; it is checked first.
    path : str or Path
        The ``.yaml`` file to write (its folder must exist).

    Returns
    -------
    None
        The file holds one section per file kind, values quoted where YAML
        needs it; :func:`read_mapping` reads it back unchanged.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "mapping.yaml"
    >>> write_mapping({"lines": {"customer_id": "Cust #", "quantity": "Menge (Kästen)"}}, p)
    >>> print(p.read_text(encoding="utf-8"))
    # casekit column mapping: casekit field: client column
    lines:
      customer_id: 'Cust #'
      quantity: Menge (Kästen)
    customers: {}
    products: {}
    <BLANKLINE>
    >>> read_mapping(p)["lines"]
    {'customer_id': 'Cust #', 'quantity': 'Menge (Kästen)'}
    """
    mapping = read_mapping(mapping)
    text = yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    Path(path).write_text("# casekit column mapping: casekit field: client column\n" + text, encoding="utf-8")


def _yaml_value(v: str) -> str:
    return yaml.safe_dump(v, allow_unicode=True, default_style=None, width=1000).strip().removesuffix("...").strip()


def draft_mapping(lines, *, customers=None, products=None) -> str:
    """Write the suggested mapping as YAML text, every field it could not place listed as a comment to fill in.

    Parameters
    ----------
    lines : str, Path or list
        The invoice-line export (a file or folder; the first file's headers are read).
    customers, products : str or Path, optional
        The masters.

    Returns
    -------
    str
        YAML that :func:`read_mapping` reads: per section, the fields placed
        (``field: column``), then each unplaced field as a commented line
        (``# field:``) with its meaning, required ones marked, and the
        client's columns left unused.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "export.csv"
    >>> _ = p.write_text("Sold-To;Material;Billing Date;Stk;Net Value\\n1001;A-7;01.03.2025;5;12,50\\n")
    >>> text = draft_mapping(p)
    >>> print(text.split("\\n")[4:7])
    ['  customer_id: Sold-To', '  product_id: Material', '  date: Billing Date']
    >>> "  # quantity:     # REQUIRED: Cases shipped" in text, "columns not placed: Stk" in text
    (True, True)
    """
    from casekit.client.fields import FIELDS

    out = ["# casekit column mapping: casekit field: client column",
           "# Fill in each commented field the client has (remove the '# ' and write the column after the colon)."]
    for kind, path in (("lines", lines), ("customers", customers), ("products", products)):
        if path is None:
            out.append(f"{kind}: {{}}")
            continue
        first = expand_paths(path, what=kind)[0]
        src = open_source(first, expected=known_headers(kind))
        placed = suggest_for_headers(src.columns, kind)
        out.append(f"{kind}:")
        out.append(f"  # from {first.name}")
        for f, c in placed.items():
            out.append(f"  {f}: {_yaml_value(c)}")
        meanings = FIELDS[FIELDS["kind"] == kind].set_index("field")
        required = REQUIRED if kind == "lines" else [f"{kind[:-1]}_id"]
        amount_missing = kind == "lines" and not {"net_amount", "invoice_price"} & set(placed)
        for f in fields(kind):
            if f in placed:
                continue
            need = f in required or (amount_missing and f in ("net_amount", "invoice_price"))
            tag = ("REQUIRED: " if f in required else "REQUIRED (this or the other amount): " if need else "")
            out.append(f"  # {f}:     # {tag}{meanings.loc[f, 'meaning']}")
        unused = [c for c in src.columns if c not in placed.values()]
        if unused:
            out.append(f"  # columns not placed: {', '.join(unused)}")
    return "\n".join(out) + "\n"


def reading_options(section: dict, *, sheet=None, encoding=None, delimiter=None) -> dict:
    """Merge the reading options given as arguments with those of a mapping section (arguments win).

    Examples
    --------
    >>> reading_options({"sheet": "Jan", "encoding": "latin-1"}, encoding="utf-8")
    {'sheet': 'Jan', 'encoding': 'utf-8', 'delimiter': None}
    """
    return {"sheet": sheet if sheet is not None else section.get("sheet"),
            "encoding": encoding or section.get("encoding"),
            "delimiter": delimiter or section.get("delimiter")}


def resolve_columns(src, kind: str, given: dict) -> dict:
    """Settle which column of one file feeds each field: the user's mapping first, suggestions for the rest.

    Parameters
    ----------
    src : casekit.client.reading.Source
        The opened file.
    kind : {"lines", "customers", "products"}
        The file kind.
    given : dict
        The kind's mapping section (reading options are ignored).

    Returns
    -------
    dict
        ``{casekit field: client column}`` in the order of :data:`casekit.client.FIELDS`.

    Raises
    ------
    ClientDataError
        The mapping names a column the file lacks, or a required field has no column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Cust #;Material;Inv Date;Menge;Net Value\\n1001;A-7;03.01.2025;5;12,50\\n")
    >>> resolve_columns(open_source(p), "lines", {"customer_id": "Cust #", "quantity": "Menge"})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'customer_id': 'Cust #', 'product_id': 'Material', 'date': 'Inv Date', 'quantity': 'Menge',
     'net_amount': 'Net Value'}
    """
    given = {k: v for k, v in given.items() if k not in OPTIONS}
    missing_cols = [(f, c) for f, c in given.items() if c not in src.columns]
    if missing_cols:
        problems = [Problem(file=str(src.path), column=c, field=f, check="unmapped_column",
                            message=f"the mapping says {f} is in column {c!r}, but the file has no such "
                                    f"column (its headers: {src.columns})",
                            fix=f"correct '{f}: {c}' in the mapping to one of the headers.")
                    for f, c in missing_cols]
        raise ClientDataError(problems)
    suggested = suggest_for_headers([c for c in src.columns if c not in given.values()], kind)
    cols = {**{f: c for f, c in suggested.items() if f not in given}, **given}
    required = REQUIRED if kind == "lines" else [f"{kind[:-1]}_id"]
    missing = [f for f in required if f not in cols]
    if kind == "lines" and "net_amount" not in cols and "invoice_price" not in cols:
        missing.append("net_amount (or invoice_price)")
    if missing:
        problems = [Problem(file=str(src.path), column=f.split(" ")[0], field=f, check="missing_column",
                            message=f"no column for the required field {f}; the headers are {src.columns}",
                            fix=f"add '{f.split(' ')[0]}: <client column>' to the {kind} section of the mapping "
                                f"(`casekit mapping EXPORT... -o mapping.yaml` writes one to fill in).")
                    for f in missing]
        raise ClientDataError(problems)
    return {f: cols[f] for f in fields(kind) if f in cols}
