"""Mock MCP servers reproducing the client scenarios of the MCP conformance suite
(github.com/modelcontextprotocol/conformance, src/scenarios/client): each scenario serves what
the suite's server serves and records the same checks (id, name, status) from what the client
under test sends.

Usage: mock_server.py --scenario NAME [--spec-version V] --checks FILE [--spec-dir DIR]

Binds 127.0.0.1 on a free port and prints `READY {"port": N, "context": {...}}` on stderr (the
context is what the suite would pass in MCP_CONFORMANCE_CONTEXT, if anything). The checks are
rewritten to FILE (JSON array) before every response, so they are final once the client exits.
Standard library only; exits with its parent.
"""

import argparse
import base64
import json
import os
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DRAFT = "2026-07-28"
LATEST = "2025-11-25"
NEGOTIABLE = ["2025-06-18", LATEST, DRAFT]
# What the suite's stateful mock (the TypeScript SDK server) accepts in initialize.
SDK_VERSIONS = ["2024-11-05", "2025-03-26", "2025-06-18", LATEST]
CACHEABLE = {"server/discover", "tools/list", "prompts/list", "resources/list", "resources/templates/list", "resources/read"}


def exit_with_parent():
    """Exits when the test process that started this server goes away, even if it crashed."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def check(id, name, status, error=None, **details):
    entry = {"id": id, "name": name, "status": status}
    if error:
        entry["errorMessage"] = error
    if details:
        entry["details"] = details
    return entry


def draft_result(method, result):
    """The result members the 2026-07-28 revision requires (resultType, caching hints)."""
    result = dict(result)
    result.setdefault("resultType", "complete")
    if method in CACHEABLE:
        result.setdefault("ttlMs", 0)
        result.setdefault("cacheScope", "private")
    return result


class Exchange:
    """One HTTP request and the means to answer it."""

    def __init__(self, handler, body):
        self.handler = handler
        self.method = handler.command
        self.path = handler.path
        self.headers = {k.lower(): v for k, v in handler.headers.items()}
        self.raw = body
        self.finished = False

    def json_body(self):
        return json.loads(self.raw.decode("utf-8"))

    def respond(self, status, body=None, headers=None, content_type="application/json"):
        data = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        self.handler.send_response(status)
        if body is not None:
            self.handler.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            self.handler.send_header(k, v)
        self.handler.send_header("Content-Length", str(len(data)))
        self.handler.end_headers()
        self.handler.wfile.write(data)
        self.handler.wfile.flush()
        self.finished = True

    def start_events(self, headers=None):
        self.handler.send_response(200)
        self.handler.send_header("Content-Type", "text/event-stream")
        self.handler.send_header("Cache-Control", "no-cache")
        self.handler.send_header("Transfer-Encoding", "chunked")
        for k, v in (headers or {}).items():
            self.handler.send_header(k, v)
        self.handler.end_headers()
        self.handler.wfile.flush()

    def write_event(self, text):
        data = text.encode()
        self.handler.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.handler.wfile.flush()

    def end_events(self):
        """Ends the stream gracefully: the last chunk, the connection kept alive (as Node does)."""
        self.handler.wfile.write(b"0\r\n\r\n")
        self.handler.wfile.flush()
        self.finished = True

    def hold_open(self, stop):
        """Keeps an event stream open until `stop` is set or the client goes away."""
        while not stop.wait(1):
            try:
                self.write_event(": keep-alive\n\n")
            except OSError:
                break
        self.handler.close_connection = True
        self.finished = True


class Scenario:
    context = None

    def __init__(self, spec_version):
        self.spec = spec_version
        self.lock = threading.RLock()
        self.recorded_checks = []
        self.stop = threading.Event()

    def add(self, entry):
        with self.lock:
            self.recorded_checks.append(entry)

    def checks(self):
        return list(self.recorded_checks)

    def handle(self, ex):
        raise NotImplementedError


# ── wire-schema validation (the suite's `wire-schema-valid` check) ─────────────

NON_CANONICAL = {"ClientRequest", "ClientNotification", "ClientResult", "ClientMessage",
                 "ServerRequest", "ServerNotification", "ServerResult", "ServerMessage"}


class WireValidator:
    """Validates what the client sends against the spec schema of the version it speaks: a
    request or notification against its method's definition, anything else against the
    JSON-RPC envelope."""

    def __init__(self):
        self.lock = threading.Lock()
        self.compiled = {}
        self.violations = []
        self.observed = 0
        self.setup_error = None

    def versions(self):
        return sorted(os.listdir(SPEC_DIR)) if SPEC_DIR and os.path.isdir(SPEC_DIR) else []

    def validator(self, version, name):
        import jsonschema

        key = (version, name)
        if key not in self.compiled:
            with open(os.path.join(SPEC_DIR, version, "schema.json")) as f:
                schema = json.load(f)
            defs_key = "$defs" if "$defs" in schema else "definitions"
            if name is None:
                defs = schema[defs_key]
                self.compiled[(version, "methods")] = {
                    d["properties"]["method"]["const"]: n for n, d in defs.items()
                    if n not in NON_CANONICAL and isinstance(d.get("properties", {}).get("method", {}).get("const"), str)}
                return None
            cls = jsonschema.validators.validator_for(schema)
            self.compiled[key] = cls(dict(schema, **{"$ref": f"#/{defs_key}/{name}"}))
        return self.compiled[key]

    def validate(self, version, message):
        with self.lock:
            try:
                if version not in self.versions():
                    raise RuntimeError(f"no schema for {version} under {SPEC_DIR}")
                if (version, "methods") not in self.compiled:
                    self.validator(version, None)
                methods = self.compiled[(version, "methods")]
                method = message.get("method") if isinstance(message, dict) else None
                if isinstance(method, str):
                    name = methods.get(method, "JSONRPCRequest" if "id" in message else "JSONRPCNotification")
                elif isinstance(message, dict) and message.get("error") is not None:
                    name = "JSONRPCErrorResponse" if version >= "2025-06-18" else "JSONRPCError"
                else:
                    name = "JSONRPCResultResponse" if version >= "2025-11-25" else "JSONRPCResponse"
                self.observed += 1
                errors = [e.message for e in self.validator(version, name).iter_errors(message)]
                if errors:
                    self.violations.append(f"{name} ({version}): " + "; ".join(errors[:4]))
            except Exception as error:
                self.setup_error = f"{type(error).__name__}: {error}"

    def warm(self, versions):
        """Compiles the schemas before the server says READY, so the first request is not slow."""
        for version in versions:
            self.validate(version, {"jsonrpc": "2.0", "id": 0, "method": "tools/list", "params": {}})
            self.validate(version, {"jsonrpc": "2.0", "method": "notifications/initialized"})
        with self.lock:
            self.observed = 0
            self.violations = []

    def checks(self):
        with self.lock:
            if self.setup_error:
                return [check("wire-schema-harness-error", "WireSchemaHarnessError", "FAILURE", self.setup_error)]
            ok = not self.violations
            return [check("wire-schema-valid", "WireSchemaValid", "SUCCESS" if ok else "FAILURE",
                          None if ok else " | ".join(self.violations[:5]), observed=self.observed)]


# ── initialize ───────────────────────────────────────────────────────────────


class InitializeScenario(Scenario):
    """Raw server: checks the initialize request; answers tools/list empty, anything else {}."""

    def handle(self, ex):
        try:
            request = ex.json_body()
        except Exception as error:
            return ex.respond(400, {"jsonrpc": "2.0", "error": {"code": -32700, "message": f"Parse error {error}"}})
        reply = {"jsonrpc": "2.0"}
        if request.get("id") is not None:
            reply["id"] = request["id"]
        method = request.get("method")
        if method == "initialize":
            params = request.get("params") or {}
            version = params.get("protocolVersion")
            info = params.get("clientInfo") or {}
            errors = []
            if not version:
                errors.append("Protocol version not provided")
            if version not in NEGOTIABLE + [self.spec]:
                errors.append(f"Version mismatch: expected {self.spec}, got {version}")
            if not info.get("name"):
                errors.append("Client name missing")
            if not info.get("version"):
                errors.append("Client version missing")
            self.add(check("mcp-client-initialization", "MCPClientInitialization", "FAILURE" if errors else "SUCCESS",
                           "; ".join(errors) or None, protocolVersionSent=version, clientName=info.get("name")))
            self.add(check("server-info", "ServerInfo", "INFO", serverName="test-server", serverVersion="1.0.0"))
            reply["result"] = {"protocolVersion": version if version in NEGOTIABLE else LATEST,
                               "serverInfo": {"name": "test-server", "version": "1.0.0"}, "capabilities": {}}
        elif method == "tools/list":
            reply["result"] = {"tools": []}
        else:
            reply["result"] = {}
        ex.respond(200, reply)


# ── the suite's version-aware mock server (stateful before 2026-07-28, stateless from it) ─


class HandlerServer(Scenario):
    """Routes methods to `handlers` behind the lifecycle of the run's spec version, recording
    every request but the lifecycle preamble in `self.recorded`."""

    handlers = {}

    def __init__(self, spec_version):
        super().__init__(spec_version)
        self.recorded = []
        self.wire = WireValidator()
        self.wire.warm([spec_version] if spec_version == DRAFT else [spec_version, "2025-03-26"])

    def checks(self):
        return self.scenario_checks() + self.wire.checks()

    def capabilities(self):
        prefixes = {"tools": "tools", "prompts": "prompts", "resources": "resources", "completion": "completions", "logging": "logging"}
        return {prefixes[m.split("/")[0]]: {} for m in self.handlers if m.split("/")[0] in prefixes}

    def handle(self, ex):
        if ex.method != "POST":
            return ex.respond(405, {"jsonrpc": "2.0", "id": None, "error": {"code": -32000, "message": "Method not allowed."}})
        body = ex.json_body()
        if self.spec == DRAFT:
            self.wire.validate(self.spec, body)
            return self.handle_stateless(ex, body)
        # Traffic is judged at the version the client declares; no header means 2025-03-26.
        header = ex.headers.get("mcp-protocol-version")
        self.wire.validate(header if header in self.wire.versions() else ("2025-03-26" if header is None else self.spec), body)
        return self.handle_stateful(ex, body)

    def handle_stateful(self, ex, body):
        method = body.get("method")
        if method and method not in ("initialize", "notifications/initialized"):
            with self.lock:
                self.recorded.append(body)
        header = ex.headers.get("mcp-protocol-version")
        if method != "initialize" and header is not None and header not in SDK_VERSIONS:
            return ex.respond(400, {"jsonrpc": "2.0", "id": None, "error": {"code": -32000, "message": f"Bad Request: Unsupported protocol version: {header}"}})
        if "id" not in body or method is None:
            return ex.respond(202)
        if method == "initialize":
            offered = (body.get("params") or {}).get("protocolVersion")
            result = {"protocolVersion": offered if offered in SDK_VERSIONS else LATEST, "capabilities": self.capabilities(),
                      "serverInfo": {"name": "conformance-mock-server", "version": "1.0.0"}}
            reply = {"jsonrpc": "2.0", "id": body["id"], "result": result}
        else:
            reply = self.dispatch(body, lambda m, r: r)
        # The SDK server answers requests with a one-event stream.
        ex.start_events()
        ex.write_event("event: message\ndata: " + json.dumps(reply) + "\n\n")
        ex.end_events()

    def handle_stateless(self, ex, body):
        method = body.get("method")
        if method and method != "server/discover":
            with self.lock:
                self.recorded.append(body)
        rid = body.get("id")
        params = body.get("params") or {}
        meta = params.get("_meta") or {}
        header = ex.headers.get("mcp-protocol-version")

        def reject(status, code, message, data=None):
            error = {"code": code, "message": message}
            if data is not None:
                error["data"] = data
            ex.respond(status, {"jsonrpc": "2.0", "id": rid, "error": error})

        if not header:
            return reject(400, -32020, "Missing MCP-Protocol-Version header")
        missing = [k for k in ("io.modelcontextprotocol/protocolVersion", "io.modelcontextprotocol/clientCapabilities") if k not in meta]
        if missing:
            return reject(400, -32602, "Invalid params: missing _meta keys: " + ", ".join(missing))
        if meta["io.modelcontextprotocol/protocolVersion"] != header:
            return reject(400, -32020, "MCP-Protocol-Version header does not match _meta.protocolVersion")
        if header != self.spec:
            return reject(400, -32022, "Unsupported protocol version", {"supported": [self.spec], "requested": header})
        if method == "server/discover":
            result = draft_result(method, {"supportedVersions": [self.spec], "capabilities": self.capabilities(),
                                           "_meta": {"io.modelcontextprotocol/serverInfo": {"name": "conformance-mock-server", "version": "1.0.0"}}})
            return ex.respond(200, {"jsonrpc": "2.0", "id": rid, "result": result})
        if method not in self.handlers:
            return reject(404, -32601, f"Method not found: {method}")
        ex.respond(200, self.dispatch(body, draft_result))

    def dispatch(self, body, stamp):
        method = body["method"]
        handler = self.handlers.get(method)
        if handler is None:
            return {"jsonrpc": "2.0", "id": body["id"], "error": {"code": -32601, "message": "Method not found"}}
        try:
            result = handler(self, body.get("params") or {})
        except Exception as error:
            return {"jsonrpc": "2.0", "id": body["id"], "error": {"code": -32603, "message": str(error)}}
        return {"jsonrpc": "2.0", "id": body["id"], "result": stamp(method, result)}


class ToolsCallScenario(HandlerServer):
    def list_tools(self, params):
        return {"tools": [{"name": "add_numbers", "description": "Add two numbers together", "inputSchema": {
            "type": "object", "properties": {"a": {"type": "number", "description": "First number"},
                                             "b": {"type": "number", "description": "Second number"}}, "required": ["a", "b"]}}]}

    def call_tool(self, params):
        if params.get("name") != "add_numbers":
            raise ValueError(f"Unknown tool: {params.get('name')}")
        a, b = params["arguments"]["a"], params["arguments"]["b"]
        return {"content": [{"type": "text", "text": f"The sum of {a} and {b} is {a + b}"}]}

    handlers = {"tools/list": list_tools, "tools/call": call_tool}

    def scenario_checks(self):
        call = next((r for r in self.recorded if r.get("method") == "tools/call"), None)
        args = ((call or {}).get("params") or {}).get("arguments") or {}
        number = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
        ok = call is not None and number(args.get("a")) and number(args.get("b"))
        return [check("tool-add-numbers", "ToolAddNumbers", "SUCCESS" if ok else "FAILURE",
                      None if ok else "Tool was not called by client", a=args.get("a"), b=args.get("b"))]


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_2020_12 = {
    "$schema": SCHEMA_DIALECT,
    "type": "object",
    "$defs": {"address": {"$anchor": "addressDef", "type": "object",
                          "properties": {"street": {"type": "string"}, "city": {"type": "string"}}}},
    "properties": {"name": {"type": "string"}, "address": {"$ref": "#/$defs/address"},
                   "contactMethod": {"type": "string", "enum": ["phone", "email"]},
                   "phone": {"type": "string"}, "email": {"type": "string"}},
    "allOf": [{"anyOf": [{"required": ["phone"]}, {"required": ["email"]}]}],
    "if": {"properties": {"contactMethod": {"const": "phone"}}, "required": ["contactMethod"]},
    "then": {"required": ["phone"]},
    "else": {"required": ["email"]},
    "additionalProperties": False,
}


class SchemaPreservationScenario(HandlerServer):
    """json-schema-2020-12-preservation: the client echoes the focal tool's inputSchema back."""

    observed = None
    listed = False

    def list_tools(self, params):
        self.listed = True
        return {"tools": [
            {"name": "json_schema_2020_12_tool", "description": "Tool with JSON Schema 2020-12 features", "inputSchema": SCHEMA_2020_12},
            {"name": "json_schema_echo", "description": "Echoes back an arbitrary JSON Schema object.", "inputSchema": {
                "type": "object", "properties": {"schema": {"type": "object"}}, "required": ["schema"]}}]}

    def call_tool(self, params):
        if params.get("name") == "json_schema_echo":
            schema = (params.get("arguments") or {}).get("schema")
            if isinstance(schema, dict):
                self.observed = schema
            return {"content": [{"type": "text", "text": "echoed"}]}
        if params.get("name") == "json_schema_2020_12_tool":
            return {"content": [{"type": "text", "text": "ok"}]}
        raise ValueError(f"Unknown tool: {params.get('name')}")

    handlers = {"tools/list": list_tools, "tools/call": call_tool}

    def scenario_checks(self):
        echo = self.observed
        out = [check("json-schema-2020-12-client-tool-found", "JsonSchema2020_12ClientToolFound", "SUCCESS" if self.listed else "FAILURE"),
               check("json-schema-2020-12-client-echo-completed", "JsonSchema2020_12ClientEchoCompleted", "SUCCESS" if echo is not None else "FAILURE")]
        ids = ["json-schema-2020-12-client-$schema-preserved", "json-schema-2020-12-client-$defs-preserved",
               "json-schema-2020-12-client-additionalProperties-preserved", "sep-2106-client-composition-keywords-preserved",
               "sep-2106-client-conditional-keywords-preserved", "sep-2106-client-anchor-keyword-preserved"]
        if echo is None:
            return out + [check(i, i, "SKIPPED") for i in ids]
        # SEP-2106 keywords fail only when the run targets the draft; earlier they are skipped.
        soft = lambda ok: "SUCCESS" if ok else ("FAILURE" if self.spec == DRAFT else "SKIPPED")
        defs = echo.get("$defs") if isinstance(echo.get("$defs"), dict) else None
        all_of = echo.get("allOf")
        composition = isinstance(all_of, list) and len(all_of) > 0 and any(isinstance(s, dict) and isinstance(s.get("anyOf"), list) for s in all_of)
        address = (defs or {}).get("address")
        out += [
            check(ids[0], "JsonSchema2020_12Client$SchemaPreserved", "SUCCESS" if echo.get("$schema") == SCHEMA_DIALECT else "FAILURE"),
            check(ids[1], "JsonSchema2020_12Client$DefsPreserved", "SUCCESS" if defs is not None and "address" in defs else "FAILURE"),
            check(ids[2], "JsonSchema2020_12ClientAdditionalPropertiesPreserved",
                  "SUCCESS" if "additionalProperties" in echo and echo["additionalProperties"] is False else "FAILURE"),
            check(ids[3], "JsonSchema2020_12ClientCompositionKeywordsPreserved", soft(composition)),
            check(ids[4], "JsonSchema2020_12ClientConditionalKeywordsPreserved", soft(all(k in echo for k in ("if", "then", "else")))),
            check(ids[5], "JsonSchema2020_12ClientAnchorKeywordPreserved", soft(isinstance(address, dict) and "$anchor" in address)),
        ]
        return out


