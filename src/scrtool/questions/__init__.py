"""The questions the store answers: actions by filter, traces, summaries, the board, search, monitoring."""
