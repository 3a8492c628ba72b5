"""The embedded SQLite store: where it lives, its schema, writing plans in and reading records out."""