# ── elicitation-sep1034-client-defaults ─────────────────────────────────────


ELICITATION_FIELDS = [
    # (field, slug, expected JSON type)
    ("name", "string", str),
    ("age", "integer", (int, float)),
    ("score", "number", (int, float)),
    ("status", "enum", str),
    ("verified", "boolean", bool),
]


class ElicitationDefaultsScenario(Scenario):
    """Stateful server with sessions; the tool asks for a form whose fields all have defaults
    and checks that the accepted content carries each of them."""

    def __init__(self, spec_version):
        super().__init__(spec_version)
        self.sessions = set()
        self.pending = {}

    def handle(self, ex):
        session = ex.headers.get("mcp-session-id")
        if ex.method == "DELETE":
            return ex.respond(200) if session in self.sessions else ex.respond(400, b"Invalid or missing session ID", content_type="text/plain")
        if ex.method == "GET":
            # No standalone stream: the server's request travels on the tool call's stream.
            return ex.respond(405, {"jsonrpc": "2.0", "id": None, "error": {"code": -32000, "message": "Method not allowed."}})
        body = ex.json_body()
        method = body.get("method")
        if session is None and method == "initialize":
            session = str(uuid.uuid4())
            self.sessions.add(session)
            params = body.get("params") or {}
            offered = params.get("protocolVersion")
            result = {"protocolVersion": offered if offered in SDK_VERSIONS else LATEST, "capabilities": {"tools": {}},
                      "serverInfo": {"name": "elicitation-defaults-test-server", "version": "1.0.0"}}
            return self.send_one(ex, {"jsonrpc": "2.0", "id": body["id"], "result": result}, session)
        if session not in self.sessions:
            return ex.respond(400, {"jsonrpc": "2.0", "error": {"code": -32000, "message": "Invalid or missing session ID"}, "id": None})
        if method is None:
            # The client's answer to our elicitation/create.
            waiter = self.pending.get(body.get("id"))
            if waiter is not None:
                waiter[1] = body
                waiter[0].set()
            return ex.respond(202)
        if "id" not in body:
            return ex.respond(202)
        if method == "tools/list":
            tool = {"name": "test_client_elicitation_defaults", "description": "Tests that client applies defaults for omitted elicitation fields",
                    "inputSchema": {"type": "object", "properties": {}, "required": []}}
            return self.send_one(ex, {"jsonrpc": "2.0", "id": body["id"], "result": {"tools": [tool]}}, session)
        if method == "tools/call":
            return self.call_tool(ex, body, session)
        self.send_one(ex, {"jsonrpc": "2.0", "id": body["id"], "result": {}}, session)

    def send_one(self, ex, message, session):
        ex.start_events({"mcp-session-id": session})
        ex.write_event("event: message\ndata: " + json.dumps(message) + "\n\n")
        ex.end_events()

    def call_tool(self, ex, body, session):
        request_id = "elicit-" + str(uuid.uuid4())
        waiter = [threading.Event(), None]
        self.pending[request_id] = waiter
        ex.start_events({"mcp-session-id": session})
        schema = {"type": "object", "properties": {
            "name": {"type": "string", "description": "User name", "default": "John Doe"},
            "age": {"type": "integer", "description": "User age", "default": 30},
            "score": {"type": "number", "description": "User score", "default": 95.5},
            "status": {"type": "string", "description": "User status", "enum": ["active", "inactive", "pending"], "default": "active"},
            "verified": {"type": "boolean", "description": "Verification status", "default": True}}, "required": []}
        elicit = {"jsonrpc": "2.0", "id": request_id, "method": "elicitation/create", "params": {
            "message": "Test client default value handling - please accept with defaults", "requestedSchema": schema}}
        ex.write_event("event: message\ndata: " + json.dumps(elicit) + "\n\n")
        if not waiter[0].wait(20):
            self.add(check("client-elicitation-sep1034-general", "ClientElicitationSEP1034General", "FAILURE", "no answer to elicitation/create"))
            text = "Elicitation error: timeout"
        else:
            answer = waiter[1].get("result") or {}
            if answer.get("action") != "accept":
                self.add(check("client-elicitation-sep1034-general", "ClientElicitationSEP1034General", "FAILURE",
                               f"Expected action 'accept', got '{answer.get('action')}'"))
            else:
                content = answer.get("content") or {}
                for field, slug, kind in ELICITATION_FIELDS:
                    value = content.get(field)
                    errors = []
                    if field not in content:
                        errors.append(f'Field "{field}" missing')
                    elif not isinstance(value, kind) or (kind != bool and isinstance(value, bool)):
                        errors.append(f'Unexpected type for "{field}": {type(value).__name__}')
                    elif slug == "enum" and value not in ("active", "inactive", "pending"):
                        errors.append(f'Value "{value}" is not a valid enum member')
                    self.add(check(f"client-elicitation-sep1034-{slug}-default", f"ClientElicitationSEP1034{slug.capitalize()}Default",
                                   "FAILURE" if errors else "SUCCESS", "; ".join(errors) or None, receivedValue=value))
            text = "Elicitation completed: " + json.dumps(answer.get("content"))
        write_checks()
        reply = {"jsonrpc": "2.0", "id": body["id"], "result": {"content": [{"type": "text", "text": text}]}}
        ex.write_event("event: message\ndata: " + json.dumps(reply) + "\n\n")
        ex.end_events()

    def checks(self):
        out = list(self.recorded_checks)
        for _, slug, _ in ELICITATION_FIELDS:
            if not any(c["id"] == f"client-elicitation-sep1034-{slug}-default" for c in out):
                out.append(check(f"client-elicitation-sep1034-{slug}-default", "NotObserved", "FAILURE", "Tool was not called by client"))
        return out


