"""kehoach: Vietnamese administrative plans (Kế hoạch) from YAML, in the official format."""

__version__ = "0.1.0"
