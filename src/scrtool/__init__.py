"""scrtool: read the action plans of child-safeguarding case reviews and answer the board's questions."""

__version__ = "0.1.0"
