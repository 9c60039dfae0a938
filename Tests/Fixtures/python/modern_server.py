"""A 2026-07-28 server for the stdio interop tests, written with PyPI `mcp` 2.3.0.

Its tools use the multi round-trip pattern of the stateless protocol: the first call answers
with an `InputRequiredResult` (an elicitation, a sampling request and a roots request at once,
with an opaque `requestState`), and the retry carries the client's `inputResponses`, which the
tool reports back so the test can check what the client sent. The SDK answers both eras; the
tests connect in automatic mode and expect the stateless one.

Run with the test venv's Python: `python modern_server.py`.
"""

import json
import sys
import warnings

warnings.simplefilter("ignore")

import mcp_types as types  # noqa: E402
from mcp.server.mcpserver import Context, MCPServer  # noqa: E402

server = MCPServer("python-modern-test-server", instructions="Stateless test server")


@server.tool(description="Asks for a name, a model completion and the roots, all in one round.")
async def gather(topic: str, ctx: Context) -> types.CallToolResult | types.InputRequiredResult:
    responses = ctx.input_responses
    if not responses:
        return types.InputRequiredResult(
            input_requests={
                "name": types.ElicitRequest(
                    params=types.ElicitRequestFormParams(
                        message="Your name?",
                        requested_schema={"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
                    )
                ),
                "summary": types.CreateMessageRequest(
                    params=types.CreateMessageRequestParams(
                        messages=[types.SamplingMessage(role="user", content=types.TextContent(type="text", text=f"Summarise {topic}"))],
                        max_tokens=32,
                    )
                ),
                "roots": types.ListRootsRequest(),
            },
            request_state="opaque-state-" + topic,
        )
    report = {
        "requestState": ctx.request_state,
        "responses": {key: value.model_dump(by_alias=True, mode="json", exclude_none=True) for key, value in responses.items()},
    }
    return types.CallToolResult(content=[types.TextContent(type="text", text=json.dumps(report, sort_keys=True))])


@server.tool(description="Echoes the text.")
def echo(text: str) -> str:
    return text


if __name__ == "__main__":
    print("modern fixture ready", file=sys.stderr, flush=True)
    server.run()
