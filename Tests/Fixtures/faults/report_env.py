"""Fault-free helper: a server that reports the environment and working directory it got.

`environment` answers with structured content {"environment": {...}, "cwd": "..."}.
"""

import os

import minimcp


@minimcp.tool("environment")
def environment(arguments, request_id):
    return minimcp.text_result(
        "environment", structuredContent={"environment": dict(os.environ), "cwd": os.getcwd()}
    )


minimcp.serve()
