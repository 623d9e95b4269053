"""A table given to the engine as DuckDB SQL over files, instead of as a file of its rows.

A client's checked invoice lines are, row for row, the client's own Parquet
files typed and filtered; writing them out again only for the engine to read
them back cost 3.4 s of a 20 s run at 10 M lines.  A :class:`QueryTable`
carries the SQL that makes the table (views over the files, then one
SELECT), and :func:`casekit.cost_to_serve` runs it inside its own connection
as if it were the table.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pandas as pd

__all__ = ["QueryTable"]


@dataclasses.dataclass(frozen=True)
class QueryTable:
    """A table made by DuckDB SQL over files: views to create first, then the query.

    The statements may read only files (``read_parquet``), never a table
    or view of another connection, so that any connection can make the
    table; they stay valid as long as the files do.

    Parameters
    ----------
    setup : tuple of str
        ``CREATE TEMP VIEW`` statements, run in order.
    query : str
        The SELECT giving the table's rows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.parquet"
    >>> pd.DataFrame({"qty": [5, -2, 7]}).to_parquet(p)
    >>> t = QueryTable(setup=(f"CREATE TEMP VIEW jan AS SELECT * FROM read_parquet('{p}')",),
    ...                query="SELECT qty AS cases FROM jan WHERE qty > 0")
    >>> sorted(t.frame()["cases"].tolist())
    [5, 7]
    >>> out = t.to_parquet(p.parent / "cases.parquet")
    >>> len(pd.read_parquet(out))
    2
    """

    setup: tuple[str, ...]
    query: str

    def register(self, con, name: str) -> None:
        """Make the table the temporary view ``name`` of ``con``."""
        for statement in self.setup:
            con.execute(statement)
        con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {self.query}")

    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame (small data only), typed as :func:`pandas.read_parquet` types a file of them."""
        con = duckdb.connect()
        try:
            self.register(con, "_query_table")
            return con.sql("SELECT * FROM _query_table").to_arrow_table().to_pandas()
        finally:
            con.close()

    def to_parquet(self, path) -> Path:
        """Write the rows to the Parquet file ``path``; return it."""
        path = Path(path)
        con = duckdb.connect()
        try:
            self.register(con, "_query_table")
            con.execute("COPY (SELECT * FROM _query_table) TO '" + str(path).replace("'", "''")
                        + "' (FORMAT parquet)")
        finally:
            con.close()
        return path
