"""A stand-in browser for `mcp --browser CMD`: opens the URL given as its last argument and
follows redirects (the authorization server approves at once and redirects to mcp's loopback
listener), as a user approving in a real browser would. Exits 0 when the final page loads."""
import sys
import urllib.request

with urllib.request.urlopen(sys.argv[-1], timeout=30) as response:
    response.read()
