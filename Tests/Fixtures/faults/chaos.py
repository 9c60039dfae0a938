"""Fault: a stdio server that misbehaves on demand, for the fault-injection suite.

Options (argv): --crash-on-initialize  exit with status 5 when `initialize` arrives
                --ignore-sigterm       ignore SIGTERM and keep running after stdin closes
                --grandchild           start a `sleep` child that ignores SIGTERM too
Tools:
  crash {point}       exit with status 9 at `point`: before-response, mid-response (half a line),
                      before-newline (the whole response but not its newline), after-response
  garbage             binary junk, truncated JSON, invalid UTF-8, wrong jsonrpc versions, an
                      answer to an unknown id, an empty batch... then the real answer
  wrong-type          a result whose `content` is not an array
  big {size}          a text result of `size` bytes (default 64 MB)
  stall               never answers
  slowloris {interval} writes the answer one byte at a time, `interval` seconds apart
  flood {count}       `count` log notifications, then the answer
"""

import os
import signal
import subprocess
import sys
import threading
import time

import minimcp

if "--crash-on-initialize" in sys.argv:
    original = minimcp._handle

    def crash_on_initialize(message):
        if message.get("method") == "initialize":
            minimcp.log("initialize: giving up")
            os._exit(5)
        original(message)

    minimcp._handle = crash_on_initialize

if "--ignore-sigterm" in sys.argv:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)

if "--grandchild" in sys.argv:
    child = subprocess.Popen(
        [sys.executable, "-c", "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)"]
    )
    minimcp.log(f"grandchild {child.pid}")


def line(request_id, result):
    import json

    return (json.dumps({"jsonrpc": "2.0", "id": request_id, "result": result}, separators=(",", ":")) + "\n").encode()


@minimcp.tool("crash")
def crash(arguments, request_id):
    point = arguments.get("point", "before-response")
    data = line(request_id, minimcp.text_result("crashed"))
    if point == "mid-response":
        minimcp.write_raw(data[: len(data) // 2])
    elif point == "before-newline":
        minimcp.write_raw(data[:-1])
    elif point == "after-response":
        minimcp.write_raw(data)
    os._exit(9)


@minimcp.tool("garbage")
def garbage(arguments, request_id):
    for junk in [
        b"\x00\x01\x02\xff\xfe garbage\n",
        b'{"jsonrpc":"2.0","id":' + str(request_id).encode() + b',"resu\n',
        b"\xc3\x28\xa0\xa1 not utf-8\n",
        b'{"jsonrpc":"1.0","id":999,"result":{}}\n',
        b'{"jsonrpc":"2.0","id":424242,"result":{"content":[]}}\n',
        b"[]\n",
        b'[1,2,{"jsonrpc":"2.0"}]\n',
        b'{"jsonrpc":"2.0","method":42}\n',
        b'{"jsonrpc":"2.0","id":{"nested":true},"method":"x"}\n',
        b"1e999999\n",
        b"[" * 100000 + b"\n",
        b'"' + b"\\u" * 1000 + b'"\n',
        b"\r\n\n   \n",
    ]:
        minimcp.write_raw(junk)
    return minimcp.text_result("survived")


@minimcp.tool("wrong-type")
def wrong_type(arguments, request_id):
    return {"content": "not an array", "isError": "no"}


@minimcp.tool("big")
def big(arguments, request_id):
    size = int(arguments.get("size", 64 << 20))
    return minimcp.text_result("x" * size)


@minimcp.tool("stall")
def stall(arguments, request_id):
    minimcp.log(f"stalling on request {request_id}")
    return None


@minimcp.tool("slowloris")
def slowloris(arguments, request_id):
    interval = float(arguments.get("interval", 0.05))
    data = line(request_id, minimcp.text_result("slow"))

    def trickle():
        # Holding the output lock, as a server stuck writing one response would: later answers
        # queue behind it instead of splicing into its line.
        with minimcp._out_lock:
            for index in range(len(data)):
                os.write(1, data[index : index + 1])
                time.sleep(interval)

    threading.Thread(target=trickle, daemon=True).start()
    return None


@minimcp.tool("flood")
def flood(arguments, request_id):
    count = int(arguments.get("count", 100000))
    chunk = []
    for index in range(count):
        chunk.append(
            b'{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":'
            + str(index).encode()
            + b"}}\n"
        )
        if len(chunk) == 1000:
            minimcp.write_raw(b"".join(chunk))
            chunk = []
    minimcp.write_raw(b"".join(chunk))
    return minimcp.text_result(f"flooded {count}")


def linger():
    if "--ignore-sigterm" in sys.argv:
        minimcp.log("stdin closed; lingering")
        while True:
            time.sleep(1)


minimcp.serve(on_eof=linger)
