# DO NOT EDIT: written by scripts/regenerate from spec/v4/. Change the spec or scripts/.
"""Contains methods for accessing the API"""
