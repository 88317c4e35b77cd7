"""dbt-duckdb plugin: reach the S3 lake without DuckDB ever downloading an extension.

DuckDB's `INSTALL httpfs` fetches from the DuckDB extension site; here httpfs comes from
the `duckdb-extension-httpfs` wheel (pinned to the same DuckDB version) and is loaded
from its path. Auto-install is switched off, so a missing extension fails loudly instead
of reaching for the network. The lake's S3 secret is created after httpfs is loaded
(the S3 secret type comes from httpfs); without keys it uses AWS's credential chain,
from the aws extension, loaded the same way from `duckdb-extension-aws`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb_extension_aws
import duckdb_extension_httpfs
from dbt.adapters.duckdb.credentials import DuckDBCredentials
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection


def extension_path(package: ModuleType, name: str) -> Path:
    """An extension file shipped inside a duckdb-extension-* wheel."""
    root = Path(str(resources.files(package) / "extensions"))
    return next(root.rglob(f"{name}.duckdb_extension"))


def httpfs_path() -> Path:
    """The httpfs extension file shipped inside the duckdb-extension-httpfs wheel."""
    return extension_path(duckdb_extension_httpfs, "httpfs")


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class Plugin(BasePlugin):  # type: ignore[misc]  # dbt has no type stubs
    """Loads httpfs offline, registers the lake's S3 credentials, sets the memory limit."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        """Keep the settings (from profiles.yml, fed by Meltano's env); empty ones are unset."""
        settings = {
            key: str(value) for key, value in plugin_config.items() if value not in (None, "")
        }
        self.memory_limit = settings.pop("memory_limit", None)
        self.s3 = settings

    def update_connection_config(self, creds: DuckDBCredentials, config: dict[str, Any]) -> None:
        """Never let DuckDB download or auto-load extensions."""
        config["autoinstall_known_extensions"] = False
        config["autoload_known_extensions"] = False

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        """Load httpfs from the wheel, create the S3 secret, apply the memory limit if set."""
        if self.memory_limit:
            conn.execute(f"SET memory_limit = {_quote(self.memory_limit)}")
        conn.execute(f"LOAD {_quote(str(httpfs_path()))}")
        options = ["TYPE s3"]
        if "key_id" in self.s3:
            options += [
                f"KEY_ID {_quote(self.s3['key_id'])}",
                f"SECRET {_quote(self.s3.get('secret', ''))}",
            ]
            if "session_token" in self.s3:
                options.append(f"SESSION_TOKEN {_quote(self.s3['session_token'])}")
        else:
            # No keys given (prod on AWS): the aws extension reads the standard chain
            # (environment, profile, instance or task role).
            conn.execute(f"LOAD {_quote(str(extension_path(duckdb_extension_aws, 'aws')))}")
            options.append("PROVIDER credential_chain")
        for key in ("region", "endpoint", "url_style"):
            if key in self.s3:
                options.append(f"{key.upper()} {_quote(self.s3[key])}")
        if "use_ssl" in self.s3:
            options.append(f"USE_SSL {self.s3['use_ssl'].lower() in {'true', '1'}}")
        conn.execute(f"CREATE OR REPLACE SECRET igdb_lake ({', '.join(options)})")
