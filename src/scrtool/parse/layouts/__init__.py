"""Layouts a plan is written in besides tables: lists of recommendations (``lists``), read from the lines of text
every format reader yields."""
