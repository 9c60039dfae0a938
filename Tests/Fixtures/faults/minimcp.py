"""A tiny MCP server over stdio, standard library only, for the fault fixtures.

It answers `initialize`, `ping` and `tools/list` itself and hands `tools/call` to the tool
functions a fault script registers. Starting in milliseconds (unlike the `mcp` package), it keeps
the fault tests fast, and it lets each script misbehave at the byte level: write garbage, split
messages, close its pipes, exit mid-request.

A tool function receives (arguments, request_id) and returns either a result object (sent as the
response), or None when it has answered (or deliberately not answered) by itself.
"""

import json
import os
import sys
import threading

_out_lock = threading.Lock()
_tools = {}


def write_raw(data: bytes) -> None:
    """Writes bytes to stdout, unbuffered, as one write where possible."""
    with _out_lock:
        view = memoryview(data)
        while view:
            written = os.write(1, view)
            view = view[written:]


def send(message: dict) -> None:
    write_raw(json.dumps(message, separators=(",", ":")).encode() + b"\n")


def respond(request_id, result: dict) -> None:
    send({"jsonrpc": "2.0", "id": request_id, "result": result})


def respond_error(request_id, code: int, message: str) -> None:
    send({"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message}})


def notify(method: str, params: dict) -> None:
    send({"jsonrpc": "2.0", "method": method, "params": params})


def text_result(text: str, **extra) -> dict:
    result = {"content": [{"type": "text", "text": text}]}
    result.update(extra)
    return result


def log(line: str) -> None:
    """One line to stderr, flushed."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def tool(name: str):
    """Registers a tool function under `name`."""

    def register(function):
        _tools[name] = function
        return function

    return register


def _handle(message: dict) -> None:
    method = message.get("method")
    request_id = message.get("id")
    if method is None or request_id is None:
        return  # a notification or a response: nothing to answer
    params = message.get("params") or {}
    if method == "initialize":
        respond(
            request_id,
            {
                "protocolVersion": params.get("protocolVersion", "2025-06-18"),
                "capabilities": {"tools": {}},
                "serverInfo": {"name": os.path.basename(sys.argv[0]), "version": "1.0"},
            },
        )
    elif method == "ping":
        respond(request_id, {})
    elif method == "tools/list":
        respond(
            request_id,
            {"tools": [{"name": name, "inputSchema": {"type": "object"}} for name in sorted(_tools)]},
        )
    elif method == "tools/call":
        function = _tools.get(params.get("name"))
        if function is None:
            respond_error(request_id, -32602, f"unknown tool {params.get('name')}")
            return
        result = function(params.get("arguments") or {}, request_id)
        if result is not None:
            respond(request_id, result)
    else:
        respond_error(request_id, -32601, f"method not found: {method}")


def serve(on_eof=None) -> None:
    """Reads newline-delimited JSON-RPC from stdin until end of file, then calls `on_eof`."""
    stdin = sys.stdin.buffer
    while True:
        line = stdin.readline()
        if not line:
            break
        line = line.strip()
        if not line:
            continue
        try:
            message = json.loads(line)
        except ValueError:
            log(f"minimcp: unreadable line {line[:80]!r}")
            continue
        if isinstance(message, dict):
            _handle(message)
    if on_eof is not None:
        on_eof()
