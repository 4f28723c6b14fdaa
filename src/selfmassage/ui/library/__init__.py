"""The Library page: built-in and saved routines."""
