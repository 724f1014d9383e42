"""Word's format (OOXML), read and written, knowing nothing of plans.

The namespace table and ``qn()`` (``ns``), length value types (``units``), the safe
package reader and writer (``package``), tree editing (``tree``), ready-made fragments
(``fragments``) and the document view a checker or an importer reads (``view``). Nothing
here imports a plan's model: ``render``, ``docx_check`` and ``readers`` build on it.
"""
