"""Turning cue text into sound, off the GUI thread."""
