"""Run the costing query on Apache Spark, for data that lives in a data lake or outgrows one machine.

``cost_to_serve(..., engine="spark")`` sends Spark the statements that
:mod:`casekit.costing.query` writes from the driver table, the same ones DuckDB
runs, and takes the result back as Arrow (no ``toPandas`` conversion).  Tables
are read from Parquet (files or folders, local or on any file system the
cluster can reach); tables given as DataFrames are written to a temporary
Parquet folder first, which suits tests and small cases, not a data lake.

Point it at a cluster by building the session yourself and passing it::

    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("spark://host:7077").getOrCreate()
    ck.cost_to_serve({"lines": "s3a://bucket/lines/", ...}, by="customer_id", engine="spark", spark=spark)

pyspark is imported only here, when Spark is asked for.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa

__all__ = ["SparkRun", "local_session"]


def local_session(cores: int = 2):
    """A local Spark session for tests and a laptop: ``local[cores]``, no web UI, few shuffle partitions.

    Examples
    --------
    The engine's Spark runs use Spark's dialect of the shared statements:

    >>> SparkRun.dialect
    'spark'
    """
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(f"local[{cores}]").appName("casekit")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            # Results come back to the driver; at 1 g a million costed lines
            # were dropped from its block store (TaskResultLost).
            .config("spark.driver.memory", "2g")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate())


class SparkRun:
    """What the engine asks of Spark: register tables, make cached tables, fetch results as Arrow.

    Works in a new session of the given one (the caller's temporary views
    and settings are left alone) and releases what it cached on leaving.
    """

    dialect = "spark"

    def __init__(self, spark=None):
        if spark is None:
            from pyspark.sql import SparkSession

            spark = SparkSession.getActiveSession() or local_session()
        self.spark = spark.newSession()
        # Dates are read as written, whatever the machine's time zone.
        self.spark.conf.set("spark.sql.session.timeZone", "UTC")
        self._cached = []
        self._folder = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for frame in self._cached:
            frame.unpersist()
        if self._folder is not None:
            self._folder.cleanup()

    def register(self, name: str, source) -> None:
        """Make ``source`` (Parquet path(s) or a DataFrame) the view ``name``."""
        from casekit.costing.query_table import QueryTable

        if isinstance(source, QueryTable):
            raise TypeError(f"{name}: the Spark engine reads Parquet or DataFrames, not DuckDB SQL; write the "
                            f"table to Parquet first (QueryTable.to_parquet).")
        if isinstance(source, pd.DataFrame):
            if self._folder is None:
                self._folder = tempfile.TemporaryDirectory(prefix="casekit-spark-")
            path = Path(self._folder.name) / f"{name}.parquet"
            source.to_parquet(path, index=False)
            paths = [str(path)]
        else:
            paths = [str(p) for p in ([source] if isinstance(source, (str, Path)) else source)]
            local = [p for p in paths if "://" not in p]
            missing = [p for p in local if not Path(p).exists()]
            if missing:
                raise FileNotFoundError(f"{name}: file(s) not found: {missing}")
            if not all(p.rstrip("/").lower().endswith(".parquet") or Path(p).is_dir() or "://" in p for p in paths):
                raise ValueError(f"{name}: the Spark engine reads Parquet; got {paths}.")
        self.spark.read.parquet(*paths).createOrReplaceTempView(name)

    def table(self, name: str, sql: str) -> None:
        frame = self.spark.sql(sql).cache()
        self._cached.append(frame)
        frame.createOrReplaceTempView(name)

    def drop(self, name: str) -> None:
        # Kept: the cached tables made from it are computed lazily and still need it.
        pass

    def arrow(self, sql: str) -> pa.Table:
        return self.spark.sql(sql).toArrow()
