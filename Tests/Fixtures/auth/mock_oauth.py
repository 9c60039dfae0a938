"""Mock MCP server + OAuth authorization servers on 127.0.0.1 reproducing the auth scenarios of
the MCP conformance suite (modelcontextprotocol/conformance, src/scenarios/client/auth), written
from their described behaviour. Standard library only.

Usage: mock_oauth.py --config JSON. Prints "READY {urls}" on stderr once listening. Every request
the client makes is recorded; GET <rs>/_log returns the record as JSON.

Config keys (all optional):
  prm_path            where the resource server serves its metadata ("/.well-known/oauth-protected-resource/mcp";
                      null: none, a 2025-03-26 server whose origin is the authorization server)
  prm_in_www_auth     put resource_metadata in the 401 challenge (true)
  prm_resource        override the metadata's resource
  prm_scopes          scopes_supported in the resource metadata
  challenge_scope     scope in the 401 challenge
  reject_tokens       the resource server refuses every token (a misconfigured audience, say)
  rs_mode             "all" (every POST needs a token), "step_up", "always_403", "migration"
  as_count            authorization servers to run (1; 2 for migration)
  as_prefix           route prefix of the authorization server (issuer = origin + prefix)
  prm_issuer_prefix   the path after the origin of the issuer named in the resource metadata (as_prefix)
  as_metadata_path    where metadata is served ("/.well-known/oauth-authorization-server")
  as_openid           add OpenID provider fields
  as_scopes           scopes_supported of the authorization server
  auth_methods        token_endpoint_auth_methods_supported (["none"])
  pkce_methods        code_challenge_methods_supported (["S256"]; null omits it)
  iss_supported       authorization_response_iss_parameter_supported (true; null omits it)
  iss_mode            "correct", "wrong", "omit", "normalized"
  metadata_issuer     override the issuer in the metadata
  registration        advertise registration_endpoint (true)
  registered_method   token_endpoint_auth_method returned by registration (absent by default)
  registered_secret   include a client_secret in the registration answer (true)
  cimd_supported      client_id_metadata_document_supported
  grant_types         grant_types_supported
  expires_in          access-token lifetime (3600)
  refresh             issue refresh tokens (true); rotated on every refresh
  default_endpoints   with prm_path null and no metadata: serve /authorize, /token, /register at the root
"""
import argparse
import base64
import hashlib
import json
import os
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

LOG = []
TOKENS = {}  # access token -> {"scopes": [...], "as": index, "expires": epoch}
REFRESH = {}  # refresh token -> {"scopes": [...], "as": index}
CODES = {}  # code -> {"challenge", "scopes", "as", "resource", "redirect_uri"}
STATE = {"migrated": False}
LOCK = threading.Lock()


def record(kind, **details):
    with LOCK:
        LOG.append({"kind": kind, **details})


