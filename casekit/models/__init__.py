"""Teaching models of Byrnes's argument: eras, service levers, innovation, objectives, incentives, alliances.

Each module holds one model; import it by name, e.g.
``from casekit.models import eras``.
"""
