"""An MCP server protected by the PyPI `mcp` (2.3.0) SDK's own OAuth authorization server (its
metadata, registration, authorize, token and bearer-auth handlers, PKCE and client checks), on
127.0.0.1: an authorization server this project did not write. Only the storage behind it is
here: an in-memory provider that approves every authorization request at once, as a user
clicking "allow" would. Prints "READY {json}" on stderr once it accepts connections.
"""
import argparse
import asyncio
import json
import os
import secrets
import socket
import sys
import threading
import time
from urllib.parse import urlencode

import uvicorn
from mcp.server.auth.provider import (
    AccessToken,
    AuthorizationCode,
    AuthorizationParams,
    RefreshToken,
)
from mcp.server.auth.settings import AuthSettings, ClientRegistrationOptions
from mcp.server.mcpserver import MCPServer
from mcp.shared.auth import OAuthClientInformationFull, OAuthToken


class InMemoryProvider:
    """Keeps clients, codes and tokens in dictionaries; approves every authorization."""

    def __init__(self, issuer: str, token_seconds: int):
        self.issuer = issuer
        self.token_seconds = token_seconds
        self.clients: dict[str, OAuthClientInformationFull] = {}
        self.codes: dict[str, AuthorizationCode] = {}
        self.access: dict[str, AccessToken] = {}
        self.refresh: dict[str, RefreshToken] = {}

    async def get_client(self, client_id):
        return self.clients.get(client_id)

    async def register_client(self, client_info):
        self.clients[client_info.client_id] = client_info

    async def authorize(self, client, params: AuthorizationParams) -> str:
        code = secrets.token_urlsafe(32)
        self.codes[code] = AuthorizationCode(
            code=code, scopes=params.scopes or [], expires_at=time.time() + 300, client_id=client.client_id,
            code_challenge=params.code_challenge, redirect_uri=params.redirect_uri,
            redirect_uri_provided_explicitly=params.redirect_uri_provided_explicitly, resource=params.resource,
        )
        query = {"code": code, "iss": self.issuer}
        if params.state is not None:
            query["state"] = params.state
        base = str(params.redirect_uri)
        return base + ("&" if "?" in base else "?") + urlencode(query)

    async def load_authorization_code(self, client, authorization_code):
        return self.codes.get(authorization_code)

    def issue(self, client_id, scopes, resource) -> OAuthToken:
        access = "at-" + secrets.token_urlsafe(24)
        refresh = "rt-" + secrets.token_urlsafe(24)
        self.access[access] = AccessToken(token=access, client_id=client_id, scopes=scopes,
                                          expires_at=int(time.time()) + self.token_seconds, resource=resource)
        self.refresh[refresh] = RefreshToken(token=refresh, client_id=client_id, scopes=scopes, resource=resource)
        return OAuthToken(access_token=access, token_type="Bearer", expires_in=self.token_seconds,
                          scope=" ".join(scopes) or None, refresh_token=refresh)

    async def exchange_authorization_code(self, client, authorization_code):
        self.codes.pop(authorization_code.code, None)
        return self.issue(client.client_id, authorization_code.scopes, authorization_code.resource)

    async def load_refresh_token(self, client, refresh_token):
        return self.refresh.get(refresh_token)

    async def exchange_refresh_token(self, client, refresh_token, scopes):
        # Rotation: the old refresh token is spent.
        self.refresh.pop(refresh_token.token, None)
        return self.issue(client.client_id, scopes or refresh_token.scopes, refresh_token.resource)

    async def load_access_token(self, token):
        info = self.access.get(token)
        if info is None or (info.expires_at is not None and info.expires_at < time.time()):
            return None
        return info

    async def revoke_token(self, token):
        self.access.pop(getattr(token, "token", ""), None)
        self.refresh.pop(getattr(token, "token", ""), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def exit_with_parent() -> None:
    """Exits when the test process that started this server goes away, even if it crashed."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--token-seconds", type=int, default=3600)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    provider = InMemoryProvider(base, args.token_seconds)
    mcp = MCPServer(
        "python-oauth-test-server",
        auth_server_provider=provider,
        auth=AuthSettings(
            issuer_url=base,
            resource_server_url=f"{base}/mcp",
            client_registration_options=ClientRegistrationOptions(enabled=True, valid_scopes=["mcp:read", "mcp:write"], default_scopes=["mcp:read"]),
            required_scopes=["mcp:read"],
            validate_token_resource=True,
        ),
    )

    @mcp.tool()
    def whoami() -> str:
        """Says hello to the authorized caller."""
        return "authorized"

    app = mcp.streamable_http_app(json_response=True)
    # A minute's keep-alive under a sanitizer instead of uvicorn's 5 s: see ../python/http_server.py.
    keep_alive = 60 if os.environ.get("MCP_TEST_SANITIZER") else 5
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", timeout_keep_alive=keep_alive))

    async def serve() -> None:
        task = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.02)
        print("READY " + json.dumps({"url": base}), file=sys.stderr, flush=True)
        await task

    asyncio.run(serve())


if __name__ == "__main__":
    exit_with_parent()
    main()
