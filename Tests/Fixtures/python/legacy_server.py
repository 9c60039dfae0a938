"""An MCP server for the stdio transport tests, written with PyPI `mcp` 2.3.0.

It exercises the handshake ("legacy") era of the protocol end to end against the Swift client:
sampling, elicitation (form and URL), roots, progress, logging, cancellation, list-changed
notifications, resource subscriptions, pagination and every content kind.

Built on the SDK's high-level `mcp.server.mcpserver.MCPServer`. Where the high-level server has no
API for something, this falls back to its low-level server (`_lowlevel_server`):
`logging/setLevel`, `resources/subscribe` and `resources/unsubscribe`, paginated list results,
the `notifications/roots/list_changed` handler, and initialization options that declare
`listChanged`.

Run with the test venv's Python: `python legacy_server.py`. It logs one line to stderr per
notable event ("slow started 3", "slow cancelled 3", …) so tests can follow along.
"""

import base64
import sys
import warnings
from typing import Literal

# Sampling, roots and logging are deprecated as of 2026-07-28, not in the era tested here.
warnings.simplefilter("ignore")

import anyio  # noqa: E402
import mcp_types as types  # noqa: E402
from mcp.server.lowlevel.server import NotificationOptions  # noqa: E402
from mcp.server.mcpserver import Context, Image, Audio, MCPServer  # noqa: E402
from mcp.server.stdio import stdio_server  # noqa: E402
from mcp.shared.exceptions import MCPError  # noqa: E402
from pydantic import BaseModel, Field  # noqa: E402

# A valid 1x1 PNG and a tiny 8-bit mono WAV; the Swift tests hold the same bytes.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0"
    "f01f00050001ff89993d1d0000000049454e44ae426082"
)
WAV = bytes.fromhex(
    "524946462c00000057415645666d74201000000001000100401f0000401f000001000800646174610800000080a0c0"
    "a080604060"
)
BLOB = bytes(range(256))

LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"]
PAGE_SIZE = 2
TOOL_PAGE_SIZE = 5

state = {
    "log_level": "debug",
    "subscriptions": set(),
    "cancelled": [],
    "roots_changed": 0,
    "generation": 0,
}

server = MCPServer(
    "legacy-fixture",
    version="2.3.0-fixture",
    instructions="A fixture server for the Swift stdio transport tests.",
)


