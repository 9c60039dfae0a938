"""Fault: a server that answers with a huge message.

`big` answers with one text block holding `block` repeated `repeat` times (so a 64 MB result is
one 64 MB line), and a structured summary. The message is written with a single write call; the
pipe delivers it in pieces.
"""

import json

import minimcp


@minimcp.tool("big")
def big(arguments, request_id):
    block = arguments["block"]
    repeat = int(arguments["repeat"])
    result = minimcp.text_result(block * repeat, structuredContent={"repeat": repeat, "blockLength": len(block)})
    message = json.dumps({"jsonrpc": "2.0", "id": request_id, "result": result}, ensure_ascii=False, separators=(",", ":"))
    minimcp.write_raw(message.encode() + b"\n")
    minimcp.log(f"sent {len(message)} characters")
    return None


@minimcp.tool("echo")
def echo(arguments, request_id):
    return minimcp.text_result(arguments.get("text", ""))


minimcp.serve()