# ── sse-retry ────────────────────────────────────────────────────────────────


class SSERetryScenario(Scenario):
    """The tool call's stream primes (id + retry: 500), then ends without the answer 50 ms later;
    the answer is delivered on the GET that resumes it."""

    RETRY_MS = 500

    def __init__(self, spec_version):
        super().__init__(spec_version)
        self.session = f"session-{int(time.time() * 1000)}"
        self.event_counter = 0
        self.pending_call = None
        self.close_time = None
        self.get_time = None
        self.get_count = 0
        self.last_event_ids = []

    def next_id(self):
        with self.lock:
            self.event_counter += 1
            return f"event-{self.event_counter}"

    def handle(self, ex):
        if ex.method == "GET":
            with self.lock:
                self.get_count += 1
                self.get_time = time.monotonic()
                if ex.headers.get("last-event-id"):
                    self.last_event_ids.append(ex.headers["last-event-id"])
                pending, self.pending_call = self.pending_call, None
            write_checks()
            ex.start_events({"mcp-session-id": self.session})
            ex.write_event(f"id: {self.next_id()}\nretry: {self.RETRY_MS}\ndata: \n\n")
            if pending is not None:
                reply = {"jsonrpc": "2.0", "id": pending, "result": {"content": [{"type": "text", "text": "Reconnection test completed successfully"}]}}
                ex.write_event(f"event: message\nid: {self.next_id()}\ndata: {json.dumps(reply)}\n\n")
            return ex.hold_open(self.stop)
        if ex.method != "POST":
            return ex.respond(405, b"Method Not Allowed", content_type="text/plain")
        body = ex.json_body()
        method = body.get("method")
        headers = {"mcp-session-id": self.session}
        if method == "initialize":
            return ex.respond(200, {"jsonrpc": "2.0", "id": body["id"], "result": {
                "protocolVersion": "2025-03-26", "serverInfo": {"name": "sse-retry-test-server", "version": "1.0.0"}, "capabilities": {"tools": {}}}}, headers)
        if method == "tools/list":
            return ex.respond(200, {"jsonrpc": "2.0", "id": body["id"], "result": {"tools": [{
                "name": "test_reconnection", "description": "A tool that triggers SSE stream closure to test client reconnection behavior",
                "inputSchema": {"type": "object", "properties": {}, "required": []}}]}}, headers)
        if method == "tools/call":
            with self.lock:
                self.pending_call = body["id"]
            ex.start_events(headers)
            ex.write_event(f"id: {self.next_id()}\nretry: {self.RETRY_MS}\ndata: \n\n")
            time.sleep(0.05)
            with self.lock:
                self.close_time = time.monotonic()
            write_checks()
            return ex.end_events()
        if body.get("id") is None:
            return ex.respond(202)
        ex.respond(200, {"jsonrpc": "2.0", "id": body["id"], "result": {}}, headers)

    def checks(self):
        with self.lock:
            out = [check("client-sse-graceful-reconnect", "ClientGracefulReconnect", "SUCCESS" if self.get_count >= 1 else "FAILURE",
                         None if self.get_count >= 1 else "Client did not attempt GET reconnection after stream closure", getConnectionCount=self.get_count)]
            if self.close_time is not None and self.get_time is not None:
                delay = (self.get_time - self.close_time) * 1000
                too_early = delay < self.RETRY_MS - 50
                very_late = delay > self.RETRY_MS * 2
                slightly_late = delay > self.RETRY_MS + 200
                status = "FAILURE" if too_early or very_late else ("WARNING" if slightly_late else "SUCCESS")
                out.append(check("client-sse-retry-timing", "ClientRespectsRetryField", status,
                                 None if status == "SUCCESS" else f"reconnected after {delay:.0f} ms, retry was {self.RETRY_MS} ms", actualDelayMs=round(delay)))
            else:
                out.append(check("client-sse-retry-timing", "ClientRespectsRetryField", "WARNING", "Could not measure timing"))
            has_id = len(self.last_event_ids) > 0
            out.append(check("client-sse-last-event-id", "ClientSendsLastEventId", "SUCCESS" if has_id else "WARNING",
                             None if has_id else "No Last-Event-ID on reconnection", lastEventIds=self.last_event_ids))
            return out


