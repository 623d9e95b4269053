"""Widget factories for the notebooks.

Each factory returns the widget tree and the state it drives, so tests can
set a slider's ``value`` or click a button in plain pytest and read the
numbers that change.  Callbacks only wire package functions to the display.
"""
