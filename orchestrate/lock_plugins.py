"""Write Meltano lock files for the plugins whose definitions live in this repository.

    python orchestrate/lock_plugins.py           # write plugins/extractors/tap-igdb--tap-igdb.lock
    python orchestrate/lock_plugins.py --check   # exit 1 if it is out of date

The tap's definition is tap-igdb/meltano-hub.yml (what Meltano Hub will serve); the lock
is what `meltano add extractor tap-igdb --variant tap-igdb` writes once the tap is on the
Hub, so this project runs the exact definition users will get, with no Hub access. The
dbt-duckdb lock was written the same way from the Hub's own definition and is committed
as is.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml
from meltano.core.plugin.base import PluginDefinition, PluginType, StandalonePlugin

ROOT = Path(__file__).resolve().parent.parent
HUB_DEFINITION = ROOT / "tap-igdb" / "meltano-hub.yml"

# Hub page metadata, not part of a plugin definition (Meltano drops it when locking).
_HUB_ONLY = {
    "definition", "domain_url", "keywords", "maintenance_status", "next_steps", "prereq",
    "quality", "settings_preamble", "usage",
}  # fmt: skip
_TOP_LEVEL = ("name", "namespace", "label", "logo_url", "description")


def lock_content(definition: dict[str, Any], plugin_type: PluginType) -> str:
    """The lock file Meltano writes for a Hub definition (one variant)."""
    variant = dict(definition)
    top = {key: variant.pop(key) for key in _TOP_LEVEL if key in variant}
    variant_name = variant.pop("variant")
    for key in _HUB_ONLY:
        variant.pop(key, None)
    plugin = PluginDefinition(plugin_type, variants=[{**variant, "name": variant_name}], **top)
    locked = StandalonePlugin.from_variant(plugin.find_variant(variant_name), plugin)
    return json.dumps(locked.canonical(), indent=2) + "\n"


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the lock is out of date")
    args = parser.parse_args()
    definition = yaml.safe_load(HUB_DEFINITION.read_text())
    path = ROOT / "plugins" / "extractors" / f"{definition['name']}--{definition['variant']}.lock"
    wanted = lock_content(definition, PluginType.EXTRACTORS)
    if args.check:
        if not path.exists() or path.read_text() != wanted:
            print(f"{path.relative_to(ROOT)} is out of date: run orchestrate/lock_plugins.py")
            raise SystemExit(1)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(wanted)
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
