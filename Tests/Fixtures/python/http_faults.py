"""A deliberately broken Streamable HTTP server for fault tests (raw asyncio, no MCP library).

Usage: python http_faults.py --port PORT --fault FAULT
  cut-without-id   tools/call answers with an event stream that sends one progress event
                   without an id, then drops the connection: the response cannot be resumed.
  cut-then-404     like cut-without-id but with event ids; resuming (GET) gets HTTP 404.
  redirect-away    every POST is redirected (307) to another origin.
  unauthorized     every request is answered 401 with a WWW-Authenticate challenge.
  slow-get-stream  the GET event stream is answered after 300 ms; tools/call says whether it was
                   open by then ("get-open" or "get-missing").
Prints "READY <port>" on stderr once listening.
"""

import argparse
import asyncio
import json
import sys

INIT_RESULT = {
    "protocolVersion": "2025-11-25",
    "capabilities": {"tools": {}},
    "serverInfo": {"name": "fault-server", "version": "1"},
}


async def read_request(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    body = b""
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    return method, path, headers, body


def response(status, reason, headers, body=b""):
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in headers.items()]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


GET_STREAM_OPEN = False


async def handle(reader, writer, fault):
    global GET_STREAM_OPEN
    try:
        while True:
            method, path, headers, body = await read_request(reader)
            if fault == "slow-get-stream" and method == "GET":
                await asyncio.sleep(0.3)
                GET_STREAM_OPEN = True
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n")
                await writer.drain()
                # Held open, silent, until the client goes.
                await reader.read()
                return
            if fault == "unauthorized":
                writer.write(response(401, "Unauthorized", {"WWW-Authenticate": 'Bearer realm="mcp"'}))
                await writer.drain()
                continue
            if fault == "redirect-away":
                writer.write(response(307, "Temporary Redirect", {"Location": "http://127.0.0.2:1/mcp"}))
                await writer.drain()
                continue
            if method == "GET":
                writer.write(response(404 if fault == "cut-then-404" else 405, "No", {}))
                await writer.drain()
                continue
            message = json.loads(body)
            if "id" not in message:
                writer.write(response(202, "Accepted", {}))
                await writer.drain()
                continue
            if message["method"] == "initialize":
                payload = json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": INIT_RESULT}).encode()
                writer.write(response(200, "OK", {"Content-Type": "application/json"}, payload))
                await writer.drain()
                continue
            if message["method"] == "tools/call" and fault == "slow-get-stream":
                text = "get-open" if GET_STREAM_OPEN else "get-missing"
                result = {"content": [{"type": "text", "text": text}]}
                payload = json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": result}).encode()
                writer.write(response(200, "OK", {"Content-Type": "application/json"}, payload))
                await writer.drain()
                continue
            if message["method"] == "tools/call":
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n")
                event_id = "id: s1:1\n" if fault == "cut-then-404" else ""
                progress = {"jsonrpc": "2.0", "method": "notifications/progress",
                            "params": {"progressToken": message["id"], "progress": 1}}
                writer.write(f"{event_id}data: {json.dumps(progress)}\n\n".encode())
                await writer.drain()
                writer.close()
                return
            payload = json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": {}}).encode()
            writer.write(response(200, "OK", {"Content-Type": "application/json"}, payload))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


def exit_with_parent() -> None:
    """Exits when the test process that started this server goes away, even if it crashed."""
    import os
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--fault", required=True)
    args = parser.parse_args()
    exit_with_parent()
    server = await asyncio.start_server(lambda r, w: handle(r, w, args.fault), "127.0.0.1", args.port)
    print(f"READY {args.port}", file=sys.stderr, flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
