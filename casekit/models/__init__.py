"""Teaching models of Byrnes's argument, one topic per module; import each by name.

``eras`` (two eras of one company), ``levers`` (one account's service
levers), ``dropping`` (dropping an account vs fixing it), ``revenue_fit``
(how well accounts fit the supply chain), ``complexity`` (the complexity
cost of the range), ``innovation`` (the launch stream and the two lenses),
``objectives`` (the reps' bonus plan), ``rep_choices`` (what reps do with
it), ``incentives``, ``account_development``, ``alignment``; ``portfolio``
and ``assumptions`` hold what they share.  E.g.
``from casekit.models import eras``.
"""
