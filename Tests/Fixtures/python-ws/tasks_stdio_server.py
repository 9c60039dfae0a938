"""A 2025-11-25 server with the experimental tasks of PyPI `mcp` 1.30.0 (its low-level server),
over stdio.

Tools:
- slow_add(a, b, delay): taskSupport "optional"; as a task it sleeps `delay` seconds first.
- greet(): taskSupport "required"; asks the client for a name through an elicitation that
  travels with `tasks/result`, then greets.
- fail(): taskSupport "required"; the task fails.
- double(x): no task support.
"""

import asyncio
import sys

import anyio
from mcp.server.experimental.task_context import ServerTaskContext
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from mcp.types import CallToolResult, TextContent, Tool, ToolExecution

server = Server("python-tasks-server")
server.experimental.enable_tasks()

NUMBERS = {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}, "delay": {"type": "number"}}, "required": ["a", "b"]}


@server.list_tools()
async def list_tools() -> list[Tool]:
    return [
        Tool(name="slow_add", description="Adds, slowly as a task.", inputSchema=NUMBERS, execution=ToolExecution(taskSupport="optional")),
        Tool(name="greet", description="Asks for a name.", inputSchema={"type": "object"}, execution=ToolExecution(taskSupport="required")),
        Tool(name="fail", description="Fails.", inputSchema={"type": "object"}, execution=ToolExecution(taskSupport="required")),
        Tool(name="double", description="Doubles.", inputSchema={"type": "object", "properties": {"x": {"type": "number"}}}),
    ]


@server.call_tool()
async def call_tool(name: str, arguments: dict):
    ctx = server.request_context
    if name == "double":
        return [TextContent(type="text", text=str(arguments["x"] * 2))]
    if name == "slow_add":
        total = arguments["a"] + arguments["b"]
        if not ctx.experimental.is_task:
            return [TextContent(type="text", text=str(total))]

        async def add(task: ServerTaskContext) -> CallToolResult:
            await task.update_status("adding")
            await anyio.sleep(arguments.get("delay", 0.3))
            return CallToolResult(content=[TextContent(type="text", text=str(total))])

        return await ctx.experimental.run_task(add)
    ctx.experimental.validate_task_mode("required")
    if name == "greet":

        async def greet(task: ServerTaskContext) -> CallToolResult:
            answer = await task.elicit(
                message="Your name?",
                requestedSchema={"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
            )
            if answer.action != "accept":
                return CallToolResult(content=[TextContent(type="text", text=f"no name ({answer.action})")])
            return CallToolResult(content=[TextContent(type="text", text=f"Hello, {answer.content['name']}!")])

        return await ctx.experimental.run_task(greet)

    async def fail(task: ServerTaskContext) -> CallToolResult:
        raise RuntimeError("the task broke")

    return await ctx.experimental.run_task(fail)


async def main() -> None:
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


if __name__ == "__main__":
    anyio.run(main)
