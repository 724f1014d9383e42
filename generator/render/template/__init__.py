"""The DOCX template: prepared once, kept between processes, filled under a guard.

A clerk restyles ``templates/ke-hoach.docx`` in Word; kehoach fills it. Four modules, one
topic each:

- :mod:`.preparation`: the package read once (styles, sections, the frame's parts turned
  into compiled Jinja through docxtpl's tag preprocessing), as a :class:`PreparedTemplate`;
- :mod:`.store`: where a prepared template comes from (memory within a process, a JSON
  file in the user's cache folder between processes: :func:`prepared`);
- :mod:`.compile`: a part compiled under the guard, its mistakes told to the clerk by file,
  part and paragraph;
- :mod:`.guard`: the sandbox's budget (time, loops, output) a clerk's template runs within.

The writers import what they need from here; the modules import each other directly.
"""

from __future__ import annotations

from generator.render.template.compile import GuardedTemplate
from generator.render.template.preparation import (
    CONTENT_KEYS,
    CONTEXT_KEYS,
    ROLE_STYLES,
    PreparedTemplate,
    Section,
    Style,
    docxtpl_engine,
)
from generator.render.template.store import prepared

__all__ = ["CONTENT_KEYS", "CONTEXT_KEYS", "ROLE_STYLES", "GuardedTemplate", "PreparedTemplate",
           "Section", "Style", "docxtpl_engine", "prepared"]
