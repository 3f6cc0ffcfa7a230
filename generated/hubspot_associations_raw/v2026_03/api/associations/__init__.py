# DO NOT EDIT: written by scripts/regenerate from spec/2026-03/. Change the spec or scripts/.
"""Contains endpoint functions for accessing the API"""
