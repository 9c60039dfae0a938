"""Runs ../python-fastmcp/tasks_server.py over Streamable HTTP with the FastMCP venv's Python.

The HTTP test helper starts fixtures with the main test venv; FastMCP lives in its own venv
(MCP_TEST_PYTHON_FASTMCP, else .test-env/venv-fastmcp), so this replaces itself with that
interpreter, keeping its process id (and the helper's handle on it).
Usage: python fastmcp_tasks_http.py --port PORT
"""

import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(os.path.dirname(here)))
python = os.environ.get("MCP_TEST_PYTHON_FASTMCP") or os.path.join(root, ".test-env", "venv-fastmcp", "bin", "python")
script = os.path.join(os.path.dirname(here), "python-fastmcp", "tasks_server.py")
os.execv(python, [python, "-B", script] + sys.argv[1:])