# ── request-metadata (SEP-2575) ─────────────────────────────────────────────

SEVERITY = {"FAILURE": 3, "WARNING": 2, "SUCCESS": 1, "INFO": 1, "SKIPPED": 0}
REQUEST_METADATA_IDS = [
    "sep-2575-http-client-sends-version-header", "sep-2575-client-populates-meta", "sep-2575-client-sends-client-info",
    "sep-2575-http-version-header-matches-meta", "sep-2575-client-declares-roots-capability",
    "sep-2575-client-declares-sampling-capability", "sep-2575-client-declares-elicitation-capability",
    "sep-2575-client-retry-supported-version",
]


class RequestMetadataScenario(Scenario):
    """Checks the version header and `_meta` of every POST; rejects the first one with -32022
    and checks that the client retries at the version named."""

    def __init__(self, spec_version):
        super().__init__(spec_version)
        self.by_id = {}
        self.rejected = False

    def latch(self, entry):
        """A violation on one request is never erased by a later conformant one."""
        existing = self.by_id.get(entry["id"])
        if existing is None or SEVERITY[entry["status"]] >= SEVERITY[existing["status"]]:
            self.by_id[entry["id"]] = entry

    def handle(self, ex):
        if ex.method != "POST":
            return ex.respond(405, b"Method Not Allowed", {"Allow": "POST"}, content_type="text/plain")
        request = ex.json_body()
        meta = (request.get("params") or {}).get("_meta") or {}
        meta_version = meta.get("io.modelcontextprotocol/protocolVersion")
        header = ex.headers.get("mcp-protocol-version")
        capabilities = meta.get("io.modelcontextprotocol/clientCapabilities")
        with self.lock:
            self.latch(check(REQUEST_METADATA_IDS[0], "ClientSendsVersionHeader", "SUCCESS" if header is not None else "FAILURE", method=request.get("method")))
            self.latch(check(REQUEST_METADATA_IDS[1], "ClientPopulatesMeta", "SUCCESS" if meta_version and capabilities is not None else "FAILURE", method=request.get("method")))
            self.latch(check(REQUEST_METADATA_IDS[2], "ClientSendsClientInfo", "SUCCESS" if meta.get("io.modelcontextprotocol/clientInfo") else "WARNING"))
            both = header is not None and meta_version is not None
            self.latch(check(REQUEST_METADATA_IDS[3], "ClientVersionHeaderMatchesMeta",
                             "SKIPPED" if not both else ("SUCCESS" if header == meta_version else "FAILURE"), header=header, meta=meta_version))
            for name, cid in (("roots", REQUEST_METADATA_IDS[4]), ("sampling", REQUEST_METADATA_IDS[5]), ("elicitation", REQUEST_METADATA_IDS[6])):
                status = "SKIPPED"
                if isinstance(capabilities, dict) and name in capabilities:
                    status = "SUCCESS" if isinstance(capabilities[name], dict) else "FAILURE"
                self.latch(check(cid, f"ClientDeclares{name.capitalize()}Capability", status))
            if not self.rejected:
                self.rejected = True
                self.by_id[REQUEST_METADATA_IDS[7]] = check(REQUEST_METADATA_IDS[7], "ClientRetrySupportedVersion", "WARNING", "no retry seen", header=header)
                write_checks()
                return ex.respond(400, {"jsonrpc": "2.0", "id": request.get("id"), "error": {
                    "code": -32022, "message": "Unsupported protocol version", "data": {"supported": [DRAFT], "requested": str(header or meta_version or "")}}})
            retried = header == DRAFT and meta_version == DRAFT
            self.by_id[REQUEST_METADATA_IDS[7]] = check(REQUEST_METADATA_IDS[7], "ClientRetrySupportedVersion", "SUCCESS" if retried else "WARNING",
                                                         retryHeaderVersion=header, retryMetaVersion=meta_version)
        write_checks()
        method = request.get("method")
        if method == "server/discover":
            result = {"supportedVersions": [DRAFT], "capabilities": {}, "serverInfo": {"name": "test", "version": "1.0"}}
        elif method == "tools/list":
            result = {"tools": []}
        elif method == "tools/call":
            result = {"content": []}
        else:
            result = {}
        ex.respond(200, {"jsonrpc": "2.0", "id": request.get("id"), "result": draft_result(method, result)})

    def checks(self):
        with self.lock:
            out = list(self.by_id.values())
            for cid in REQUEST_METADATA_IDS:
                if cid not in self.by_id:
                    out.append(check(cid, "NotObserved", "FAILURE", "Check was not observed"))
            return out


