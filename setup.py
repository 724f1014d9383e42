"""kehoach's packages, found rather than listed (everything else is in pyproject.toml).

Every package under ``generator/`` is found; the ``templates/`` folder at the top of the
project, which clerks restyle in Word, ships inside the package as ``generator.templates``
(pyproject.toml maps the folder; importlib.resources reads it from there). setuptools'
``packages.find`` in pyproject.toml looks only in folders, so it cannot add the mapped
package itself: that one name is added here.

The user guide (``docs/``, MkDocs) is built into the wheel as ``generator/web/huong-dan/``:
``kehoach serve`` shows it at ``/huong-dan/`` on a clerk's PC, where there is no checkout
and no ``make docs``. It is built from the same sources as the wheel, so it never lags
behind; an editable install (``scripts/setup.sh``) serves the checkout's ``output/site``
instead. A guide that does not build fails the wheel: a wheel without it is not shipped.
"""

import os
import subprocess
import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
GUIDE_IN_PACKAGE = ("generator", "web", "huong-dan")
"""Where the built guide goes inside the package (generator/web/views/guide.py reads it)."""


class BuildWithGuide(build_py):
    """setuptools' build_py, then the guide built by MkDocs into the package."""

    def run(self) -> None:
        """The packages as setuptools builds them, and the guide beside them."""
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib).resolve().joinpath(*GUIDE_IN_PACKAGE)
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                        "--config-file", str(HERE / "mkdocs.yml"), "--site-dir", str(target)],
                       cwd=HERE, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


setup(packages=[*find_packages(include=["generator", "generator.*"]), "generator.templates"],
      cmdclass={"build_py": BuildWithGuide})
