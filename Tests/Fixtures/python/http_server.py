"""An MCP server over HTTP for the HTTP transport tests, built on PyPI `mcp` 2.3.0.

Usage: python http_server.py --port PORT [--transport streamable-http|sse] [--json-response]
       [--stateless] [--event-store] [--retry-ms N]

Prints "READY <port>" on stderr once it accepts connections.
"""

import argparse
import asyncio
import itertools
import os
import sys
from typing import Annotated

import anyio
import uvicorn

from mcp import types
from pydantic import Field
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.streamable_http import EventCallback, EventId, EventMessage, EventStore, StreamId


class MemoryEventStore(EventStore):
    """Keeps every event, so broken streams can be replayed after Last-Event-ID."""

    def __init__(self) -> None:
        self.events: list[tuple[StreamId, EventId, types.JSONRPCMessage | None]] = []
        self.counter = itertools.count(1)

    async def store_event(self, stream_id: StreamId, message: types.JSONRPCMessage | None) -> EventId:
        event_id = f"{stream_id}:{next(self.counter)}"
        self.events.append((stream_id, event_id, message))
        return event_id

    async def replay_events_after(self, last_event_id: EventId, send_callback: EventCallback) -> StreamId | None:
        stream = None
        found = False
        for stream_id, event_id, message in self.events:
            if event_id == last_event_id:
                stream, found = stream_id, True
                continue
            if found and stream_id == stream and message is not None:
                await send_callback(EventMessage(message, event_id))
        return stream


mcp = MCPServer("python-http-test-server", instructions="HTTP test server")


@mcp.tool()
def echo(text: str) -> str:
    """Returns the text."""
    return text


@mcp.tool()
def regional(
    region: Annotated[str, Field(json_schema_extra={"x-mcp-header": "Region"})],
    shard: Annotated[int, Field(json_schema_extra={"x-mcp-header": "Shard"})] = 0,
    query: str = "",
) -> str:
    """Mirrors `region` and `shard` into Mcp-Param-* headers (2026-07-28), which the server checks."""
    return f"{region}/{shard}: {query}"


@mcp.tool()
def add(a: float, b: float) -> float:
    """Adds two numbers."""
    return a + b


@mcp.tool()
async def progress(steps: int, ctx: Context) -> str:
    """Reports progress `steps` times."""
    for step in range(1, steps + 1):
        await ctx.report_progress(step, steps, f"step {step}")
        await anyio.sleep(0.01)
    return f"done {steps}"


@mcp.tool()
async def drop_stream(ctx: Context) -> str:
    """Reports progress, closes the connection of its own event stream (without ending the
    stream), then answers: the client must resume with GET + Last-Event-ID to get the answer."""
    await ctx.report_progress(1, 2, "before the drop")
    await ctx.close_sse_stream()
    await anyio.sleep(0.3)
    await ctx.report_progress(2, 2, "after the drop")
    return "answered after resumption"


@mcp.tool()
def big(size: int) -> str:
    """Returns `size` bytes of text."""
    return "x" * size


@mcp.tool()
async def stall(seconds: float) -> str:
    """Sleeps, to test client timeouts."""
    await anyio.sleep(seconds)
    return "woke up"


@mcp.tool()
async def ask_model(question: str, ctx: Context) -> str:
    """Asks the client to sample its model (a server-to-client request on the response stream)."""
    result = await ctx.session.create_message(
        messages=[types.SamplingMessage(role="user", content=types.TextContent(type="text", text=question))],
        max_tokens=50,
    )
    return result.content.text if isinstance(result.content, types.TextContent) else str(result.content)


@mcp.tool()
async def notify_later(ctx: Context) -> str:
    """Sends a tool-list change notification after returning (outside any request)."""
    session = ctx.session

    async def later() -> None:
        await asyncio.sleep(0.2)
        await session.send_tool_list_changed()

    asyncio.get_running_loop().create_task(later())
    return "scheduled"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--transport", default="streamable-http", choices=["streamable-http", "sse"])
    parser.add_argument("--json-response", action="store_true")
    parser.add_argument("--stateless", action="store_true")
    parser.add_argument("--event-store", action="store_true")
    parser.add_argument("--retry-ms", type=int, default=None)
    args = parser.parse_args()

    if args.transport == "sse":
        app = mcp.sse_app()
    else:
        app = mcp.streamable_http_app(
            json_response=args.json_response,
            stateless_http=args.stateless,
            event_store=MemoryEventStore() if args.event_store else None,
            retry_interval=args.retry_ms,
        )

    # uvicorn closes a connection idle for 5 s. The client may send its next request on it just as
    # it closes (AsyncHTTPClient does not retry it: "I/O on closed channel"; see RELIABILITY.md).
    # Under a sanitizer, where the client runs 5-15x slower, such gaps are common enough to fail
    # tests that are about something else, so there the timeout is a minute.
    keep_alive = 60 if os.environ.get("MCP_TEST_SANITIZER") else 5
    config = uvicorn.Config(app, host="127.0.0.1", port=args.port, log_level="warning", timeout_keep_alive=keep_alive)
    server = uvicorn.Server(config)

    async def serve() -> None:
        task = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.02)
        print(f"READY {args.port}", file=sys.stderr, flush=True)
        await task

    asyncio.run(serve())


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


if __name__ == "__main__":
    exit_with_parent()
    main()
