# DO NOT EDIT: written by scripts/regenerate from spec/v4/; edit those.
"""Contains methods for accessing the API"""
