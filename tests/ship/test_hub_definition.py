"""tap-igdb/meltano-hub.yml under Meltano Hub's own rules, and the lock Meltano runs from it.

The Hub (meltano/hub) checks a new `_data/meltano/extractors/<name>/<variant>.yml` with
`plugin_schema_validate.py` (JSON Schema draft-07, `$ref`s resolved through a registry of
every schema), `yaml_check_names.py` (`name` is the directory's name) and yamllint with its
`.yamllint.yaml`. hub_schemas/ holds copies of those rules.
"""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator
from pipeline_stack import BIN, ROOT
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

HUB_SCHEMAS = Path(__file__).parent / "hub_schemas"
DEFINITION = ROOT / "tap-igdb" / "meltano-hub.yml"
HUB_PATH = "_data/meltano/extractors/tap-igdb/tap-igdb.yml"  # where the file goes in the Hub


def registry() -> Registry:
    """Every Hub schema, by its `$id` (as the Hub registers them) and by its relative path."""
    resources = []
    for path in sorted(HUB_SCHEMAS.glob("*/*.schema.json")):
        schema = json.loads(path.read_text())
        resource = Resource.from_contents(schema, default_specification=DRAFT7)
        resources += [(schema["$id"], resource), (str(path.relative_to(HUB_SCHEMAS)), resource)]
    return Registry().with_resources(resources)


def validator() -> Draft7Validator:
    schema = json.loads((HUB_SCHEMAS / "plugin_definitions" / "extractors.schema.json").read_text())
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, registry=registry())


def errors(definition: dict[str, Any]) -> list[str]:
    return [error.message for error in validator().iter_errors(definition)]


@pytest.fixture
def definition() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(DEFINITION.read_text())
    return loaded


@pytest.fixture(scope="module")
def about() -> dict[str, Any]:
    """`tap-igdb --about --format=json`: what the tap says about its settings."""
    result = subprocess.run(
        [str(BIN / "tap-igdb"), "--about", "--format=json"],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def test_the_hub_schemas_are_the_hubs() -> None:
    names = sorted(str(p.relative_to(HUB_SCHEMAS)) for p in HUB_SCHEMAS.glob("*/*.schema.json"))
    assert "plugin_definitions/extractors.schema.json" in names
    assert "common/base_setting.schema.json" in names
    assert len(names) == 16


def test_the_definition_passes_the_hub_schema(definition: dict[str, Any]) -> None:
    assert errors(definition) == []


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (lambda d: d.pop("quality"), "'quality' is a required property"),
        (lambda d: d.pop("namespace"), "'namespace' is a required property"),
        (lambda d: d.update(maintenance_status="deprecated"), "is not one of"),
        (lambda d: d.update(homepage="https://example.com"), "Additional properties"),
        (lambda d: d["settings"][0].update(kind="text"), "'text' is not one of"),
        (lambda d: d.update(supported_python_versions=["3"]), "does not match"),
        (lambda d: d["capabilities"].append("teleport"), "is not one of"),
    ],
    ids=["quality", "namespace", "status", "unknown-key", "setting-kind", "python", "capability"],
)
def test_a_broken_copy_fails_the_hub_schema(
    definition: dict[str, Any], breakage: Any, expected: str
) -> None:
    """Negative controls: the validator and the `$ref`ed schemas do bite."""
    broken = copy.deepcopy(definition)
    breakage(broken)
    found = errors(broken)
    assert found, "the broken copy passed"
    assert any(expected in message for message in found), found


def test_the_name_is_the_hub_directory_name(definition: dict[str, Any]) -> None:
    assert definition["name"] == Path(HUB_PATH).parent.name == "tap-igdb"
    assert definition["variant"] == Path(HUB_PATH).stem
    assert definition["namespace"] == "tap_igdb"
    assert definition["executable"] == "tap-igdb"


def test_the_hubs_yamllint_passes() -> None:
    result = subprocess.run(
        [
            str(BIN / "yamllint"),
            "-f",
            "parsable",
            "-c",
            str(HUB_SCHEMAS / ".yamllint.yaml"),
            str(DEFINITION),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_every_setting_is_documented_and_secrets_are_sensitive(
    definition: dict[str, Any], about: dict[str, Any]
) -> None:
    settings = {setting["name"]: setting for setting in definition["settings"]}
    for name, setting in settings.items():
        for key in ("kind", "label", "description"):
            assert setting.get(key), f"{name}: no {key}"
    properties = about["settings"]["properties"]
    secrets = {name for name, spec in properties.items() if spec.get("secret")}
    assert "client_secret" in secrets
    for name in secrets:
        assert settings[name].get("sensitive") is True, name
    assert {name for name, setting in settings.items() if setting.get("sensitive")} == secrets
    # Every setting of the tap itself is on the Hub page.
    assert set(properties) <= {name.split(".")[0] for name in settings}
    required = sorted(about["settings"].get("required", []))
    assert [sorted(group) for group in definition["settings_group_validation"]] == [required]


def test_it_matches_what_the_tap_says_about_itself(
    definition: dict[str, Any], about: dict[str, Any]
) -> None:
    assert sorted(definition["capabilities"]) == sorted(about["capabilities"])
    assert definition["supported_python_versions"] == about["supported_python_versions"]


def test_the_lock_meltano_runs_is_the_hub_definition() -> None:
    result = subprocess.run(
        [str(BIN / "python"), str(ROOT / "orchestrate" / "lock_plugins.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
