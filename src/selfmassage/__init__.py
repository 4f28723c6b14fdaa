"""SelfMassage: guided self-massage with a body map, timed routines and spoken cues."""

# The one place the version is written; pyproject.toml reads it from here.
__version__ = "0.1.0"
