"""One module per kind of page: the list, the editor, downloads, comparison, checking."""
