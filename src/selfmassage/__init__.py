"""SelfMassage: guided self-massage with a body map, timed routines and spoken cues."""

from importlib import metadata

try:
    __version__ = metadata.version("selfmassage")
except metadata.PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.1.0"
