"""FastMCP 4.1.2's tasks extension (io.modelcontextprotocol/tasks, 2026-07-28) over stdio.

Tools:
- slow_add(a, b, delay): runs as a task, sleeps `delay` seconds, returns a + b (structured).
- greet(): runs as a task and asks the client for a name (elicitation through the task's
  inputRequests and tasks/update), then greets.
- explode(): runs as a task and raises (FastMCP reports that as a completed task whose result
  has isError).
- double(x): an ordinary tool, never a task.

Every task tool polls at 100 ms so the tests stay quick.
"""

import asyncio
import os
import sys
from datetime import timedelta

import mcp_types
from fastmcp import Context, FastMCP
from fastmcp.utilities.tasks import TaskConfig
from fastmcp_tasks import TasksExtension

server = FastMCP("fastmcp-tasks-fixture")
server.add_extension(TasksExtension())
quick = TaskConfig(mode="optional", poll_interval=timedelta(milliseconds=100))


@server.tool(task=quick)
async def slow_add(a: int, b: int, delay: float = 0.3) -> int:
    """Adds two numbers after a delay."""
    await asyncio.sleep(delay)
    return a + b


@server.tool(task=quick)
async def greet(ctx: Context):
    """Asks for a name, then greets."""
    answer = (ctx.input_responses or {}).get("name")
    if answer is None:
        question = mcp_types.ElicitRequest(
            params=mcp_types.ElicitRequestFormParams(
                message="Your name?",
                requested_schema={"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
            )
        )
        return mcp_types.InputRequiredResult(input_requests={"name": question})
    content = answer.content if hasattr(answer, "content") else answer.get("content")
    if not content:
        return "no name given"
    return f"Hello, {content['name']}!"


@server.tool(task=quick)
async def explode() -> str:
    """Fails."""
    raise ValueError("boom")


@server.tool
def double(x: int) -> int:
    """Doubles a number, synchronously."""
    return x * 2


def announce_when_listening(port: int) -> None:
    """Writes READY to stderr once the port accepts connections (what the tests wait for)."""
    import socket
    import threading
    import time

    def watch() -> None:
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    print("READY", file=sys.stderr, flush=True)
                    return
            except OSError:
                time.sleep(0.05)

    threading.Thread(target=watch, daemon=True).start()


def exit_with_parent() -> None:
    """Ends this process when the test process that started it goes away, even if it crashed."""
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
    if "--port" in sys.argv:
        # Streamable HTTP on 127.0.0.1 (stateless, the 2026-07-28 way).
        port = int(sys.argv[sys.argv.index("--port") + 1])
        exit_with_parent()
        announce_when_listening(port)
        # A minute's keep-alive under a sanitizer instead of uvicorn's 5 s: see ../python/http_server.py.
        keep_alive = {"timeout_keep_alive": 60} if os.environ.get("MCP_TEST_SANITIZER") else None
        server.run(transport="http", host="127.0.0.1", port=port, show_banner=False, log_level="warning", uvicorn_config=keep_alive)
    else:
        # The parent's death ends the server (stdin closes).
        server.run(show_banner=False)
