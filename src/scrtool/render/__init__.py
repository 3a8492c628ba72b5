"""Turning query results into rich renderables (terminal) and json/csv/markdown text. Nothing prints here."""
