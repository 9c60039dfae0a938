"""A deliberately non-conformant client, invoked like the conformance client (scenario in
MCP_CONFORMANCE_SCENARIO, server URL last), so the tests can show that each mock server's checks
fail when the behaviour they look for is missing. Standard library only.
"""

import http.client
import json
import os
import sys
import urllib.parse

DRAFT = "2026-07-28"


class Connection:
    def __init__(self, url):
        parsed = urllib.parse.urlsplit(url)
        self.host, self.port, self.path = parsed.hostname, parsed.port, parsed.path or "/"
        self.next_id = 1

    def post(self, method, params=None, headers=None, id=None, notification=False, stateless=False, meta=True):
        body = {"jsonrpc": "2.0", "method": method}
        if not notification:
            body["id"] = id if id is not None else self.next_id
            self.next_id += 1
        params = dict(params or {})
        sent_headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
        if stateless:
            if meta:
                params["_meta"] = {"io.modelcontextprotocol/protocolVersion": DRAFT, "io.modelcontextprotocol/clientCapabilities": {}}
            sent_headers["MCP-Protocol-Version"] = DRAFT
        if params:
            body["params"] = params
        sent_headers.update(headers or {})
        return self.request("POST", json.dumps(body), sent_headers)

    def request(self, verb, body, headers):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=20)
        connection.request(verb, self.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read().decode("utf-8")
        connection.close()
        if response.getheader("Content-Type", "").startswith("text/event-stream"):
            messages = [json.loads(line[5:]) for line in data.splitlines() if line.startswith("data:") and line[5:].strip()]
            return messages[-1] if messages else None
        return json.loads(data) if data else None


def legacy_handshake(c, client_info=True):
    params = {"protocolVersion": "2025-11-25", "capabilities": {}}
    if client_info:
        params["clientInfo"] = {"name": "bad", "version": "0"}
    c.post("initialize", params)
    c.post("notifications/initialized", notification=True)


def main():
    scenario = os.environ["MCP_CONFORMANCE_SCENARIO"]
    c = Connection(sys.argv[-1])
    if scenario == "initialize":
        legacy_handshake(c, client_info=False)  # no clientInfo
    elif scenario == "tools_call":
        legacy_handshake(c)
        c.post("tools/list", {"cursor": 5})  # a cursor is a string: off the wire schema
        c.post("tools/call", {"name": "add_numbers", "arguments": {"a": "2", "b": "3"}})  # strings, not numbers
    elif scenario == "json-schema-2020-12-preservation":
        legacy_handshake(c)
        c.post("tools/call", {"name": "json_schema_echo", "arguments": {"schema": {"type": "object"}}})  # stripped
    elif scenario == "elicitation-sep1034-client-defaults":
        session_reply = http.client.HTTPConnection(c.host, c.port, timeout=20)
        session_reply.request("POST", c.path, json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {"elicitation": {}}, "clientInfo": {"name": "bad", "version": "0"}}}),
            {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"})
        response = session_reply.getresponse()
        session = response.getheader("mcp-session-id")
        response.read()
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream", "Mcp-Session-Id": session}
        call = http.client.HTTPConnection(c.host, c.port, timeout=20)
        call.request("POST", c.path, json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "test_client_elicitation_defaults"}}), headers)
        stream = call.getresponse()
        while True:
            line = stream.fp.readline().decode()
            if line.startswith("data:") and "elicitation/create" in line:
                elicit_id = json.loads(line[5:])["id"]
                break
        # Accepts without applying any default.
        c.request("POST", json.dumps({"jsonrpc": "2.0", "id": elicit_id, "result": {"action": "accept", "content": {}}}), headers)
        while stream.fp.readline() not in (b"", b"0\r\n"):
            pass
    elif scenario == "sse-retry":
        legacy_handshake(c)
        c.post("tools/call", {"name": "test_reconnection"})  # reads the stream until it ends
        # Reconnects at once and without Last-Event-ID.
        connection = http.client.HTTPConnection(c.host, c.port, timeout=20)
        connection.request("GET", c.path, headers={"Accept": "text/event-stream"})
        connection.getresponse().fp.readline()
    elif scenario == "request-metadata":
        c.post("tools/list", {})  # neither the version header nor _meta
        c.post("tools/list", {})
    elif scenario == "sep-2322-client-request-state":
        first = c.post("tools/call", {"name": "test_mrtr_echo_state"}, stateless=True, id=7)
        state = first["result"]["requestState"]
        answers = {"confirm": {"action": "accept", "content": {"confirmed": True}}}
        # Same id, state re-serialized; then state invented, inputs leaked, no resultType retried.
        c.post("tools/call", {"name": "test_mrtr_echo_state", "inputResponses": answers, "requestState": json.dumps(json.loads(state), indent=1)}, stateless=True, id=7)
        c.post("tools/call", {"name": "test_mrtr_no_state"}, stateless=True)
        c.post("tools/call", {"name": "test_mrtr_no_state", "inputResponses": answers, "requestState": "invented"}, stateless=True)
        c.post("tools/call", {"name": "test_mrtr_unrelated", "inputResponses": answers}, stateless=True)
        c.post("tools/call", {"name": "test_mrtr_no_result_type"}, stateless=True)
        c.post("tools/call", {"name": "test_mrtr_no_result_type", "inputResponses": answers}, stateless=True)
    elif scenario == "http-standard-headers":
        c.post("tools/list", stateless=True)  # no Mcp-Method
        c.post("tools/call", {"name": "test_headers"}, {"Mcp-Method": "tools/call", "Mcp-Name": "wrong"}, stateless=True)
    elif scenario == "http-custom-headers":
        for call in json.loads(os.environ["MCP_CONFORMANCE_CONTEXT"])["toolCalls"]:
            # Mirrors nothing but a raw, unencoded Verbose header for the null value.
            c.post("tools/call", {"name": call["name"], "arguments": call["arguments"]}, {"Mcp-Param-Verbose": "null", "Mcp-Param-Query": "x"}, stateless=True)
    elif scenario == "http-invalid-tool-headers":
        c.post("tools/list", stateless=True)
        c.post("tools/call", {"name": "invalid_empty_header", "arguments": {"value": "x"}}, stateless=True)  # never valid_tool
    elif scenario == "json-schema-ref-no-deref":
        listed = c.post("tools/list", stateless=True)
        canary = listed["result"]["tools"][0]["inputSchema"]["properties"]["profile"]["$ref"]
        parsed = urllib.parse.urlsplit(canary)
        fetch = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=20)
        fetch.request("GET", parsed.path)
        fetch.getresponse().read()
    else:
        sys.exit(f"misbehaving_client: no misbehaviour for {scenario}")


if __name__ == "__main__":
    main()
