"""Regenerate the parts of the tap's docs that come from the code.

    python tap-igdb/scripts/sync_docs.py           # rewrite them
    python tap-igdb/scripts/sync_docs.py --check   # exit 1 if anything is out of date

- README.md, between `<!-- about:start … -->` and `<!-- about:end -->`: the output of
  `tap-igdb --about --format=markdown` (settings table, capabilities, Python versions).
- README.md, between `<!-- streams:start … -->` and `<!-- streams:end -->`: the streams
  table, from the endpoint table.
- meltano-hub.yml: the extractor definition submitted to Meltano Hub
  (`_data/meltano/extractors/tap-igdb/<variant>.yml`), from `tap-igdb --about --format=json`
  plus the Hub-only metadata below.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tap_igdb.endpoints import ENDPOINTS

HERE = Path(__file__).resolve().parent.parent
README = HERE / "README.md"
HUB_DEFINITION = HERE / "meltano-hub.yml"
TAP = str(Path(sys.executable).parent / "tap-igdb")

REPO = "https://github.com/tap-igdb/tap-igdb"
# What the Hub shows besides what `--about` knows.
HUB_METADATA: dict[str, Any] = {
    "name": "tap-igdb",
    "namespace": "tap_igdb",
    "variant": "tap-igdb",
    "label": "IGDB",
    "description": "The Internet Game Database: games, platforms, companies and more",
    "domain_url": "https://www.igdb.com",
    "logo_url": "/assets/logos/extractors/igdb.png",
    "keywords": ["api", "meltano_sdk", "igdb", "video_games", "twitch"],
    "pip_url": "tap-igdb",
    "executable": "tap-igdb",
    "repo": REPO,
    "docs": f"{REPO}/tree/main/tap-igdb#readme",
    "log_parser": "singer-sdk",
    "maintenance_status": "active",
    "quality": "silver",
    "settings_group_validation": [["client_id", "client_secret"]],
    "settings_preamble": (
        "IGDB authenticates with a Twitch application: register one at "
        "https://dev.twitch.tv/console (client type Confidential) and use its Client ID "
        "and a Client Secret. The tap mints and renews the access token itself."
    ),
}
_KINDS = {"integer": "integer", "number": "decimal", "boolean": "boolean", "array": "array"}


def about_markdown() -> str:
    """`tap-igdb --about --format=markdown`, headings moved one level down."""
    out = subprocess.run(
        [TAP, "--about", "--format=markdown"], capture_output=True, text=True, check=True
    ).stdout
    lines = out.strip().splitlines()
    # Drop the title line (the README has its own) and nest the sections under ours.
    body = [f"#{line}" if line.startswith("#") else line for line in lines[1:]]
    return "\n".join(body).strip()


def streams_markdown() -> str:
    """One row per stream: name, replication, what it holds."""
    rows = [
        "| Stream | Replication | Fields | Description |",
        "|:-------|:------------|-------:|:------------|",
    ]
    for endpoint in ENDPOINTS:
        method = (
            f"incremental (`{endpoint.replication_key}`)"
            if endpoint.replication_key
            else "full table"
        )
        rows.append(
            f"| `{endpoint.name}` | {method} | {len(endpoint.fields)} | {endpoint.description} |"
        )
    rows.append(
        "| `id_sweeps` | full table (periodic) | 5 | Every id per endpoint id window, "
        "to detect deleted records. |"
    )
    return "\n".join(rows)


def _settings(properties: dict[str, Any], prefix: str = "") -> list[dict[str, Any]]:
    """Meltano settings (dotted names for nested objects) from JSON Schema properties."""
    settings: list[dict[str, Any]] = []
    for key, schema in properties.items():
        name = f"{prefix}{key}"
        types = schema.get("type", [])
        types = [types] if isinstance(types, str) else types
        if "object" in types and schema.get("properties"):
            settings += _settings(schema["properties"], f"{name}.")
            continue
        setting: dict[str, Any] = {
            "name": name,
            "label": schema.get("title") or name.replace("_", " ").replace(".", " ").title(),
            "description": schema.get("description", ""),
        }
        if "enum" in schema:
            setting["kind"] = "options"
            setting["options"] = [
                {"label": str(value), "value": value} for value in schema["enum"] if value
            ]
        elif schema.get("format") == "date-time":
            setting["kind"] = "date_iso8601"
        elif "object" in types:
            setting["kind"] = "object"
        else:
            setting["kind"] = next((_KINDS[t] for t in types if t in _KINDS), "string")
        if "default" in schema:
            setting["value"] = schema["default"]
        if schema.get("secret"):
            setting["sensitive"] = True
        settings.append(setting)
    return settings


def hub_definition() -> str:
    """The Meltano Hub extractor definition, as YAML."""
    about = json.loads(
        subprocess.run(
            [TAP, "--about", "--format=json"], capture_output=True, text=True, check=True
        ).stdout
    )
    definition = {
        **HUB_METADATA,
        "capabilities": sorted(about["capabilities"]),
        "supported_python_versions": about["supported_python_versions"],
        "settings": sorted(
            _settings(about["settings"]["properties"]), key=lambda setting: setting["name"]
        ),
    }
    header = (
        "# Meltano Hub definition of tap-igdb (_data/meltano/extractors/tap-igdb/tap-igdb.yml).\n"
        "# Generated by scripts/sync_docs.py from `tap-igdb --about --format=json`; do not edit.\n"
    )
    body: str = yaml.safe_dump(definition, sort_keys=True, allow_unicode=True, width=100)
    return header + body


def replace_section(text: str, name: str, content: str) -> str:
    """Put `content` between the `name` markers of `text`."""
    pattern = re.compile(rf"(<!-- {name}:start[^>]*-->\n).*?(<!-- {name}:end -->)", re.DOTALL)
    if not pattern.search(text):
        msg = f"README.md has no {name}:start/{name}:end markers"
        raise SystemExit(msg)
    return pattern.sub(lambda m: f"{m.group(1)}{content}\n{m.group(2)}", text)


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if anything is out of date")
    args = parser.parse_args()
    readme = README.read_text()
    wanted = {
        README: replace_section(
            replace_section(readme, "about", about_markdown()), "streams", streams_markdown()
        ),
        HUB_DEFINITION: hub_definition(),
    }
    stale = [path for path, text in wanted.items() if not path.exists() or path.read_text() != text]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(HERE)} is out of date: run tap-igdb/scripts/sync_docs.py")
        raise SystemExit(1 if stale else 0)
    for path in stale:
        path.write_text(wanted[path])


if __name__ == "__main__":
    main()
