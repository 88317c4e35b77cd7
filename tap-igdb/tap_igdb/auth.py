"""Twitch client-credentials tokens for IGDB."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from singer_sdk.authenticators import OAuthAuthenticator
from singer_sdk.exceptions import ConfigValidationError

# Mint a new token once less than a tenth of its lifetime or a minute is left, whichever
# is longer (but at half-life at the latest), so that no request can still be in flight
# when its token expires.
_RENEW_AT_FRACTION = 0.1
_RENEW_MARGIN_MIN = timedelta(minutes=1)

_TWITCH_REJECTIONS = {
    400: "Twitch rejected the client_id (HTTP 400)",
    401: "Twitch rejected the client credentials (HTTP 401)",
    403: "Twitch rejected the client_secret (HTTP 403)",
}


class CredentialsError(ConfigValidationError):
    """Twitch refused to mint a token for the configured credentials."""


class TwitchAuthenticator(OAuthAuthenticator):
    """OAuth client-credentials authenticator shared by every stream of a tap.

    Thread-safe: requests run concurrently, and only one of them mints a token.
    """

    def __init__(self, *, client_id: str, client_secret: str, auth_endpoint: str) -> None:
        super().__init__(
            client_id=client_id,
            client_secret=client_secret,
            auth_endpoint=auth_endpoint,
        )
        self._lock = threading.Lock()
        self.tokens_minted = 0

    @property
    def oauth_request_body(self) -> dict[str, Any]:
        """Form body of the token request (Twitch's documented client-credentials grant)."""
        return {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "grant_type": "client_credentials",
        }

    def is_token_valid(self) -> bool:
        """Whether the token has comfortably more life left than a request needs."""
        if self.access_token is None or self.last_refreshed is None:
            return False
        if not self.expires_in:
            return True
        lifetime = timedelta(seconds=self.expires_in)
        margin = min(lifetime / 2, max(lifetime * _RENEW_AT_FRACTION, _RENEW_MARGIN_MIN))
        return datetime.now(UTC) < self.last_refreshed + lifetime - margin

    def authenticate_request(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        """Set `Authorization: Bearer <token>`, minting a token first if needed."""
        with self._lock:
            if not self.is_token_valid():
                self.update_access_token()
            token = self.access_token
        request.headers["Authorization"] = f"Bearer {token}"
        return request

    def update_access_token(self) -> None:
        """Mint a token and count it."""
        super().update_access_token()
        self.tokens_minted += 1

    def invalidate(self, request: requests.PreparedRequest) -> None:
        """Forget the token `request` was sent with, so the next request mints one.

        Concurrent requests rejected with the same token trigger a single new token.
        """
        with self._lock:
            if request.headers.get("Authorization") == f"Bearer {self.access_token}":
                self.access_token = None

    def handle_error(self, *, content: str, status_code: int | None) -> None:
        """Stop the run with a message naming the credential Twitch refused."""
        reason = _TWITCH_REJECTIONS.get(status_code or 0)
        if reason is None:
            super().handle_error(content=content, status_code=status_code)
            return
        # Twitch's body ("invalid client", "invalid client secret") never holds the secret.
        detail = content.strip()[:200]
        msg = f"{reason}: {detail}. Check the client_id and client_secret settings."
        raise CredentialsError(msg, errors=[msg])
