"""Pseudonyms for customers, products and reps, so a client's data can be used in class.

A pseudonym is a keyed hash (HMAC-SHA256) of the original key: the same key
always gives the same pseudonym, so runs on new months line up, and without
the key nobody can recompute or reverse them.  The key and the table of
originals and pseudonyms stay with the consultant, at paths the consultant
chooses; nothing written to the output folder holds an original name.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

import pandas as pd

__all__ = ["pseudonym", "load_key", "anonymize_frames"]

_PREFIX = {"customer": "C-", "product": "P-", "rep": "R-", "order": "O-", "delivery": "D-", "ship_to": "S-"}


def pseudonym(value, key: bytes, kind: str = "customer", *, length: int = 8) -> str:
    """Return the stable pseudonym of one key.

    Examples
    --------
    >>> a = pseudonym("10042", b"secret")
    >>> a == pseudonym("10042", b"secret"), a == pseudonym("10042", b"other"), a[:2]
    (True, False, 'C-')
    """
    digest = hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return _PREFIX.get(kind, kind[:1].upper() + "-") + digest[:length]


def load_key(path) -> bytes:
    """Read the key from ``path``; create a random 256-bit key there if it does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "client.key"
    >>> load_key(p) == load_key(p)
    True
    """
    path = Path(path)
    if path.exists():
        text = path.read_text(encoding="utf-8").strip()
        if len(text) < 32:
            raise ValueError(f"{path}: the key file holds {len(text)} characters; a key needs at least 32 "
                             f"(delete the file to have casekit create a new one).")
        return text.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(token + "\n")
    return token.encode("utf-8")


def _table(values, key: bytes, kind: str) -> dict:
    out, seen = {}, {}
    for v in pd.unique(pd.Series(list(values), dtype=object).dropna()):
        length = 8
        p = pseudonym(v, key, kind, length=length)
        while p in seen and seen[p] != v:  # a collision: lengthen until unique
            length += 2
            p = pseudonym(v, key, kind, length=length)
        seen[p] = v
        out[v] = p
    return out


def anonymize_frames(key: bytes, *, pnl: pd.DataFrame, customers: pd.DataFrame, products: pd.DataFrame,
                     rejected: pd.DataFrame | None = None):
    """Replace customer, product and rep keys and names by pseudonyms.

    Parameters
    ----------
    key : bytes
        The secret key (see :func:`load_key`).
    pnl : pandas.DataFrame
        Costed P&L with ``customer_id``, ``product_id`` (and ``rep_id``) columns.
    customers : pandas.DataFrame
        Customer table with ``customer_id`` (and ``customer_name``, ``rep_id``).
    products : pandas.DataFrame
        Product table with ``product_id`` (and ``product_name``).
    rejected : pandas.DataFrame, optional
        Rows set aside: customer and product keys, order (billing),
        delivery and ship-to numbers become pseudonyms, the name columns are
        dropped and files are named without their folder.

    Returns
    -------
    tuple
        ``(pnl, customers, products, rejected, pseudonyms)``: copies of the
        frames with pseudonyms for keys and names (``rejected`` is ``None``
        when none was given), and the table ``kind``, ``original``,
        ``pseudonym``, ``name`` for the consultant to keep.

    Examples
    --------
    >>> import pandas as pd
    >>> cust = pd.DataFrame({"customer_id": ["1001"], "customer_name": ["Acme"], "rep_id": ["R7"]})
    >>> prod = pd.DataFrame({"product_id": ["A-7"], "product_name": ["Oats"]})
    >>> pnl = pd.DataFrame({"customer_id": ["1001"], "product_id": ["A-7"], "net_profit": [5.0]})
    >>> pnl2, cust2, prod2, rej, table = anonymize_frames(b"secret", pnl=pnl, customers=cust, products=prod)
    >>> pnl2["customer_id"].iloc[0] == cust2["customer_id"].iloc[0] != "1001", cust2["customer_name"].iloc[0][:2]
    (True, 'C-')
    >>> rej is None, table.columns.tolist(), table["kind"].tolist()
    (True, ['kind', 'original', 'pseudonym', 'name'], ['customer', 'product', 'rep'])
    """
    cmap = _table(customers["customer_id"].astype(str), key, "customer")
    pmap = _table(products["product_id"].astype(str), key, "product")
    rmap = _table(customers["rep_id"].astype(str), key, "rep") if "rep_id" in customers else {}
    table = pd.concat([
        pd.DataFrame({"kind": "customer", "original": list(cmap), "pseudonym": list(cmap.values()),
                      "name": customers.set_index(customers["customer_id"].astype(str))["customer_name"]
                      .reindex(list(cmap)).to_numpy() if "customer_name" in customers else None}),
        pd.DataFrame({"kind": "product", "original": list(pmap), "pseudonym": list(pmap.values()),
                      "name": products.set_index(products["product_id"].astype(str))["product_name"]
                      .reindex(list(pmap)).to_numpy() if "product_name" in products else None}),
        pd.DataFrame({"kind": "rep", "original": list(rmap), "pseudonym": list(rmap.values()), "name": None}),
    ], ignore_index=True)
    c = customers.copy()
    c["customer_id"] = c["customer_id"].astype(str).map(cmap)
    if "customer_name" in c:
        c["customer_name"] = c["customer_id"]
    if "rep_id" in c:
        c["rep_id"] = c["rep_id"].astype(str).map(rmap)
    p = products.copy()
    p["product_id"] = p["product_id"].astype(str).map(pmap)
    if "product_name" in p:
        p["product_name"] = p["product_id"]
    out = pnl.copy(deep=False)  # copy-on-write: the columns replaced below are new, the rest shared
    out.attrs = dict(pnl.attrs)
    for col, m in (("customer_id", cmap), ("product_id", pmap), ("rep_id", rmap)):
        if col not in out:
            continue
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            # Millions of pairs: rename the categories (pseudonyms are unique), not every row.
            cats = [m.get(str(v), str(v)) for v in out[col].cat.categories]
            if len(set(cats)) == len(cats):
                out[col] = out[col].cat.rename_categories(cats)
                continue
        out[col] = out[col].astype(str).map(lambda v, m=m: m.get(v, v))
    rej = None
    if rejected is not None:
        rej = rejected.copy()
        known = {"customer": cmap, "product": pmap}
        for col, kind in (("customer_id", "customer"), ("product_id", "product"), ("order_id", "order"),
                          ("delivery_id", "delivery"), ("ship_to", "ship_to")):
            if col in rej:
                rej[col] = [None if v is None or pd.isna(v) or str(v).strip() == "" else
                            known.get(kind, {}).get(str(v).strip(), pseudonym(str(v).strip(), key, kind))
                            for v in rej[col]]
        if "file" in rej:  # a folder path may name the client
            rej["file"] = [Path(str(v)).name for v in rej["file"]]
        rej = rej.drop(columns=[c for c in ("customer_name", "product_name") if c in rej])
    return out, c, p, rej, table