# ── sep-2322-client-request-state (multi round-trip) ────────────────────────

MRTR_TOOLS = ["test_mrtr_echo_state", "test_mrtr_no_state", "test_mrtr_unrelated", "test_mrtr_no_result_type"]
MRTR_IDS = ["sep-2322-client-request-state-echoed", "sep-2322-client-jsonrpc-id-different", "sep-2322-client-no-state-omitted",
            "sep-2322-client-parallel-isolation", "sep-2322-default-result-type-complete"]


class MRTRScenario(Scenario):
    def __init__(self, spec_version):
        super().__init__(spec_version)
        self.original_id = None
        self.sent_state = None

    def handle(self, ex):
        if ex.method != "POST":
            return ex.respond(405, b"Method Not Allowed", content_type="text/plain")
        body = ex.json_body()
        rid, method, params = body.get("id"), body.get("method"), body.get("params") or {}
        reply = lambda result: ex.respond(200, {"jsonrpc": "2.0", "id": rid, "result": result})
        if method == "server/discover":
            return reply({"resultType": "complete", "ttlMs": 0, "cacheScope": "private", "supportedVersions": [DRAFT],
                          "capabilities": {"tools": {}}, "serverInfo": {"name": "mrtr-mock-server", "version": "1.0.0"}})
        if method == "notifications/initialized":
            return ex.respond(204)
        if method == "tools/list":
            tools = [{"name": n, "description": n, "inputSchema": {"type": "object", "properties": {}, "required": []}} for n in MRTR_TOOLS]
            return reply({"resultType": "complete", "ttlMs": 0, "cacheScope": "private", "tools": tools})
        if method != "tools/call":
            return ex.respond(200, {"jsonrpc": "2.0", "id": rid, "error": {"code": -32601, "message": f"Method not found: {method}"}})
        name = params.get("name")
        responses = params.get("inputResponses")
        state = params.get("requestState")
        confirm = lambda message: {"confirm": {"method": "elicitation/create", "params": {"message": message, "requestedSchema": {
            "type": "object", "properties": {"confirmed": {"type": "boolean", "description": "Confirm?"}}}}}}
        complete = lambda text: reply({"resultType": "complete", "content": [{"type": "text", "text": text}]})
        with self.lock:
            if name == "test_mrtr_echo_state":
                if responses is None:
                    self.original_id = rid
                    self.sent_state = json.dumps({"nonce": str(uuid.uuid4()), "originalId": rid})
                    write_checks()
                    return reply({"resultType": "input_required", "inputRequests": confirm("Please confirm to continue"), "requestState": self.sent_state})
                errors = [] if state == self.sent_state else ["requestState missing" if not state else "requestState not echoed exactly"]
                self.add(check(MRTR_IDS[0], "MRTRClientRequestStateEchoed", "FAILURE" if errors else "SUCCESS", "; ".join(errors) or None))
                self.add(check(MRTR_IDS[1], "MRTRClientJsonRpcIdDifferent", "FAILURE" if rid == self.original_id else "SUCCESS",
                               originalId=self.original_id, retryId=rid))
                write_checks()
                return complete("echo-state-ok")
            if name == "test_mrtr_no_state":
                if responses is None:
                    return reply({"resultType": "input_required", "inputRequests": confirm("Please confirm to continue (no state test)")})
                self.add(check(MRTR_IDS[2], "MRTRClientNoStateOmitted", "SUCCESS" if state is None else "FAILURE",
                               None if state is None else f"requestState {state!r} sent though none was given"))
                write_checks()
                return complete("no-state-ok")
            if name == "test_mrtr_unrelated":
                errors = [f for f, v in (("inputResponses", responses), ("requestState", state)) if v is not None]
                self.add(check(MRTR_IDS[3], "MRTRClientParallelIsolation", "FAILURE" if errors else "SUCCESS",
                               ("carried " + ", ".join(errors)) if errors else None))
                write_checks()
                return complete("unrelated-ok")
            if name == "test_mrtr_no_result_type":
                self.recorded_checks = [c for c in self.recorded_checks if c["id"] != MRTR_IDS[4]]
                if responses is not None:
                    self.add(check(MRTR_IDS[4], "DefaultResultTypeComplete", "FAILURE", "retried a result without resultType"))
                    write_checks()
                    return complete("unexpected-retry")
                self.add(check(MRTR_IDS[4], "DefaultResultTypeComplete", "SUCCESS"))
                write_checks()
                return reply({"content": [{"type": "text", "text": "no-result-type-test-ok"}]})
        ex.respond(200, {"jsonrpc": "2.0", "id": rid, "error": {"code": -32601, "message": f"Unknown tool: {name}"}})

    def checks(self):
        out = list(self.recorded_checks)
        for cid in MRTR_IDS:
            if not any(c["id"] == cid for c in out):
                out.append(check(cid, "NotObserved", "FAILURE", "Tool was not called by client or MRTR flow not completed"))
        return out


