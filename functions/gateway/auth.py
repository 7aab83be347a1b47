"""Who may write: a bearer token.

Reads need no token.  Writes (POST, PATCH, DELETE) need `Authorization: Bearer <token>`; the
tokens are `INTENT_GATEWAY_TOKEN`, or the lines of `--token-file`.  With neither, a token is
generated once into `<repo>/gateway-token` (mode 0600, never committed: it is beside the bare
repository's objects, not in its tree) and its path printed.  No header: 401 with
`WWW-Authenticate: Bearer`; a wrong token: 403.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from .errors import ApiError

TOKEN_FILE = "gateway-token"
ENVIRONMENT = "INTENT_GATEWAY_TOKEN"


class Tokens:
    def __init__(self, tokens: list[str], source: str):
        if not tokens or any(len(t) < 16 for t in tokens):
            raise ValueError(f"{source}: a token must have at least 16 characters")
        self._tokens = [t.encode() for t in tokens]
        self.source = source

    def check(self, header: str | None) -> None:
        if not header:
            raise ApiError(401, "this request changes the repository: send Authorization: Bearer <token>", headers={"WWW-Authenticate": 'Bearer realm="intent-gateway"'})
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise ApiError(401, "the Authorization header must be 'Bearer <token>'", headers={"WWW-Authenticate": 'Bearer realm="intent-gateway", error="invalid_request"'})
        offered = value.strip().encode()
        if not any(hmac.compare_digest(offered, token) for token in self._tokens):
            raise ApiError(403, "the bearer token is not one this gateway accepts")


def load(repo: Path, token_file: Path | None) -> tuple[Tokens, str]:
    """The accepted tokens and a line saying where they come from."""
    if os.environ.get(ENVIRONMENT):
        return Tokens([os.environ[ENVIRONMENT].strip()], ENVIRONMENT), f"write token: from ${ENVIRONMENT}"
    if token_file is not None:
        lines = [line.strip() for line in token_file.read_text().splitlines() if line.strip() and not line.startswith("#")]
        return Tokens(lines, str(token_file)), f"write tokens: {token_file}"
    path = repo / TOKEN_FILE
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(32) + "\n")
    return Tokens([path.read_text().strip()], str(path)), f"write token: {path} (send it as Authorization: Bearer <token>)"
