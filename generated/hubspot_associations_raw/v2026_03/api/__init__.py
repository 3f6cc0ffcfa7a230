# DO NOT EDIT: written by scripts/regenerate from spec/2026-03/. Change the spec or scripts/.
"""Contains methods for accessing the API"""
