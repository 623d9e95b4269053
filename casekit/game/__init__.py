"""Beacon Boardroom: the class plays sales, operations and product management against each other.

``roles`` (role cards and decisions), ``rules`` (decisions into model calls),
``bots``, ``store`` (SQLite), ``room`` (the flow of a game), ``server`` (the
web app), ``debrief`` (a finished game as tidy frames).  From a notebook cell:
``from casekit.game.server import serve; serve()``.
"""
