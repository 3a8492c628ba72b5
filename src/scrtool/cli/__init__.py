"""The ``scrtool`` command line: one module per command group, the shared options and the error boundary."""
