"""The consultant's path: a client's own invoice lines in, a profit map and findings out.

Read the client's export (CSV of any dialect, Excel below a title block,
Parquet; one file or a folder of monthly files), map its columns onto
casekit's fields, check every row, build casekit's four tables, run the same
engine as the classroom, and write a workbook and an offline HTML report.

Modules, in the order of the path: ``fields`` (what casekit reads),
``reading`` (opening a file), ``mapping``, ``formats`` (numbers and dates),
``lines`` and ``masters`` (the client's files, mapped), ``validation`` (the
error class), ``tables`` (checked rows onto the engine's tables),
``reconciliation``, ``exhibits``, ``report`` (workbook and HTML),
``pipeline`` (:func:`analyze`), ``cards`` (the Excel cards to fill in),
``anonymize`` and ``sample`` (the practice export).

>>> from casekit import client
>>> sorted(client.FIELDS["kind"].unique())
['customers', 'lines', 'products']
"""

from casekit.client.anonymize import load_key, pseudonym
from casekit.client.cards import template, time_driven_template
from casekit.client.exhibits import top_drains
from casekit.client.fields import DEFAULTS, FIELDS
from casekit.client.lines import ClientLines, read_lines
from casekit.client.mapping import read_mapping, suggest_mapping, write_mapping
from casekit.client.masters import read_customers, read_products
from casekit.client.pipeline import ClientAnalysis, analyze
from casekit.client.reconciliation import reconcile
from casekit.client.tables import ClientData, build_tables, copy_tables
from casekit.client.validation import ClientDataError, Problem

__all__ = ["ClientDataError", "Problem", "FIELDS", "DEFAULTS", "read_mapping", "write_mapping", "suggest_mapping",
           "read_lines", "read_customers", "read_products", "build_tables", "copy_tables", "ClientData",
           "ClientLines", "analyze", "ClientAnalysis", "reconcile", "template", "time_driven_template", "top_drains",
           "load_key", "pseudonym"]
