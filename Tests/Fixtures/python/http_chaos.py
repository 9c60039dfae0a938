"""A Streamable HTTP server that misbehaves on demand, for the fault-injection suite (raw
asyncio, standard library only).

Usage: python http_chaos.py --port PORT      prints "READY <port>" on stderr once listening

Sessions work as the protocol says (Mcp-Session-Id; 404 for an unknown one). Tools:
  echo {text}            a JSON answer
  sse {count, drop_after, ids}
                         an event stream: a priming event, `count` progress notifications, the
                         answer; with `drop_after` = k the connection is dropped after k events
                         (once), and a GET with Last-Event-ID replays what follows (if `ids`)
  close {point}          drops the connection: before-headers, after-headers, mid-body, mid-event
  garbage {kind}         not-json, truncated, wrong-type, http-500, wrong-content-type
  big {size}             a JSON answer with `size` bytes of text (default 64 MB)
  stall                  never answers (the connection stays open until the client closes it)
  slowloris {interval}   the answer one byte at a time
  flood {count}          an event stream of `count` log notifications, then the answer
  expire                 answers, then forgets the session (the next request gets 404)
"""

import argparse
import asyncio
import json
import sys
import uuid

sessions = set()
streams = {}  # stream id -> list of encoded events (for replay)


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


