"""The client's invoice-line files, opened and mapped: which column feeds which field, in which format.

:func:`read_lines` opens every file (CSV of any dialect, Excel, Parquet; a
folder of monthly files), settles the mapping and sniffs number and date
formats; nothing is read in full until :func:`casekit.client.build_tables`.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from casekit.client.fields import OPTIONS, fields, known_headers, normalize_header
from casekit.client.formats import detect_formats, settle_day_month
from casekit.client.mapping import read_mapping, reading_options, resolve_columns
from casekit.client.reading import expand_paths, open_source

__all__ = ["ClientLines", "read_lines"]


@dataclasses.dataclass
class ClientLines:
    """Hold the invoice-line files, opened and mapped (not yet read in full).

    Built by :func:`read_lines`; pass it to :func:`casekit.client.build_tables`.

    Parameters
    ----------
    sources : list of Source
        The files, opened and sniffed.
    columns : list of dict
        Per file: ``{casekit field: client column}``.
    formats : list of dict
        Per file: ``{"decimal": ..., "date_format": ...}`` detected or given.
    mapping : dict
        The ``lines`` mapping as the user gave it, for the report.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Sold-To;Material;Inv Date;Qty;Net Value\\n1001;A-7;03.01.2025;5;12,50\\n")
    >>> lines = read_lines(p)
    >>> lines
    ClientLines(1 file(s): ['jan.csv']...)
    >>> lines.fields
    ['customer_id', 'product_id', 'date', 'quantity', 'net_amount']
    >>> lines.describe().columns.tolist()[:4]
    ['file', 'read as', 'decimal', 'date format']
    """

    sources: list
    columns: list          # per source: {field: client column}
    formats: list          # per source: {"decimal": ..., "date_format": ...}
    mapping: dict          # the lines mapping as given (user's), for the report

    def __repr__(self) -> str:
        return f"ClientLines({len(self.sources)} file(s): {[s.name for s in self.sources][:4]}...)"

    @property
    def fields(self) -> list:
        """casekit fields found in at least one file."""
        return [f for f in fields("lines") if any(f in c for c in self.columns)]

    def describe(self) -> pd.DataFrame:
        """One row per file: how it was read and which column feeds each field."""
        rows = []
        for src, cols, fmt in zip(self.sources, self.columns, self.formats):
            rows.append({"file": str(src.path), "read as": "; ".join(src.notes),
                         "decimal": fmt.get("decimal", ""), "date format": fmt.get("date_format", ""),
                         **{f: cols.get(f, "") for f in fields("lines")}})
        return pd.DataFrame(rows)



def read_lines(paths, *, mapping=None, sheet=None, encoding=None, delimiter=None) -> ClientLines:
    """Open the client's invoice-line files and settle which column feeds which field.

    Parameters
    ----------
    paths : str, Path or list
        Files (CSV of any delimiter and encoding, Excel, Parquet), folders of
        monthly files, or glob patterns.
    mapping : dict or path, optional
        ``{field: client column}`` (or a file, see :func:`casekit.client.read_mapping`);
        fields it leaves out are suggested from the headers.
    sheet, encoding, delimiter : str, optional
        Override what is detected (also settable in the mapping).

    Returns
    -------
    ClientLines
        The opened files with, per file, the columns used and the number and
        date formats detected.  Nothing is read in full until
        :func:`casekit.client.build_tables`.

    Raises
    ------
    ClientDataError
        A file is missing, empty, unreadable or lacks a required column, or
        no date in it says whether day or month comes first (the mapping's
        ``date_format`` answers).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Sold-To;Material;Inv Date;Qty;Net Value\\n1001;A-7;03.01.2025;5;12,50\\n")
    >>> lines = read_lines(p)
    >>> lines.columns[0]["quantity"], lines.formats[0]["decimal"]
    ('Qty', ',')
    """
    section = read_mapping(mapping)["lines"]
    opts = reading_options(section, sheet=sheet, encoding=encoding, delimiter=delimiter)
    files = expand_paths(paths, what="invoice-line")
    expected = known_headers("lines") | {normalize_header(v) for k, v in section.items() if k not in OPTIONS}
    sources, columns, formats = [], [], []
    for f in files:
        src = open_source(f, expected=expected, **opts)
        cols = resolve_columns(src, "lines", section)
        sources.append(src)
        columns.append(cols)
        formats.append(detect_formats(src, "lines", cols, section))
    settle_day_month(sources, columns, formats, given=section.get("date_format"))
    return ClientLines(sources=sources, columns=columns, formats=formats, mapping=section)
