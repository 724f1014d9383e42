"""The styles and scripts of ``kehoach serve``, served from the package (no CDN)."""