async def read_request(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    body = b""
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                break
            body += await reader.readexactly(size)
            await reader.readexactly(2)
    return method, path, headers, body


def head(status, reason, headers):
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def response(status, reason, headers, body=b""):
    return head(status, reason, dict(headers, **{"Content-Length": str(len(body))})) + body


def json_response(message, session=None):
    headers = {"Content-Type": "application/json"}
    if session:
        headers["Mcp-Session-Id"] = session
    return response(200, "OK", headers, json.dumps(message, separators=(",", ":")).encode())


def event(data, event_id=None):
    text = "" if event_id is None else f"id: {event_id}\n"
    return (text + f"data: {json.dumps(data, separators=(',', ':'))}\n\n").encode()


SSE_HEAD = head(200, "OK", {"Content-Type": "text/event-stream", "Cache-Control": "no-cache", "Connection": "close"})


def result(request_id, text):
    return {"jsonrpc": "2.0", "id": request_id, "result": {"content": [{"type": "text", "text": text}]}}


async def tool_call(reader, writer, message, session):
    """Answers a tools/call; returns whether the connection may be reused."""
    request_id = message["id"]
    params = message.get("params") or {}
    name = params.get("name")
    arguments = params.get("arguments") or {}
    if name == "echo":
        writer.write(json_response(result(request_id, arguments.get("text", "")), session))
        return True
    if name == "expire":
        writer.write(json_response(result(request_id, "expired"), session))
        sessions.discard(session)
        return True
    if name == "sse":
        count = int(arguments.get("count", 3))
        drop_after = arguments.get("drop_after")
        ids = arguments.get("ids", True)
        key = uuid.uuid4().hex[:8]
        token = (params.get("_meta") or {}).get("progressToken", request_id)
        events = [b"id: %s-0\ndata: \n\n" % key.encode() if ids else b": priming\n\n"]
        for index in range(count):
            progress = {"jsonrpc": "2.0", "method": "notifications/progress",
                        "params": {"progressToken": token, "progress": index + 1, "total": count}}
            events.append(event(progress, f"{key}-{index + 1}" if ids else None))
        events.append(event(result(request_id, f"after {count} events"), f"{key}-{count + 1}" if ids else None))
        streams[key] = events
        writer.write(SSE_HEAD)
        for index, data in enumerate(events):
            if drop_after is not None and index >= int(drop_after):
                break
            writer.write(data)
            await writer.drain()
        return False
    if name == "close":
        point = arguments.get("point", "before-headers")
        if point == "after-headers":
            writer.write(head(200, "OK", {"Content-Type": "application/json", "Content-Length": "500"}))
        elif point == "mid-body":
            body = json.dumps(result(request_id, "x" * 400)).encode()
            writer.write(head(200, "OK", {"Content-Type": "application/json", "Content-Length": str(len(body))}) + body[:40])
        elif point == "mid-event":
            writer.write(SSE_HEAD + b'data: {"jsonrpc":"2.0","id":' + str(request_id).encode() + b',"res')
        return False
    if name == "garbage":
        kind = arguments.get("kind", "not-json")
        if kind == "not-json":
            writer.write(response(200, "OK", {"Content-Type": "application/json"}, b"<html>oops</html>"))
        elif kind == "truncated":
            writer.write(response(200, "OK", {"Content-Type": "application/json"}, b'{"jsonrpc":"2.0","id":%d,"resu' % request_id))
        elif kind == "wrong-type":
            writer.write(json_response({"jsonrpc": "2.0", "id": request_id, "result": {"content": 7}}, session))
        elif kind == "http-500":
            writer.write(response(500, "Internal Server Error", {"Content-Type": "text/html"}, b"<h1>boom</h1>"))
        elif kind == "wrong-content-type":
            writer.write(response(200, "OK", {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"))
        return True
    if name == "big":
        size = int(arguments.get("size", 64 << 20))
        writer.write(json_response(result(request_id, "x" * size), session))
        return True
    if name == "stall":
        # Until the client gives up and closes the connection (read returns at its end). Not an
        # hour's sleep: that kept every abandoned connection's descriptor, and a 10-minute soak
        # (some 20 000 stalled calls) ran the server out of descriptors, so it stopped accepting.
        await reader.read()
        return False
    if name == "slowloris":
        interval = float(arguments.get("interval", 0.05))
        body = json.dumps(result(request_id, "slow")).encode()
        writer.write(head(200, "OK", {"Content-Type": "application/json", "Content-Length": str(len(body))}))
        for index in range(len(body)):
            writer.write(body[index : index + 1])
            await writer.drain()
            await asyncio.sleep(interval)
        return True
    if name == "flood":
        count = int(arguments.get("count", 20000))
        writer.write(SSE_HEAD)
        for index in range(count):
            note = {"jsonrpc": "2.0", "method": "notifications/message", "params": {"level": "info", "data": index}}
            writer.write(event(note))
            if index % 500 == 0:
                await writer.drain()
        writer.write(event(result(request_id, f"flooded {count}")))
        await writer.drain()
        return False
    writer.write(json_response({"jsonrpc": "2.0", "id": request_id, "error": {"code": -32602, "message": f"unknown tool {name}"}}, session))
    return True


async def handle(reader, writer):
    try:
        while True:
            method, path, headers, body = await read_request(reader)
            session = headers.get("mcp-session-id")
            if method == "GET":
                last = headers.get("last-event-id")
                if not last or "-" not in last:
                    writer.write(response(405, "Method Not Allowed", {}))
                    await writer.drain()
                    continue
                key, index = last.rsplit("-", 1)
                if key not in streams:
                    writer.write(response(404, "Not Found", {}))
                    await writer.drain()
                    continue
                writer.write(SSE_HEAD + b"".join(streams[key][int(index) + 1 :]))
                await writer.drain()
                return
            if method == "DELETE":
                sessions.discard(session)
                writer.write(response(200, "OK", {}))
                await writer.drain()
                continue
            message = json.loads(body)
            if message.get("method") == "initialize":
                session = uuid.uuid4().hex
                sessions.add(session)
                init = {"protocolVersion": "2025-11-25", "capabilities": {"tools": {}},
                        "serverInfo": {"name": "chaos", "version": "1"}}
                writer.write(json_response({"jsonrpc": "2.0", "id": message["id"], "result": init}, session))
                await writer.drain()
                continue
            if session not in sessions:
                writer.write(response(404, "Not Found", {"Content-Type": "text/plain"}, b"unknown session"))
                await writer.drain()
                continue
            if "id" not in message:
                writer.write(response(202, "Accepted", {}))
                await writer.drain()
                continue
            if message.get("method") == "tools/call":
                reusable = await tool_call(reader, writer, message, session)
                await writer.drain()
                if not reusable:
                    return
                continue
            if message.get("method") == "tools/list":
                tools = [{"name": n, "inputSchema": {"type": "object"}} for n in
                         ["echo", "sse", "close", "garbage", "big", "stall", "slowloris", "flood", "expire"]]
                writer.write(json_response({"jsonrpc": "2.0", "id": message["id"], "result": {"tools": tools}}, session))
            else:
                writer.write(json_response({"jsonrpc": "2.0", "id": message["id"], "result": {}}, session))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError, ValueError):
        pass
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    exit_with_parent()
    server = await asyncio.start_server(handle, "127.0.0.1", args.port, limit=1 << 20)
    print(f"READY {args.port}", file=sys.stderr, flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
