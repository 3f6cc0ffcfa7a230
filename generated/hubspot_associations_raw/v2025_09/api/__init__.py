# DO NOT EDIT: written by scripts/regenerate from spec/2025-09/; edit those.
"""Contains methods for accessing the API"""
