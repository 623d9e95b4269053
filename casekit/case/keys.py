"""Ids of the case: labels such as C0001 or O000001, kept as categorical codes.

A benchmark company has millions of order ids; building them in Arrow and
keeping them as pandas categoricals (codes into one set of labels) saves
seconds and memory over Python strings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["id_labels", "id_codes", "from_codes"]


def id_labels(prefix: str, n: int, width: int) -> pd.Index:
    """The labels ``prefix`` + 1..n, zero-padded to ``width`` digits.

    Examples
    --------
    >>> id_labels("C", 3, 4).tolist()
    ['C0001', 'C0002', 'C0003']
    """
    # Built in Arrow: a benchmark company has millions of order ids, and
    # Python strings cost seconds there.
    digits = pc.utf8_lpad(pc.cast(pa.array(np.arange(1, n + 1)), pa.string()), width=width, padding="0")
    return pd.Index(pc.binary_join_element_wise(prefix, digits, ""), dtype="str")


def id_codes(prefix: str, n: int, width: int) -> pd.Categorical:
    """The ids 1..n as a categorical over their own labels.

    Examples
    --------
    >>> list(id_codes("R", 2, 2))
    ['R01', 'R02']
    """
    return pd.Categorical.from_codes(np.arange(n), categories=id_labels(prefix, n, width))


def from_codes(codes: np.ndarray, categories) -> pd.Categorical:
    """A categorical of ``codes`` into the labels of ``categories`` (a Categorical or an Index).

    Examples
    --------
    >>> list(from_codes(np.array([1, 0]), id_codes("P", 2, 4)))
    ['P0002', 'P0001']
    """
    cats = categories.categories if isinstance(categories, pd.Categorical) else categories
    return pd.Categorical.from_codes(codes, categories=cats)
