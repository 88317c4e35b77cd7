"""singer-sdk's standard tap tests, over every stream, against the emulator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from igdb_emulator.admin import EmulatorProcess
from singer_sdk.testing import SuiteConfig, get_tap_test_class

from tap_igdb.tap import TapIGDB

# Credentials and URLs come from TAP_IGDB_* variables set below (the SDK's test runner
# reads the environment when it starts the tap); these placeholders satisfy validation
# while the test class is built.
TestTapIGDB = get_tap_test_class(
    TapIGDB,
    config={"client_id": "placeholder", "client_secret": "placeholder"},
    suite_config=SuiteConfig(max_records_limit=50),
)


@pytest.fixture(scope="module", autouse=True)
def _tap_points_at_emulator(emulator: EmulatorProcess) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TAP_IGDB_CLIENT_ID", emulator.client_id)
        patch.setenv("TAP_IGDB_CLIENT_SECRET", emulator.client_secret)
        patch.setenv("TAP_IGDB_API_URL", emulator.api_url)
        patch.setenv("TAP_IGDB_AUTH_URL", emulator.auth_url)
        patch.setenv("TAP_IGDB_REQUESTS_PER_SECOND", "1000")
        patch.setenv("TAP_IGDB_MAX_CONCURRENT_REQUESTS", "8")
        yield
