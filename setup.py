"""kehoach's packages, found rather than listed (everything else is in pyproject.toml).

Every package under ``generator/`` is found; the ``templates/`` folder at the top of the
project, which clerks restyle in Word, ships inside the package as ``generator.templates``
(pyproject.toml maps the folder; importlib.resources reads it from there). setuptools'
``packages.find`` in pyproject.toml looks only in folders, so it cannot add the mapped
package itself: that one name is added here.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["generator", "generator.*"]), "generator.templates"])
