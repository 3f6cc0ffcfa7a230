# DO NOT EDIT: written by scripts/regenerate from spec/v4/; edit those.
"""Contains endpoint functions for accessing the API"""
