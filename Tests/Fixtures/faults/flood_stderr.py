"""Fault: a server that floods its stderr while still answering.

`flood` starts a thread writing numbered lines of 61 characters to stderr, in batches of 1000,
as fast as the pipe takes them, until `stop_flood`; that then writes the line
"flood done: <lines> lines, <bytes> bytes" and answers with the same figures. `flood_status`
says whether a flood is running and how many bytes it has written; `echo` answers throughout.
`flood_raw` writes `bytes` bytes without any newline, then "\nflood done".
"""

import os
import threading

import minimcp

stop = threading.Event()
finished = threading.Event()
progress = {"lines": 0, "bytes": 0}


def write_all(data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(2, view):]


def flood_lines() -> None:
    number = 0
    while not stop.is_set():
        lines = []
        for _ in range(1000):
            lines.append(f"flood line {number:09d} " + "x" * 40 + "\n")
            number += 1
        chunk = "".join(lines).encode()
        write_all(chunk)
        progress["lines"] = number
        progress["bytes"] += len(chunk)
    write_all(f"flood done: {progress['lines']} lines, {progress['bytes']} bytes\n".encode())
    finished.set()


def flood_raw(total: int) -> None:
    chunk = b"y" * 65536
    written = 0
    while written < total:
        write_all(chunk)
        written += len(chunk)
    write_all(b"\nflood done\n")


@minimcp.tool("flood")
def flood(arguments, request_id):
    stop.clear()
    finished.clear()
    threading.Thread(target=flood_lines, daemon=True).start()
    return minimcp.text_result("flooding")


@minimcp.tool("stop_flood")
def stop_flood(arguments, request_id):
    stop.set()
    finished.wait()
    return minimcp.text_result("stopped", structuredContent=dict(progress))


@minimcp.tool("flood_status")
def flood_status(arguments, request_id):
    state = "running" if not stop.is_set() else ("done" if finished.is_set() else "stopping")
    return minimcp.text_result(state, structuredContent=dict(progress))


@minimcp.tool("flood_raw")
def flood_raw_tool(arguments, request_id):
    threading.Thread(target=flood_raw, args=(int(arguments["bytes"]),), daemon=True).start()
    return minimcp.text_result("flooding without newlines")


@minimcp.tool("echo")
def echo(arguments, request_id):
    return minimcp.text_result(arguments.get("text", ""))


minimcp.serve()
