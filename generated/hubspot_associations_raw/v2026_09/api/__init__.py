# DO NOT EDIT: written by scripts/regenerate from spec/2026-09/; edit those.
"""Contains methods for accessing the API"""
