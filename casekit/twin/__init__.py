"""A synthetic twin of a client: a case that looks like the client and holds none of its rows.

Fit the client's shapes (:func:`fit`), draw a twin (:func:`make_twin`),
compare the two (:func:`fidelity`) and write the twin as a case
(:func:`write_twin`) that :func:`casekit.load_case` opens like the classroom
case; :func:`build_twin` does all four.  From the shell:
``casekit twin INVOICES --mapping M --out twin/``.
"""

from casekit.twin.fidelity import fidelity, fidelity_html
from casekit.twin.fitting import TwinFit, fit
from casekit.twin.outcomes import OUTCOMES, lesson_outcomes
from casekit.twin.synthesis import make_twin
from casekit.twin.writing import TwinCase, build_twin, write_twin

__all__ = ["TwinFit", "TwinCase", "fit", "make_twin", "fidelity", "fidelity_html", "write_twin", "build_twin",
           "lesson_outcomes", "OUTCOMES"]
