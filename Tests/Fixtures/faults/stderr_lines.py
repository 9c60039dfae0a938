"""A server that writes known lines to stderr, for the stderr handling tests.

At start it writes three lines (one with non-ASCII text and a CRLF ending). `say` writes each of
its `lines` to stderr; `close_stderr` closes stderr (the stderr stream then ends).
"""

import os

import minimcp

os.write(2, "start one\nstart two\r\nstart three: ünïcødé ✓\n".encode())


@minimcp.tool("say")
def say(arguments, request_id):
    data = "".join(line + "\n" for line in arguments.get("lines", []))
    if data:
        os.write(2, data.encode())
    return minimcp.text_result("said")


@minimcp.tool("close_stderr")
def close_stderr(arguments, request_id):
    os.close(2)
    return minimcp.text_result("stderr closed")


minimcp.serve()
