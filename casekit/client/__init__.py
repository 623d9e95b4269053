"""The consultant's path: a client's own invoice lines in, a profit map and findings out.

Read the client's export (CSV of any dialect, Excel below a title block,
Parquet; one file or a folder of monthly files), map its columns onto
casekit's fields, check every row, build casekit's four tables, run the same
engine as the classroom, and write a workbook and an offline HTML report.

>>> from casekit import client
>>> sorted(client.FIELDS["kind"].unique())
['customers', 'lines', 'products']
"""

from casekit.client.mapping import DEFAULTS, FIELDS, read_mapping, suggest_mapping, write_mapping
from casekit.client.tables import (
    ClientData, ClientLines, build_tables, copy_tables, read_customers, read_lines, read_products,
)
from casekit.client.validation import ClientDataError, Problem

__all__ = ["ClientDataError", "Problem", "FIELDS", "DEFAULTS", "read_mapping", "write_mapping", "suggest_mapping",
           "read_lines", "read_customers", "read_products", "build_tables", "copy_tables", "ClientData",
           "ClientLines"]

from casekit.client.anonymize import load_key, pseudonym  # noqa: E402
from casekit.client.report import analyze, reconcile, template, time_driven_template, top_drains  # noqa: E402

__all__ += ["analyze", "reconcile", "template", "time_driven_template", "top_drains", "load_key", "pseudonym"]
