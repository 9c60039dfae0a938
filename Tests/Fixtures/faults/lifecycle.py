"""Fault: a server whose reaction to being closed is chosen on the command line.

  --on-eof exit|linger        on end of file on stdin: exit 0, or keep running (default exit)
  --on-sigterm exit|ignore    on SIGTERM: die of it, or ignore it (default exit)

`lifecycle.py --on-eof linger --on-sigterm ignore` is the server that ignores SIGTERM: only
SIGKILL ends it. It also ignores SIGHUP and SIGINT then, so nothing but SIGKILL (from close or
from the kernel when its parent dies) can stop it.

The `spawn_grandchild` tool starts a child process in the server's process group (sleeping for a
minute, ignoring SIGTERM when the server does) and answers with its pid; `pid` answers with the
server's own pid.
"""

import argparse
import os
import signal
import subprocess
import sys
import time

import minimcp

parser = argparse.ArgumentParser()
parser.add_argument("--on-eof", choices=["exit", "linger"], default="exit")
parser.add_argument("--on-sigterm", choices=["exit", "ignore"], default="exit")
options = parser.parse_args()

if options.on_sigterm == "ignore":
    for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(number, signal.SIG_IGN)

GRANDCHILD = """
import signal, sys, time
if sys.argv[1] == "ignore":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
else:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
time.sleep(60)
"""


@minimcp.tool("spawn_grandchild")
def spawn_grandchild(arguments, request_id):
    child = subprocess.Popen(
        [sys.executable, "-c", GRANDCHILD, options.on_sigterm],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return minimcp.text_result(str(child.pid), structuredContent={"pid": child.pid, "group": os.getpgid(child.pid)})


@minimcp.tool("pid")
def pid(arguments, request_id):
    return minimcp.text_result(str(os.getpid()), structuredContent={"pid": os.getpid(), "group": os.getpgrp()})


def on_eof():
    minimcp.log("stdin closed")
    if options.on_eof == "linger":
        while True:
            time.sleep(3600)


minimcp.log(f"lifecycle server {os.getpid()} ready")
minimcp.serve(on_eof=on_eof)
