"""All raw OOXML of kehoach, in one package: fragments of the body written as text
(:mod:`.fragments`), edits of the template's tree over lxml (:mod:`.tree`), and the parts of
the package around the document (:mod:`.package`)."""
