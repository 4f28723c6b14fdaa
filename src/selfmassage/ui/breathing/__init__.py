"""The breathing pacer: its shape, its dialog, and its presenter."""
