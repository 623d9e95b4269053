"""The case: Beacon Brands, the synthetic consumer-products company, and its shipped data.

``company`` generates it (calibrated in ``calibration``), ``datasets`` writes,
checks and loads the shipped classroom case, ``dictionary`` says what every
column means.
"""

from casekit.case.company import Company, make_company
from casekit.case.datasets import CASES, load_case
from casekit.case.dictionary import DATA_DICTIONARY

__all__ = ["Company", "make_company", "CASES", "load_case", "DATA_DICTIONARY"]
