# DO NOT EDIT: spec/2026-09/build.toml -> scripts/build-spec -> spec/2026-09/ -> scripts/regenerate -> here.
"""Contains endpoint functions for accessing the API"""