# ── SEP-2243 HTTP header scenarios ──────────────────────────────────────────


class BaseHTTPScenario(Scenario):
    """Streamable HTTP scaffold: GET holds an event stream open, DELETE succeeds, discover
    advertises `capabilities()`."""

    def __init__(self, spec_version):
        super().__init__(spec_version)
        self.session = f"session-{int(time.time() * 1000)}"

    def capabilities(self):
        return {"tools": {}}

    def send(self, ex, body):
        ex.respond(200, body, {"mcp-session-id": self.session})

    def handle(self, ex):
        if ex.method == "GET":
            ex.start_events({"mcp-session-id": self.session})
            ex.write_event("data: \n\n")
            return ex.hold_open(self.stop)
        if ex.method == "DELETE":
            return ex.respond(200)
        if ex.method != "POST":
            return ex.respond(405, b"Method Not Allowed", content_type="text/plain")
        request = json.loads(ex.raw.decode("utf-8"))
        if request.get("method") == "server/discover":
            return self.send(ex, {"jsonrpc": "2.0", "id": request.get("id"), "result": draft_result("server/discover", {
                "supportedVersions": [DRAFT], "capabilities": self.capabilities(), "serverInfo": {"name": self.name + "-server", "version": "1.0.0"}})})
        with self.lock:
            self.handle_post(ex, request)

    def answer(self, ex, request, result=None):
        if request.get("method") == "initialize":
            return self.send(ex, {"jsonrpc": "2.0", "id": request["id"], "result": {
                "resultType": "complete", "protocolVersion": DRAFT, "serverInfo": {"name": self.name + "-server", "version": "1.0.0"}, "capabilities": self.capabilities()}})
        if request.get("id") is None:
            return ex.respond(202)
        self.send(ex, {"jsonrpc": "2.0", "id": request["id"], "result": draft_result(request["method"], result or {})})


STANDARD_METHODS = ["initialize", "notifications/initialized", "tools/list", "tools/call", "resources/list", "resources/read", "prompts/list", "prompts/get"]
NAMED_METHODS = {"tools/call": "name", "resources/read": "uri", "prompts/get": "name"}


class StandardHeadersScenario(BaseHTTPScenario):
    name = "http-standard-headers"

    def __init__(self, spec_version):
        super().__init__(spec_version)
        self.method_checked = set()
        self.name_checked = set()

    def capabilities(self):
        return {"tools": {}, "resources": {}, "prompts": {}}

    def handle_post(self, ex, request):
        method = request.get("method")
        if method and method not in self.method_checked:
            self.method_checked.add(method)
            header = ex.headers.get("mcp-method")
            error = None if header == method else (f"Missing Mcp-Method header on {method}" if header is None else f"Mcp-Method '{header}' != '{method}'")
            self.add(check("sep-2243-client-includes-standard-headers", "ClientMcpMethodHeader_" + method.replace("/", "_"),
                           "FAILURE" if error else "SUCCESS", error, actualHeader=header))
        if method in NAMED_METHODS and method not in self.name_checked:
            self.name_checked.add(method)
            expected = (request.get("params") or {}).get(NAMED_METHODS[method])
            header = ex.headers.get("mcp-name")
            error = None if header == expected else (f"Missing Mcp-Name header on {method}" if header is None else f"Mcp-Name '{header}' != '{expected}'")
            self.add(check("sep-2243-client-includes-standard-headers", "ClientMcpNameHeader_" + method.replace("/", "_"),
                           "FAILURE" if error else "SUCCESS", error, expectedValue=expected, actualHeader=header))
        write_checks()
        results = {
            "tools/list": {"tools": [
                {"name": "test_headers", "description": "A simple tool", "inputSchema": {"type": "object", "properties": {}, "required": []}},
                {"name": "my-hyphenated-tool", "description": "Hyphen in name", "inputSchema": {"type": "object", "properties": {}, "required": []}}]},
            "tools/call": {"content": [{"type": "text", "text": "Headers test completed"}]},
            "resources/list": {"resources": [
                {"uri": "file:///path/to/file%20name.txt", "name": "File with spaces"},
                {"uri": "https://example.com/resource?id=123", "name": "Resource with query string"}]},
            "resources/read": {"contents": []},
            "prompts/list": {"prompts": [{"name": "test_prompt", "description": "A simple prompt for header testing"}]},
            "prompts/get": {"messages": []},
        }
        self.answer(ex, request, results.get(method))

    def checks(self):
        out = list(self.recorded_checks)
        for method in STANDARD_METHODS:
            if method not in self.method_checked:
                out.append(check("sep-2243-client-includes-standard-headers", "ClientMcpMethodHeader_" + method.replace("/", "_"), "SKIPPED"))
        for method in NAMED_METHODS:
            if method not in self.name_checked:
                out.append(check("sep-2243-client-includes-standard-headers", "ClientMcpNameHeader_" + method.replace("/", "_"), "SKIPPED"))
        return out


def needs_base64(value):
    return any(ord(c) < 0x20 or ord(c) > 0x7E for c in value) or value != value.strip()


CUSTOM_IDS = ["sep-2243-client-supports-custom-headers", "sep-2243-client-mirrors-designated-params",
              "sep-2243-client-encode-values", "sep-2243-client-base64-unsafe", "sep-2243-client-omit-null"]
