"""What every widget factory returns: an object that displays as its widget tree and keeps the state.

A notebook cell ending in ``segment_sliders(pnl)`` or ``lever_widget(company)``
shows the widget; tests keep the same object and set its controls'
``.value``, then read the numbers that changed.
"""

from __future__ import annotations

__all__ = ["WidgetView"]


class WidgetView:
    """Base of the widget factories' results: ``.widget`` is the ipywidgets tree, shown by a notebook.

    Subclasses are dataclasses that hold ``widget`` plus the controls and
    state a test reads; this class only makes them display as ``widget``.

    Examples
    --------
    >>> import ipywidgets as widgets
    >>> class Hello(WidgetView):
    ...     widget = widgets.HTML("hello")
    >>> "application/vnd.jupyter.widget-view+json" in Hello()._repr_mimebundle_()
    True
    """

    def _repr_mimebundle_(self, **kwargs):
        widget = getattr(self, "widget", None)
        if widget is None:
            raise ValueError(f"{type(self).__name__} has no widget to display yet.")
        return widget._repr_mimebundle_(**kwargs)
