# DO NOT EDIT: written by scripts/regenerate from spec/2025-09/; edit those.
"""Contains endpoint functions for accessing the API"""