# (argument, header name, type) for the annotated parameters of test_custom_headers.
CUSTOM_PARAMETERS = [
    ("region", "Region", "string"), ("priority", "Priority", "integer"), ("verbose", "Verbose", "boolean"),
    ("debug", "Debug", "boolean"), ("empty_val", "EmptyVal", "string"), ("method_val", "Method", "string"),
    ("non_ascii_val", "NonAscii", "string"), ("whitespace_val", "Whitespace", "string"),
    ("leading_space_val", "LeadingSpace", "string"), ("trailing_space_val", "TrailingSpace", "string"),
    ("internal_space_val", "InternalSpace", "string"), ("control_char_val", "ControlChar", "string"),
    ("crlf_val", "CrLf", "string"), ("tab_val", "Tab", "string"),
]


class CustomHeadersScenario(BaseHTTPScenario):
    name = "http-custom-headers"
    context = {"toolCalls": [
        {"name": "test_custom_headers", "arguments": {
            "region": "us-west1", "priority": 42, "verbose": False, "debug": True, "empty_val": "", "method_val": "test-method",
            "float_val": 3.14159, "non_ascii_val": "Hello, 世界", "whitespace_val": " padded ", "leading_space_val": " us-west1",
            "trailing_space_val": "us-west1 ", "internal_space_val": "us west 1", "control_char_val": "line1\nline2",
            "crlf_val": "line1\r\nline2", "tab_val": "\tindented", "query": "SELECT * FROM users"}},
        {"name": "test_custom_headers_null", "arguments": {"region": "us-east1", "priority": 1, "verbose": None, "query": "SELECT 1"}},
    ]}

    def handle_post(self, ex, request):
        method = request.get("method")
        if method == "tools/list":
            annotated = lambda t, h: {"type": t, "x-mcp-header": h}
            props = {arg: annotated("integer" if kind == "integer" else kind, header) for arg, header, kind in CUSTOM_PARAMETERS}
            props["float_val"] = {"type": "number"}
            props["query"] = {"type": "string"}
            null_props = {"region": annotated("string", "Region"), "priority": annotated("integer", "Priority"),
                          "verbose": annotated("boolean", "Verbose"), "query": {"type": "string"}}
            return self.answer(ex, request, {"tools": [
                {"name": "test_custom_headers", "inputSchema": {"type": "object", "properties": props, "required": ["region", "priority", "query"]}},
                {"name": "test_custom_headers_null", "inputSchema": {"type": "object", "properties": null_props, "required": ["region", "priority", "query"]}}]})
        if method == "tools/call":
            self.check_call(ex, request.get("params") or {})
            write_checks()
            return self.answer(ex, request, {"content": [{"type": "text", "text": "Custom headers test completed"}]})
        self.answer(ex, request)

    def check_call(self, ex, params):
        args = params.get("arguments") or {}
        if params.get("name") == "test_custom_headers":
            any_param = any(h.startswith("mcp-param-") for h in ex.headers)
            self.add(check(CUSTOM_IDS[0], "ClientSupportsCustomHeaders", "SUCCESS" if any_param else "FAILURE"))
            for arg, header, kind in CUSTOM_PARAMETERS:
                if args.get(arg) is not None:
                    self.check_param(ex, header, args[arg], kind)
            unexpected = ex.headers.get("mcp-param-query")
            self.add(check(CUSTOM_IDS[1], "ClientCustomHeaderNoMirrorUnannotated", "SUCCESS" if unexpected is None else "FAILURE",
                           None if unexpected is None else f"unexpected Mcp-Param-Query '{unexpected}'"))
        elif params.get("name") == "test_custom_headers_null":
            verbose = ex.headers.get("mcp-param-verbose")
            self.add(check(CUSTOM_IDS[4], "ClientCustomHeaderOmitNull", "SUCCESS" if verbose is None else "FAILURE",
                           None if verbose is None else f"Mcp-Param-Verbose sent for null: '{verbose}'"))

    def check_param(self, ex, header, value, kind):
        raw = ex.headers.get("mcp-param-" + header.lower())
        expected = ("true" if value else "false") if kind == "boolean" else str(value)
        unsafe = isinstance(value, str) and needs_base64(value)
        error = None
        if raw is None:
            error = f"Missing Mcp-Param-{header} header"
        else:
            decoded = raw
            if raw.startswith("=?base64?") and raw.endswith("?="):
                decoded = base64.b64decode(raw[len("=?base64?"):-2]).decode("utf-8")
            elif unsafe:
                error = f"'{value!r}' needs Base64 but was sent plain: '{raw}'"
            if error is None:
                if kind == "integer":
                    if float(decoded) != float(value):
                        error = f"numeric header {decoded} != {value}"
                elif decoded != expected:
                    error = f"header '{decoded}' (raw '{raw}') != body '{expected}'"
        cid = CUSTOM_IDS[3] if unsafe else (CUSTOM_IDS[2] if kind in ("integer", "number", "boolean") else CUSTOM_IDS[1])
        self.add(check(cid, f"ClientCustomHeader_{header}", "FAILURE" if error else "SUCCESS", error, rawHeaderValue=raw))

    def checks(self):
        out = list(self.recorded_checks)
        for cid in CUSTOM_IDS:
            if not any(c["id"] == cid for c in out):
                out.append(check(cid, "NotObserved", "FAILURE", "Check was not observed"))
        return out


INVALID_TOOLS = {
    "invalid_empty_header": ("sep-2243-x-mcp-header-not-empty", {"value": {"type": "string", "x-mcp-header": ""}}),
    "invalid_object_header": ("sep-2243-x-mcp-header-primitive-only", {"data": {"type": "object", "x-mcp-header": "Data"}}),
    "invalid_array_header": ("sep-2243-x-mcp-header-primitive-only", {"items": {"type": "array", "items": {"type": "string"}, "x-mcp-header": "Items"}}),
    "invalid_null_header": ("sep-2243-x-mcp-header-primitive-only", {"nil": {"type": "null", "x-mcp-header": "Nil"}}),
    "invalid_duplicate_same_case": ("sep-2243-x-mcp-header-unique", {"field1": {"type": "string", "x-mcp-header": "Region"},
                                                                     "field2": {"type": "string", "x-mcp-header": "Region"}}),
    "invalid_duplicate_diff_case": ("sep-2243-x-mcp-header-unique", {"field1": {"type": "string", "x-mcp-header": "MyField"},
                                                                     "field2": {"type": "string", "x-mcp-header": "myfield"}}),
    "invalid_space_in_name": ("sep-2243-x-mcp-header-charset", {"value": {"type": "string", "x-mcp-header": "My Region"}}),
    "invalid_colon_in_name": ("sep-2243-x-mcp-header-charset", {"value": {"type": "string", "x-mcp-header": "Region:Primary"}}),
    "invalid_non_ascii_name": ("sep-2243-x-mcp-header-charset", {"value": {"type": "string", "x-mcp-header": "Région"}}),
    "invalid_control_char_name": ("sep-2243-x-mcp-header-charset", {"value": {"type": "string", "x-mcp-header": "Region\t1"}}),
}


