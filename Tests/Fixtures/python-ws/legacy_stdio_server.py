"""A handshake-era-only stdio server: PyPI `mcp` 1.30.0's FastMCP, which predates 2026-07-28.

The era-detection tests connect to it in automatic mode and expect the fallback to `initialize`.
Run with the WebSocket venv's Python (it holds the 1.x series): `python legacy_stdio_server.py`.
"""

import warnings

warnings.simplefilter("ignore")

from mcp.server.fastmcp import FastMCP  # noqa: E402

server = FastMCP("python-legacy-only-server")


@server.tool()
def echo(text: str) -> str:
    """Echoes the text."""
    return text


if __name__ == "__main__":
    server.run()
