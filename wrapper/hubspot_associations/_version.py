"""The SDK's own version: the single source (pyproject.toml reads it through hatch)."""

__version__ = "0.1.0"
