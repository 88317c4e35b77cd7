"""An HTTP emulator of the IGDB v4 API (and Twitch token endpoint) for tap-igdb."""

__version__ = "0.1.0"