def event(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# MARK: Sampling


class SampleOutcome(BaseModel):
    model: str
    role: str
    text: str
    stopReason: str | None = None


@server.tool(description="Asks the client's model to complete the prompt and reports its answer.")
async def sample(prompt: str, ctx: Context) -> SampleOutcome:
    result = await ctx.session.create_message(
        messages=[types.SamplingMessage(role="user", content=types.TextContent(type="text", text=prompt))],
        max_tokens=64,
        system_prompt="You are a test double.",
        temperature=0.25,
        related_request_id=ctx.request_context.request_id,
    )
    return SampleOutcome(
        model=result.model,
        role=result.role,
        text=result.content.text if isinstance(result.content, types.TextContent) else "",
        stopReason=result.stop_reason,
    )


# MARK: Elicitation


class Contact(BaseModel):
    name: str = Field(description="Your name")
    age: int = Field(description="Your age in years", ge=0, le=150)
    subscribe: bool = Field(default=False, description="Receive the newsletter")
    color: Literal["red", "green", "blue"] = Field(default="red", description="Favourite colour")


class ContactOutcome(BaseModel):
    action: str
    name: str | None = None
    age: int | None = None
    subscribe: bool | None = None
    color: str | None = None


@server.tool(description="Asks the user for contact details through a form.")
async def ask_contact(message: str, ctx: Context) -> ContactOutcome:
    result = await ctx.elicit(message, schema=Contact)
    if result.action == "accept":
        data = result.data
        return ContactOutcome(action="accept", name=data.name, age=data.age, subscribe=data.subscribe, color=data.color)
    return ContactOutcome(action=result.action)


class UrlOutcome(BaseModel):
    action: str
    elicitationId: str


@server.tool(description="Sends the user to a URL to sign in, then reports completion.")
async def ask_url(ctx: Context) -> UrlOutcome:
    elicitation_id = "elicit-42"
    result = await ctx.elicit_url("Please sign in to continue", "https://example.com/login?session=abc", elicitation_id)
    if result.action == "accept":
        await ctx.session.send_elicit_complete(elicitation_id)
    return UrlOutcome(action=result.action, elicitationId=elicitation_id)


# MARK: Roots


class RootsOutcome(BaseModel):
    uris: list[str]
    names: list[str | None]


@server.tool(description="Lists the client's roots.")
async def client_roots(ctx: Context) -> RootsOutcome:
    result = await ctx.session.list_roots()
    return RootsOutcome(uris=[str(root.uri) for root in result.roots], names=[root.name for root in result.roots])


@server.tool(description="How many times the client said its roots changed.")
def roots_changes() -> int:
    return state["roots_changed"]


async def on_roots_list_changed(ctx, params) -> None:
    state["roots_changed"] += 1
    event(f"roots changed {state['roots_changed']}")


server._lowlevel_server.add_notification_handler(
    "notifications/roots/list_changed", types.NotificationParams, on_roots_list_changed
)


# MARK: Progress


@server.tool(description="Counts to `steps`, reporting progress at each step.")
async def count(steps: int, ctx: Context) -> str:
    for step in range(1, steps + 1):
        await anyio.sleep(0.01)
        await ctx.report_progress(step, steps, f"step {step} of {steps}")
    return f"counted to {steps}"


# MARK: Logging


async def set_level(ctx, params: types.SetLevelRequestParams) -> types.EmptyResult:
    state["log_level"] = params.level
    event(f"log level {params.level}")
    return types.EmptyResult()


server._lowlevel_server.add_request_handler("logging/setLevel", types.SetLevelRequestParams, set_level)


@server.tool(description="Logs one message at every level the client asked for.")
async def emit_logs(ctx: Context) -> int:
    threshold = LEVELS.index(state["log_level"])
    sent = 0
    for index, level in enumerate(LEVELS):
        if index < threshold:
            continue
        await ctx.session.send_log_message(
            level=level,
            data={"level": level, "index": index},
            logger="legacy-fixture",
            related_request_id=ctx.request_context.request_id,
        )
        sent += 1
    return sent


# MARK: Cancellation


@server.tool(description="Sleeps, recording whether the client cancelled it.")
async def slow(ctx: Context, seconds: float = 30) -> str:
    request_id = ctx.request_id
    event(f"slow started {request_id}")
    try:
        await anyio.sleep(seconds)
    except anyio.get_cancelled_exc_class():
        state["cancelled"].append(request_id)
        event(f"slow cancelled {request_id}")
        raise
    return "finished"


@server.tool(description="The ids of the `slow` calls the client cancelled.")
def cancelled_requests() -> list[str]:
    return list(state["cancelled"])


# MARK: List changes


@server.tool(description="Adds a tool, a resource and a prompt, and announces the changes.")
async def mutate(ctx: Context) -> int:
    state["generation"] += 1
    generation = state["generation"]

    def dynamic_tool() -> str:
        return f"dynamic tool {generation}"

    def dynamic_resource() -> str:
        return f"dynamic resource {generation}"

    def dynamic_prompt() -> str:
        return f"dynamic prompt {generation}"

    server.add_tool(dynamic_tool, name=f"dynamic_tool_{generation}", description="Added at run time")
    server.resource(f"dyn://resource/{generation}", name=f"dynamic_resource_{generation}")(dynamic_resource)
    server.prompt(name=f"dynamic_prompt_{generation}")(dynamic_prompt)
    await ctx.session.send_tool_list_changed()
    await ctx.session.send_resource_list_changed()
    await ctx.session.send_prompt_list_changed()
    return generation


# MARK: Subscriptions


async def subscribe(ctx, params: types.SubscribeRequestParams) -> types.EmptyResult:
    state["subscriptions"].add(str(params.uri))
    event(f"subscribed {params.uri}")
    return types.EmptyResult()


async def unsubscribe(ctx, params: types.UnsubscribeRequestParams) -> types.EmptyResult:
    state["subscriptions"].discard(str(params.uri))
    event(f"unsubscribed {params.uri}")
    return types.EmptyResult()


server._lowlevel_server.add_request_handler("resources/subscribe", types.SubscribeRequestParams, subscribe)
server._lowlevel_server.add_request_handler("resources/unsubscribe", types.UnsubscribeRequestParams, unsubscribe)


@server.tool(description="Changes a resource; subscribers are told.")
async def touch(uri: str, ctx: Context) -> bool:
    if uri in state["subscriptions"]:
        await ctx.session.send_resource_updated(uri)
        return True
    return False


# MARK: Resources, templates and prompts (listed in pages)

def make_item(index: int):
    def item() -> str:
        return f"item {index}"

    return item


for index in range(5):
    server.resource(f"res://item/{index}", name=f"item_{index}", mime_type="text/plain")(make_item(index))


@server.resource("res://text", name="text", description="A text resource", mime_type="text/plain")
def text_resource() -> str:
    return "Hello from a text resource ✓"


@server.resource("res://blob", name="blob", description="A binary resource", mime_type="application/octet-stream")
def blob_resource() -> bytes:
    return BLOB


@server.resource("res://greeting/{name}", name="greeting", mime_type="text/plain")
def greeting(name: str) -> str:
    return f"Hello, {name}!"


def make_prompt(index: int):
    def numbered_prompt(topic: str) -> str:
        return f"Prompt {index} about {topic}"

    return numbered_prompt


for index in range(3):
    server.prompt(name=f"prompt_{index}", description=f"Prompt number {index}")(make_prompt(index))


def page(items: list, cursor: str | None, size: int) -> tuple[list, str | None]:
    start = 0
    if cursor is not None:
        if not cursor.startswith("page:") or not cursor[5:].isdigit():
            raise MCPError(code=types.INVALID_PARAMS, message=f"invalid cursor {cursor!r}")
        start = int(cursor[5:])
    end = start + size
    return items[start:end], (f"page:{end}" if end < len(items) else None)


async def list_tools(ctx, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
    tools, next_cursor = page(await server.list_tools(), params.cursor if params else None, TOOL_PAGE_SIZE)
    return types.ListToolsResult(tools=tools, next_cursor=next_cursor)


async def list_resources(ctx, params: types.PaginatedRequestParams | None) -> types.ListResourcesResult:
    resources, next_cursor = page(await server.list_resources(), params.cursor if params else None, PAGE_SIZE)
    return types.ListResourcesResult(resources=resources, next_cursor=next_cursor)


async def list_prompts(ctx, params: types.PaginatedRequestParams | None) -> types.ListPromptsResult:
    prompts, next_cursor = page(await server.list_prompts(), params.cursor if params else None, PAGE_SIZE)
    return types.ListPromptsResult(prompts=prompts, next_cursor=next_cursor)


server._lowlevel_server.add_request_handler("tools/list", types.PaginatedRequestParams, list_tools)
server._lowlevel_server.add_request_handler("resources/list", types.PaginatedRequestParams, list_resources)
server._lowlevel_server.add_request_handler("prompts/list", types.PaginatedRequestParams, list_prompts)


# MARK: Content


@server.tool(description="Returns one block of every content kind.")
def all_content() -> types.CallToolResult:
    return types.CallToolResult(
        content=[
            types.TextContent(type="text", text="plain text ✓"),
            Image(data=PNG, format="png").to_image_content(),
            Audio(data=WAV, format="wav").to_audio_content(),
            types.ResourceLink(
                type="resource_link",
                uri="res://text",
                name="text",
                description="A link to the text resource",
                mime_type="text/plain",
            ),
            types.EmbeddedResource(
                type="resource",
                resource=types.TextResourceContents(
                    uri="res://embedded/text", text="embedded text ✓", mime_type="text/plain"
                ),
            ),
            types.EmbeddedResource(
                type="resource",
                resource=types.BlobResourceContents(
                    uri="res://embedded/blob",
                    blob=base64.b64encode(BLOB).decode(),
                    mime_type="application/octet-stream",
                ),
            ),
        ]
    )


LARGE_LINE = 'a line with "quotes", a \\ backslash, a\ttab and é€😀\n'


@server.tool(description="Returns `lines` lines of text, or `blob_kib` KiB of binary data as an embedded resource.")
def large_content(lines: int = 0, blob_kib: int = 0) -> types.CallToolResult:
    if blob_kib:
        blob = base64.b64encode(bytes(range(256)) * (4 * blob_kib)).decode()
        contents = types.BlobResourceContents(uri="res://large/blob", blob=blob, mime_type="application/octet-stream")
        return types.CallToolResult(content=[types.EmbeddedResource(type="resource", resource=contents)])
    return types.CallToolResult(content=[types.TextContent(type="text", text=LARGE_LINE * lines)])


class Forecast(BaseModel):
    city: str
    temperature: float
    conditions: list[str]


@server.tool(description="A structured result with an output schema.")
def forecast(city: str) -> Forecast:
    return Forecast(city=city, temperature=21.5, conditions=["sunny", "breezy"])


async def main() -> None:
    lowlevel = server._lowlevel_server
    options = lowlevel.create_initialization_options(
        NotificationOptions(prompts_changed=True, resources_changed=True, tools_changed=True)
    )
    event("legacy fixture ready")
    async with stdio_server() as (read_stream, write_stream):
        await lowlevel.run(read_stream, write_stream, options)


if __name__ == "__main__":
    anyio.run(main)