class InvalidToolHeadersScenario(BaseHTTPScenario):
    name = "http-invalid-tool-headers"

    def __init__(self, spec_version):
        super().__init__(spec_version)
        self.called = set()
        self.listed = False

    def handle_post(self, ex, request):
        method = request.get("method")
        if method == "tools/list":
            self.listed = True
            tools = [{"name": "valid_tool", "inputSchema": {"type": "object", "properties": {"region": {"type": "string", "x-mcp-header": "Region"}}, "required": ["region"]}}]
            for name, (_, props) in INVALID_TOOLS.items():
                tools.append({"name": name, "inputSchema": {"type": "object", "properties": props, "required": list(props)}})
            write_checks()
            return self.answer(ex, request, {"tools": tools})
        if method == "tools/call":
            self.called.add((request.get("params") or {}).get("name"))
            write_checks()
            return self.answer(ex, request, {"content": [{"type": "text", "text": "Tool call received"}]})
        self.answer(ex, request)

    def checks(self):
        out = []
        if not self.listed:
            out.append(check("sep-2243-invalid-tool-tools-list-gate", "ClientInvalidToolHeadersToolsList", "FAILURE", "no tools/list"))
        valid = "valid_tool" in self.called
        out.append(check("sep-2243-client-reject-invalid-tool", "ClientKeepsValidTool", "SUCCESS" if valid else "FAILURE",
                         None if valid else "valid_tool was not called"))
        for name, (cid, _) in INVALID_TOOLS.items():
            out.append(check(cid, f"ClientRejectsInvalidTool_{name}", "FAILURE" if name in self.called else "SUCCESS",
                             f"called {name}" if name in self.called else None))
        return out


# ── json-schema-ref-no-deref (SEP-2106) ─────────────────────────────────────

CANARY_PATH = "/canary/profile-schema.json"


class RefNoDerefScenario(Scenario):
    """Lists a tool whose schema `$ref`s a canary URL on this server; any request for it fails."""

    def __init__(self, spec_version):
        super().__init__(spec_version)
        self.canary_requests = []
        self.listed = False
        self.port = None

    def handle(self, ex):
        if ex.path.startswith(CANARY_PATH):
            with self.lock:
                self.canary_requests.append({"method": ex.method, "userAgent": ex.headers.get("user-agent")})
            write_checks()
            return ex.respond(200, {"$schema": SCHEMA_DIALECT, "type": "object", "properties": {"displayName": {"type": "string"}}})
        if ex.method != "POST":
            return ex.respond(405, {"jsonrpc": "2.0", "id": None, "error": {"code": -32000, "message": "Method not allowed."}})
        body = ex.json_body()
        rid, method = body.get("id"), body.get("method")
        if method == "server/discover":
            return ex.respond(200, {"jsonrpc": "2.0", "id": rid, "result": draft_result(method, {
                "supportedVersions": [DRAFT], "capabilities": {"tools": {}}, "serverInfo": {"name": "json-schema-ref-deref-server", "version": "1.0.0"}})})
        if method == "initialize":
            offered = (body.get("params") or {}).get("protocolVersion")
            return ex.respond(200, {"jsonrpc": "2.0", "id": rid, "result": {"protocolVersion": offered if offered in SDK_VERSIONS else LATEST,
                                                                           "capabilities": {"tools": {}}, "serverInfo": {"name": "json-schema-ref-deref-server", "version": "1.0.0"}}})
        if rid is None:
            return ex.respond(202)
        if method == "tools/list":
            self.listed = True
            write_checks()
            canary = f"http://127.0.0.1:{self.port}{CANARY_PATH}"
            tool = {"name": "lookup_user", "description": "Look up a user profile by id", "inputSchema": {
                "$schema": SCHEMA_DIALECT, "type": "object", "$defs": {"userId": {"type": "string", "pattern": "^[a-z0-9-]+$"}},
                "properties": {"id": {"$ref": "#/$defs/userId"}, "profile": {"$ref": canary}}, "required": ["id"]}}
            return ex.respond(200, {"jsonrpc": "2.0", "id": rid, "result": draft_result(method, {"tools": [tool]})})
        ex.respond(200, {"jsonrpc": "2.0", "id": rid, "error": {"code": -32601, "message": f"Method not found: {method}"}})

    def checks(self):
        if not self.listed:
            return [check("sep-2106-no-network-ref-deref", "NoNetworkRefDereference", "FAILURE", "Client did not call tools/list")]
        fetched = len(self.canary_requests) > 0
        return [check("sep-2106-no-network-ref-deref", "NoNetworkRefDereference", "FAILURE" if fetched else "SUCCESS",
                      f"canary fetched {len(self.canary_requests)} time(s)" if fetched else None, canaryRequests=self.canary_requests)]


SCENARIOS = {
    "initialize": InitializeScenario,
    "tools_call": ToolsCallScenario,
    "elicitation-sep1034-client-defaults": ElicitationDefaultsScenario,
    "sse-retry": SSERetryScenario,
    "request-metadata": RequestMetadataScenario,
    "sep-2322-client-request-state": MRTRScenario,
    "http-standard-headers": StandardHeadersScenario,
    "http-custom-headers": CustomHeadersScenario,
    "http-invalid-tool-headers": InvalidToolHeadersScenario,
    "json-schema-ref-no-deref": RefNoDerefScenario,
    "json-schema-2020-12-preservation": SchemaPreservationScenario,
}

SCENARIO = None
CHECKS_FILE = None
SPEC_DIR = None


def write_checks():
    # Under the scenario's (reentrant) lock only, so lock order can never invert.
    with SCENARIO.lock:
        temporary = CHECKS_FILE + ".tmp"
        with open(temporary, "w") as f:
            f.write(json.dumps(SCENARIO.checks(), indent=1))
        os.replace(temporary, CHECKS_FILE)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def serve(self):
        exchange = Exchange(self, self.read_body())
        try:
            SCENARIO.handle(exchange)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as error:
            print(f"mock error: {error!r}", file=sys.stderr, flush=True)
            if not exchange.finished:
                try:
                    exchange.respond(500, {"jsonrpc": "2.0", "id": None, "error": {"code": -32603, "message": str(error)}})
                except OSError:
                    pass
        write_checks()

    do_GET = do_POST = do_DELETE = do_PUT = serve


def main():
    global SCENARIO, CHECKS_FILE, SPEC_DIR
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", required=True, choices=sorted(SCENARIOS))
    parser.add_argument("--spec-version", default=None)
    parser.add_argument("--checks", required=True)
    parser.add_argument("--spec-dir", default=None, help="the spec schemas, one directory per version")
    args = parser.parse_args()
    exit_with_parent()
    CHECKS_FILE = args.checks
    SPEC_DIR = args.spec_dir
    # Without --spec-version the suite runs draft-only scenarios at the draft, others at the latest.
    draft_only = {"request-metadata", "sep-2322-client-request-state", "http-standard-headers", "http-custom-headers",
                  "http-invalid-tool-headers", "json-schema-ref-no-deref"}
    spec = args.spec_version or (DRAFT if args.scenario in draft_only else LATEST)
    SCENARIO = SCENARIOS[args.scenario](spec)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if isinstance(SCENARIO, RefNoDerefScenario):
        SCENARIO.port = server.server_address[1]
    write_checks()
    ready = {"port": server.server_address[1], "specVersion": spec}
    if SCENARIO.context is not None:
        ready["context"] = SCENARIO.context
    print("READY " + json.dumps(ready), file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    finally:
        SCENARIO.stop.set()


if __name__ == "__main__":
    main()
