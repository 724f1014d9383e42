"""``python -m generator`` is the same as the ``kehoach`` command."""

from generator.cli import main

main()
