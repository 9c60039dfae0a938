"""Fault: a server that breaks its pipes while it keeps running.

`close_stdout` closes stdout (its answer can never come) and keeps running; `close_stdin` closes
stdin (anything sent to it then fails with EPIPE) and answers; `stop_reading` answers, then stops
reading stdin for `seconds` and exits with status 4, so a large write to it fills the pipe and
then breaks.
"""

import os
import sys
import time

import minimcp


@minimcp.tool("close_stdout")
def close_stdout(arguments, request_id):
    minimcp.log("closing stdout")
    os.close(1)
    minimcp.log("stdout closed; still running")
    while True:
        time.sleep(3600)


@minimcp.tool("close_stdin")
def close_stdin(arguments, request_id):
    minimcp.respond(request_id, minimcp.text_result("closing stdin"))
    os.close(0)
    minimcp.log("stdin closed; still running")
    while True:
        time.sleep(3600)


@minimcp.tool("stop_reading")
def stop_reading(arguments, request_id):
    minimcp.respond(request_id, minimcp.text_result("no longer reading"))
    time.sleep(float(arguments.get("seconds", 0.5)))
    minimcp.log("exiting without reading")
    os._exit(4)


minimcp.serve()
