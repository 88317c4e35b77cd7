"""Singer tap for the IGDB v4 API."""

__version__ = "0.1.0"
