"""``kehoach serve``: the plans of a folder written, checked, previewed, derived and
compared in the clerk's browser, on the clerk's machine.

:func:`generator.web.app.create_app` returns the ASGI app (routes in one list, the
cross-origin guard around them); views call the pipeline, never a stage's insides.
"""
