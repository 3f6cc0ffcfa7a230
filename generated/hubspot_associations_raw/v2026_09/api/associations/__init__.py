# DO NOT EDIT: written by scripts/regenerate from spec/2026-09/; edit those.
"""Contains endpoint functions for accessing the API"""
