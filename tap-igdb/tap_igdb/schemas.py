"""JSON Schemas of the streams, derived from the endpoint table."""

from __future__ import annotations

from typing import Any

from tap_igdb.endpoints import Endpoint, Field

_NOTES = {
    "timestamp": "Unix time in seconds (UTC); negative before 1970.",
    "checksum": "UUID-formatted hash of the object; changes whenever the object changes.",
}

_TYPES: dict[str, dict[str, Any]] = {
    "string": {"type": ["string", "null"]},
    "strings": {"type": ["array", "null"], "items": {"type": "string"}},
    "integer": {"type": ["integer", "null"]},
    "integers": {"type": ["array", "null"], "items": {"type": "integer"}},
    "number": {"type": ["number", "null"]},
    "boolean": {"type": ["boolean", "null"]},
    "timestamp": {"type": ["integer", "null"]},
    "ref": {"type": ["integer", "null"]},
    "refs": {"type": ["array", "null"], "items": {"type": "integer"}},
    "checksum": {"type": ["string", "null"]},
}


def field_schema(field: Field) -> dict[str, Any]:
    """The JSON Schema of one field: optional, since IGDB omits empty fields."""
    schema = {**_TYPES[field.kind]}
    words = [field.description.rstrip(".") + "." if field.description else ""]
    if field.target:
        words.append(f"References `{field.target}.id`.")
    if note := _NOTES.get(field.kind):
        words.append(note)
    if description := " ".join(w for w in words if w):
        schema["description"] = description
    if field.deprecated:
        schema["deprecated"] = True
    return schema


def stream_schema(endpoint: Endpoint) -> dict[str, Any]:
    """The JSON Schema of an endpoint's records.

    `additionalProperties` stays open: a field IGDB adds after this release is passed
    through to the target instead of being dropped (the stream also logs it).
    """
    properties = {name: field_schema(field) for name, field in endpoint.fields.items()}
    properties["id"] = {"type": "integer", "description": "Unique id of the record."}
    return {
        "type": "object",
        "description": endpoint.description,
        "properties": properties,
        "required": ["id"],
        "additionalProperties": True,
    }
