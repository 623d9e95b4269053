"""Excel headers over two or more rows, with merged cells: one name per column.

BI and ERP exports (SAP Analysis for Office, Power BI "export with layout")
put a group name over several columns in a merged cell (``Billing`` over
``Doc`` and ``Date``) and merge single headers down over the rows of the
group row.  openpyxl's read-only mode, which keeps large sheets cheap, does
not report merged cells, so :func:`merged_ranges` reads them from the
sheet's XML; :func:`fill_merged` copies each merged value into every cell it
covers; :func:`header_top` finds where the header block starts and
:func:`flatten_header` joins each column's parts into one name
(``Billing Date``), dropping a group name the column's own name already
holds (``Qty`` over ``Billed Qty`` gives ``Billed Qty``).
"""

from __future__ import annotations

import re

from casekit.client.fields import normalize_header

__all__ = ["merged_ranges", "fill_merged", "header_top", "flatten_header"]

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_CHUNK = 1 << 20


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + ord(ch) - 64
    return n


def merged_ranges(ws) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a read-only openpyxl worksheet, as 1-based ``(row1, col1, row2, col2)``.

    Examples
    --------
    >>> import io, openpyxl
    >>> wb = openpyxl.Workbook()
    >>> wb.active.merge_cells("B1:C1")
    >>> buf = io.BytesIO(); wb.save(buf)
    >>> merged_ranges(openpyxl.load_workbook(buf, read_only=True).active)
    [(1, 2, 1, 3)]
    """
    get = getattr(ws, "_get_source", None)  # private, but the only way to the XML in read-only mode
    if get is None:
        return [tuple(r.bounds[i] for i in (1, 0, 3, 2)) for r in getattr(ws, "merged_cells", [])]
    out, tail = [], b""
    with get() as fh:
        while chunk := fh.read(_CHUNK):
            text = tail + chunk
            found = list(_MERGE.finditer(text))
            out += [(int(m.group(2)), _col(m.group(1)), int(m.group(4)), _col(m.group(3))) for m in found]
            # keep the end of the chunk: a mergeCell may be cut in two
            cut = max(found[-1].end() if found else 0, len(text) - 200)
            tail = text[cut:]
    return sorted(set(out))


def fill_merged(rows: list, merges, *, upto: int) -> list:
    """Copy each merged range's value into every cell it covers, for ranges within the first ``upto`` rows.

    Returns new rows (lists); ``rows`` is left as it is.

    Examples
    --------
    >>> fill_merged([["Billing", None, "Qty"], ["Doc", "Date", "Billed Qty"]], [(1, 1, 1, 2)], upto=30)
    [['Billing', 'Billing', 'Qty'], ['Doc', 'Date', 'Billed Qty']]
    """
    out = [list(r) for r in rows]
    for r1, c1, r2, c2 in merges:
        if r2 > upto or r1 > len(out):
            continue
        value = out[r1 - 1][c1 - 1] if c1 - 1 < len(out[r1 - 1]) else None
        for i in range(r1 - 1, min(r2, len(out))):
            if len(out[i]) < c2:
                out[i] += [None] * (c2 - len(out[i]))
            for j in range(c1 - 1, c2):
                out[i][j] = value
    return out


def header_top(rows: list, h: int, merges, width: int) -> int:
    """The first row (0-based) of the header block that ends at row ``h``.

    A row above joins the block when a merged cell in it groups columns
    (spans two or more, not the whole table: that is a title) or reaches down
    into the row below; a title (one value across, from column A) does not.

    Examples
    --------
    >>> rows = [["Sales 2025", None, None, None], ["Billing", "Billing", "Qty", "Qty"], ["Doc", "Date", "A", "B"]]
    >>> header_top(rows, 2, [(1, 1, 1, 4), (2, 1, 2, 2), (2, 3, 2, 4)], 4)
    1
    """
    top = h
    while top > 0:
        i = top - 1  # 0-based row above; Excel row i + 1
        row = [c for c in rows[i][:width] if c is not None and str(c).strip()]
        joins = any(
            r1 <= i + 1 <= r2 and c1 <= width
            and (r2 >= i + 2 or (c2 > c1 and not (c1 == 1 and c2 >= width)))
            for r1, c1, r2, c2 in merges)
        if not row or not joins or (len({str(c) for c in row}) < 2 and str(rows[i][0] or "").strip()):
            break
        top = i
    return top


def flatten_header(rows: list) -> list:
    """One name per column from the rows of a header block (top first).

    Parts repeated down a column (a cell merged down) count once; a part the
    next part already holds (``Qty`` over ``Billed Qty``) is dropped.

    Examples
    --------
    >>> flatten_header([["Sold-To", "Billing", "Billing", "Qty", "Values"],
    ...                 ["Sold-To", "Doc", "Date", "Billed Qty", "Net value"]])
    ['Sold-To', 'Billing Doc', 'Billing Date', 'Billed Qty', 'Values Net value']
    """
    width = max(len(r) for r in rows)
    names = []
    for j in range(width):
        parts = []
        for r in rows:
            v = r[j] if j < len(r) else None
            v = str(v).strip() if v is not None else ""
            if v and (not parts or parts[-1] != v):
                parts.append(v)
        kept = [p for k, p in enumerate(parts)
                if k == len(parts) - 1 or normalize_header(p) not in normalize_header(parts[k + 1])]
        names.append(" ".join(kept) or None)
    return names
