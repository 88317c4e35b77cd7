"""Run the tap as `python -m tap_igdb`."""

from tap_igdb.tap import TapIGDB

TapIGDB.cli()
