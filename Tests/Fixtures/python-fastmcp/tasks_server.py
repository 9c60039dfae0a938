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
    return f"Hello, {content['name']}!"


@server.tool(task=quick)
async def explode() -> str:
    """Fails."""
    raise ValueError("boom")


@server.tool
def double(x: int) -> int:
    """Doubles a number, synchronously."""
    return x * 2


if __name__ == "__main__":
    # The parent's death ends the server (stdin closes).
    server.run(show_banner=False)
