"""Plays a user with --no-browser: runs the command given as arguments, reads its stderr until it
prints an authorization URL, opens that URL (following redirects to the command's loopback
listener), then prints the command's stderr and "EXIT <status>" on stdout. Gives up after 60 s."""
import subprocess
import sys
import threading
import urllib.request

process = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
timer = threading.Timer(60, process.kill)
timer.daemon = True
timer.start()
lines = []
for line in process.stderr:
    lines.append(line)
    if line.startswith("http://") or line.startswith("https://"):
        with urllib.request.urlopen(line.strip(), timeout=30) as response:
            response.read()
status = process.wait()
print("".join(lines))
print(f"EXIT {status}", flush=True)
