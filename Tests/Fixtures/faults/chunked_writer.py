"""Fault: a server that writes its messages in awkward pieces.

`chunked` writes its answer (text `text`, with CRLF ending) in pieces of `chunk` bytes (default 3),
pausing between them, so reads return partial messages and split multi-byte UTF-8 characters.
`burst` writes three log notifications, blank lines and its answer in a single write call.
"""

import json
import os
import time

import minimcp


@minimcp.tool("chunked")
def chunked(arguments, request_id):
    size = int(arguments.get("chunk", 3))
    result = minimcp.text_result(arguments["text"])
    data = json.dumps({"jsonrpc": "2.0", "id": request_id, "result": result}, ensure_ascii=False).encode() + b"\r\n"
    for start in range(0, len(data), size):
        minimcp.write_raw(data[start : start + size])
        time.sleep(0.001)
    return None


@minimcp.tool("burst")
def burst(arguments, request_id):
    messages = [
        {"jsonrpc": "2.0", "method": "notifications/message", "params": {"level": "info", "data": word}}
        for word in ("one", "two", "three")
    ]
    data = b"".join(json.dumps(message).encode() + b"\n" for message in messages)
    data += b"\n\r\n  \n"
    data += json.dumps({"jsonrpc": "2.0", "id": request_id, "result": minimcp.text_result("burst done")}).encode() + b"\n"
    minimcp.write_raw(data)
    return None


minimcp.serve()
