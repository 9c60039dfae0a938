"""Fault: a server that prints garbage on stdout between valid messages.

Before anything else it prints a line that is not JSON. The `emit_garbage` tool writes lines that
are not JSON-RPC (bad JSON, an empty batch, a bare number, a wrong version, blank lines) before
its answer; `emit_invalid_utf8` writes a line that is not valid UTF-8, then a valid log
notification, then its answer. The session must report each bad line and carry on.
"""

import minimcp

GARBAGE = [
    b"this is not json\n",
    b'{"jsonrpc": "2.0", "id": \n',
    b"[]\n",
    b"42\n",
    b'{"jsonrpc": "1.0", "method": "notifications/message"}\n',
    b"   \n",
    b"\r\n",
]


@minimcp.tool("emit_garbage")
def emit_garbage(arguments, request_id):
    for line in GARBAGE:
        minimcp.write_raw(line)
    return minimcp.text_result("answer after garbage")


@minimcp.tool("emit_invalid_utf8")
def emit_invalid_utf8(arguments, request_id):
    minimcp.write_raw(
        b'{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"bad \xff\xfe\xc3 bytes"}}\n'
    )
    minimcp.notify("notifications/message", {"level": "info", "data": "valid after invalid UTF-8"})
    return minimcp.text_result("answer after invalid UTF-8")


@minimcp.tool("echo")
def echo(arguments, request_id):
    return minimcp.text_result(arguments.get("text", ""))


minimcp.write_raw(b"garbage before the handshake\n")
minimcp.serve()
