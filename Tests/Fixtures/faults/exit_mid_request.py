"""Fault: a server that exits, or crashes, in the middle of a request.

`hang` never answers. `die` writes two lines to stderr, then "exit at <seconds since the epoch>",
and exits with status `code` (default 3) without answering. `crash` writes a line to stderr and kills itself with SIGSEGV. Every request
pending at that moment must fail at once with the exit status and the last stderr lines.
"""

import os
import signal
import time

import minimcp


@minimcp.tool("hang")
def hang(arguments, request_id):
    minimcp.log(f"hanging on request {request_id}")
    return None


@minimcp.tool("die")
def die(arguments, request_id):
    code = int(arguments.get("code", 3))
    minimcp.log("fatal: the disk is on fire")
    minimcp.log(f"exiting with status {code}")
    minimcp.log(f"exit at {time.time():.6f}")
    os._exit(code)


@minimcp.tool("crash")
def crash(arguments, request_id):
    minimcp.log("about to crash with SIGSEGV")
    signal.signal(signal.SIGSEGV, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGSEGV)


minimcp.serve()