class Handler(BaseHTTPRequestHandler):
    config = {}
    role = "rs"
    index = 0
    urls = {}

    def log_message(self, *args):
        pass

    # -- helpers
    def send_json(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def issuer(self):
        c = self.config
        base = self.urls["as"][self.index] + c.get("as_prefix", "")
        if c.get("metadata_issuer") and self.index == 0:
            return c["metadata_issuer"]
        return base

    # -- routing
    def do_GET(self):
        path = urlparse(self.path).path
        if self.role == "rs":
            if path == "/_log":
                return self.send_json(200, LOG)
            if path == "/_expire":
                # Revokes every access token at once (the client still thinks them valid).
                for info in TOKENS.values():
                    info["expires"] = 0
                return self.send_json(200, {})
            prm_path = self.config.get("prm_path", "/.well-known/oauth-protected-resource/mcp")
            if prm_path is not None and path == prm_path:
                return self.protected_resource_metadata()
            if path.startswith("/.well-known/"):
                record("rs-wellknown-miss", path=path)
            if prm_path is None:
                return self.as_get(path, legacy=True)
            return self.send_json(404 if path != "/mcp" else 405, {"error": "not_found"})
        return self.as_get(path)

    def do_POST(self):
        path = urlparse(self.path).path
        if self.role == "rs":
            if path == "/mcp":
                return self.mcp()
            if self.config.get("prm_path", "x") is None:
                return self.as_post(path, legacy=True)
            return self.send_json(404, {"error": "not_found"})
        return self.as_post(path)

    def do_DELETE(self):
        self.send_json(405, {"error": "method_not_allowed"})

    # -- resource server
    def protected_resource_metadata(self):
        c = self.config
        record("prm", path=urlparse(self.path).path)
        prm_path = c.get("prm_path", "/.well-known/oauth-protected-resource/mcp")
        resource = c.get("prm_resource") or (self.urls["rs"] if prm_path == "/.well-known/oauth-protected-resource" else self.urls["rs"] + "/mcp")
        as_index = 1 if STATE["migrated"] else 0
        issuer_prefix = c.get("prm_issuer_prefix", c.get("as_prefix", ""))
        body = {"resource": resource, "authorization_servers": [self.urls["as"][as_index] + issuer_prefix]}
        if c.get("prm_scopes") is not None:
            body["scopes_supported"] = c["prm_scopes"]
        self.send_json(200, body)

    def challenge(self, status, scope=None, error=None):
        c = self.config
        parts = []
        if error:
            parts.append(f'error="{error}"')
        if scope:
            parts.append(f'scope="{scope}"')
        prm_path = c.get("prm_path", "/.well-known/oauth-protected-resource/mcp")
        if c.get("prm_in_www_auth", True) and prm_path is not None:
            parts.append(f'resource_metadata="{self.urls["rs"]}{prm_path}"')
        header = "Bearer " + ", ".join(parts) if parts else "Bearer"
        record("rs-challenge", status=status, header=header)
        self.send_json(status, {"error": error or "invalid_token"}, {"WWW-Authenticate": header})

    def mcp(self):
        c = self.config
        raw = self.body()
        message = json.loads(raw or b"{}")
        method = message.get("method", "")
        auth = self.headers.get("Authorization")
        record("mcp", method=method, authorization=auth)
        mode = c.get("rs_mode", "all")
        open_method = method == "initialize" or method.startswith("notifications/")
        if not (mode != "all" and open_method):
            token = auth[len("Bearer "):] if auth and auth.startswith("Bearer ") else None
            info = TOKENS.get(token) if token and not c.get("reject_tokens") else None
            if info is not None and info["expires"] < time.time():
                info = None
            if info is None:
                return self.challenge(401, scope=c.get("challenge_scope"))
            if mode == "migration":
                if not STATE["migrated"]:
                    STATE["migrated"] = True
                elif info["as"] != 1:
                    return self.challenge(401, scope=c.get("challenge_scope"))
            if mode == "step_up":
                needed = ["mcp:write"] if method == "tools/call" else ["mcp:basic"]
                if not all(s in info["scopes"] for s in needed):
                    return self.challenge(403, scope=" ".join(needed), error="insufficient_scope")
            if mode == "always_403":
                return self.challenge(403, scope=c.get("challenge_scope"), error="insufficient_scope")
        if "id" not in message:
            self.send_response(202)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if method == "initialize":
            result = {
                "protocolVersion": message["params"]["protocolVersion"],
                "capabilities": {"tools": {}},
                "serverInfo": {"name": "mock-oauth", "version": "1.0.0"},
            }
        elif method == "tools/list":
            result = {"tools": [{"name": "test-tool", "inputSchema": {"type": "object"}}]}
        elif method == "tools/call":
            result = {"content": [{"type": "text", "text": "test"}]}
        elif method == "ping":
            result = {}
        else:
            return self.send_json(200, {"jsonrpc": "2.0", "id": message["id"], "error": {"code": -32601, "message": "Method not found"}})
        self.send_json(200, {"jsonrpc": "2.0", "id": message["id"], "result": result})

    # -- authorization server
    def route(self, path, legacy):
        prefix = self.config.get("as_prefix", "")
        return path[len(prefix):] if prefix and path.startswith(prefix) else (path if not prefix else None)

    def as_get(self, path, legacy=False):
        c = self.config
        metadata_path = c.get("as_metadata_path", "/.well-known/oauth-authorization-server")
        if path == metadata_path and not (legacy and c.get("default_endpoints")):
            return self.metadata(legacy)
        if path.startswith("/.well-known/"):
            record("as-wellknown-miss", path=path, index=self.index)
            return self.send_json(404, {"error": "not_found"})
        if self.route(path, legacy) == "/authorize":
            return self.authorize(legacy)
        self.send_json(404, {"error": "not_found"})

    def as_post(self, path, legacy=False):
        route = self.route(path, legacy)
        if route == "/token":
            return self.token()
        if route == "/register":
            return self.register()
        self.send_json(404, {"error": "not_found"})

    def endpoint(self, name, legacy):
        base = self.urls["rs"] if legacy else self.urls["as"][self.index]
        return base + self.config.get("as_prefix", "") + name

    def metadata(self, legacy):
        c = self.config
        record("as-metadata", path=urlparse(self.path).path, index=self.index)
        issuer = self.urls["rs"] if legacy else self.issuer()
        body = {
            "issuer": issuer,
            "authorization_endpoint": self.endpoint("/authorize", legacy),
            "token_endpoint": self.endpoint("/token", legacy),
            "response_types_supported": ["code"],
            "grant_types_supported": c.get("grant_types", ["authorization_code", "refresh_token"]),
            "token_endpoint_auth_methods_supported": c.get("auth_methods", ["none"]),
        }
        if c.get("registration", True):
            body["registration_endpoint"] = self.endpoint("/register", legacy)
        pkce = c.get("pkce_methods", ["S256"])
        if pkce is not None:
            body["code_challenge_methods_supported"] = pkce
        iss = c.get("iss_supported", True)
        if iss is not None:
            body["authorization_response_iss_parameter_supported"] = iss
        if c.get("as_scopes") is not None:
            body["scopes_supported"] = c["as_scopes"]
        if c.get("cimd_supported") is not None:
            body["client_id_metadata_document_supported"] = c["cimd_supported"]
        if c.get("as_openid"):
            body.update({"jwks_uri": issuer + "/jwks", "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"]})
        self.send_json(200, body)

    def authorize(self, legacy):
        c = self.config
        query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
        record("authorize", query=query, index=self.index)
        code = secrets.token_urlsafe(12)
        scopes = query.get("scope", "").split()
        CODES[code] = {"challenge": query.get("code_challenge"), "scopes": scopes, "as": self.index,
                       "resource": query.get("resource"), "redirect_uri": query.get("redirect_uri")}
        params = {"code": code}
        if "state" in query:
            params["state"] = query["state"]
        mode = c.get("iss_mode", "correct")
        issuer = self.urls["rs"] if legacy else self.issuer()
        if mode == "correct":
            params["iss"] = issuer
        elif mode == "wrong":
            params["iss"] = "https://evil.example.com"
        elif mode == "normalized":
            params["iss"] = issuer + "/"
        location = query["redirect_uri"] + ("&" if "?" in query["redirect_uri"] else "?") + urlencode(params)
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def token(self):
        c = self.config
        form = {k: v[0] for k, v in parse_qs(self.body().decode()).items()}
        record("token", form=form, authorization=self.headers.get("Authorization"), index=self.index)
        grant = form.get("grant_type")
        if grant == "authorization_code":
            entry = CODES.pop(form.get("code", ""), None)
            if entry is None:
                return self.send_json(400, {"error": "invalid_grant"})
            verifier = form.get("code_verifier", "")
            computed = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if computed != entry["challenge"]:
                return self.send_json(400, {"error": "invalid_grant", "error_description": "PKCE verification failed"})
            scopes = entry["scopes"]
        elif grant == "refresh_token":
            entry = REFRESH.pop(form.get("refresh_token", ""), None)
            if entry is None:
                return self.send_json(400, {"error": "invalid_grant"})
            scopes = entry["scopes"]
        elif grant == "client_credentials":
            scopes = form.get("scope", "").split()
        else:
            return self.send_json(400, {"error": "unsupported_grant_type"})
        token = f"token-as{self.index}-" + secrets.token_urlsafe(12)
        TOKENS[token] = {"scopes": scopes, "as": self.index, "expires": time.time() + c.get("expires_in", 3600)}
        body = {"access_token": token, "token_type": "Bearer", "expires_in": c.get("expires_in", 3600)}
        if scopes:
            body["scope"] = " ".join(scopes)
        if c.get("refresh", True) and grant != "client_credentials":
            refresh = "refresh-" + secrets.token_urlsafe(12)
            REFRESH[refresh] = {"scopes": scopes, "as": self.index}
            body["refresh_token"] = refresh
        self.send_json(200, body)

    def register(self):
        c = self.config
        request = json.loads(self.body() or b"{}")
        record("register", body=request, index=self.index)
        client_id = f"client-as{self.index}-" + secrets.token_urlsafe(6)
        body = {"client_id": client_id, "client_name": request.get("client_name"), "redirect_uris": request.get("redirect_uris", [])}
        if c.get("registered_secret", True):
            body["client_secret"] = "secret-" + secrets.token_urlsafe(6)
        if c.get("registered_method"):
            body["token_endpoint_auth_method"] = c["registered_method"]
        self.send_json(201, body)


def serve(role, index, config, urls):
    handler = type(f"H{role}{index}", (Handler,), {"config": config, "role": role, "index": index, "urls": urls})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    return server


def exit_with_parent():
    """Exits when the test process that started this server goes away, even if it crashed."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="{}")
    config = json.loads(parser.parse_args().config)
    urls = {"rs": None, "as": []}
    servers = [serve("rs", 0, config, urls)]
    for index in range(config.get("as_count", 1)):
        servers.append(serve("as", index, config, urls))
    urls["rs"] = f"http://127.0.0.1:{servers[0].server_address[1]}"
    urls["as"] = [f"http://127.0.0.1:{s.server_address[1]}" for s in servers[1:]]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print("READY " + json.dumps(urls), file=sys.stderr, flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    exit_with_parent()
    main()
