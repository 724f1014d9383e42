"""Templates a clerk may restyle in Word, shipped inside kehoach as ``generator.templates``.

This file only makes the folder importable, so that :mod:`importlib.resources` finds the
templates whether kehoach runs from a checkout, an editable install or a wheel.
"""
