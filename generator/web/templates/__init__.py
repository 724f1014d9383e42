"""The pages of ``kehoach serve`` (Jinja), shipped as package data."""
