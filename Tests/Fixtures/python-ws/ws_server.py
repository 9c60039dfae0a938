"""An MCP server over WebSocket (subprotocol "mcp"), from PyPI `mcp` 1.30.0, whose WebSocket
server transport this project did not write. For the WebSocket transport tests.

Usage: python ws_server.py --port PORT     (prints "READY <port>" on stderr)
"""

import argparse
import asyncio
import sys
import warnings

import uvicorn
from mcp.server.fastmcp import Context, FastMCP
from mcp.server.websocket import websocket_server
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute

warnings.simplefilter("ignore")

mcp = FastMCP("python-ws-test-server")


@mcp.tool()
def echo(text: str) -> str:
    """Returns the text."""
    return text


@mcp.tool()
async def progress(steps: int, ctx: Context) -> str:
    """Reports progress `steps` times."""
    for step in range(1, steps + 1):
        await ctx.report_progress(step, steps)
    return f"done {steps}"


@mcp.tool()
def big(size: int) -> str:
    """Returns `size` bytes of text."""
    return "x" * size


class Endpoint:
    """A raw ASGI app (Starlette passes a class instance the ASGI triple, not a WebSocket)."""

    async def __call__(self, scope, receive, send):
        async with websocket_server(scope, receive, send) as (read_stream, write_stream):
            server = mcp._mcp_server
            await server.run(read_stream, write_stream, server.create_initialization_options())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    app = Starlette(routes=[WebSocketRoute("/ws", Endpoint())])
    config = uvicorn.Config(app, host="127.0.0.1", port=args.port, log_level="warning", ws="websockets", ws_max_size=256 << 20)
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
