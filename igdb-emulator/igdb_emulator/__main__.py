"""Run the emulator: ``python -m igdb_emulator``."""

from igdb_emulator.cli import main

main()
