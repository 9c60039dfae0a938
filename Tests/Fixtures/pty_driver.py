"""Runs a command under a pseudo-terminal, answers its prompts, and prints the transcript.

Usage: python pty_driver.py SCRIPT.json -- COMMAND ARGS...
SCRIPT.json is a list of [pattern, reply] pairs: when the output (since the previous match)
contains `pattern`, `reply` plus a newline is typed. Exits with the command's exit status; the
whole transcript goes to stdout. Gives up after 30 seconds.
"""

import json
import os
import pty
import select
import sys
import time


def main() -> int:
    separator = sys.argv.index("--")
    with open(sys.argv[1]) as handle:
        script = json.load(handle)
    command = sys.argv[separator + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    transcript = b""
    pending = b""
    deadline = time.time() + 30
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            transcript += chunk
            pending += chunk
            while script and script[0][0].encode() in pending:
                pattern, reply = script.pop(0)
                pending = pending[pending.index(pattern.encode()) + len(pattern):]
                os.write(fd, reply.encode() + b"\n")
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(transcript.decode(errors="replace"))
    return os.waitstatus_to_exitcode(status)


sys.exit(main())
