"""Widget factories for the notebooks: callbacks and layout only.

Every factory returns a :class:`~casekit.widgets.view.WidgetView`: a small
dataclass whose ``.widget`` is the ipywidgets tree (a notebook cell ending in
the factory call displays it) and whose other attributes are the controls and
the state they drive, so tests can set a slider's ``value`` or click a button
in plain pytest and read the numbers that change.  Callbacks only wire
package functions (models, analysis) to the exhibits of :mod:`casekit.plots`;
:mod:`~casekit.widgets.blit` makes the redraws fast and
:mod:`~casekit.widgets.markup` writes the shared HTML pieces.
"""
