"""Writes the seed corpora for the fuzz targets from the shared protocol fixtures.

Usage: python3 make-corpora.py SHARED_DIR OUTPUT_DIR

  FuzzMessageDecoder  every example of every protocol version, as is and wrapped in JSON-RPC
                      requests, notifications, responses, error responses and batches
  FuzzLineFramer      those messages joined with LF and CRLF, behind the limit/chunking bytes
  FuzzSSEParser       those messages as event streams (ids, event types, retry, comments,
                      multi-line data, CR/CRLF/LF line ends, a byte order mark)
  FuzzJSONSchema      [schema, instance…] from the JSON-Schema-Test-Suite (2020-12, draft-07) and
                      the MCP schema definitions that examples exist for
  FuzzWWWAuthenticate the challenges of RFC 9110, RFC 6750, RFC 9728 and the MCP authorization
                      spec, and Bearer challenges carrying the URLs and strings of the examples
"""

import glob
import hashlib
import json
import os
import sys

shared, output = sys.argv[1], sys.argv[2]


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    directory = os.path.join(output, target)
    os.makedirs(directory, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


examples = []
for path in sorted(glob.glob(os.path.join(shared, "spec", "*", "examples", "**", "*.json"), recursive=True)):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        examples.append((os.path.basename(os.path.dirname(path)), json.loads(raw)))
    except ValueError:
        continue
    write("FuzzMessageDecoder", raw)

messages = []
for index, (kind, value) in enumerate(examples):
    if isinstance(value, dict) and value.get("jsonrpc") == "2.0":
        messages.append(value)
        continue
    if kind.endswith("Result") or kind.endswith("ResultResponse"):
        messages.append({"jsonrpc": "2.0", "id": index, "result": value})
    elif kind.endswith("Notification") or kind.endswith("NotificationParams"):
        messages.append({"jsonrpc": "2.0", "method": "notifications/" + kind, "params": value})
    elif kind.endswith("Error"):
        messages.append({"jsonrpc": "2.0", "id": f"r{index}", "error": {"code": -32603, "message": kind, "data": value}})
    else:
        messages.append({"jsonrpc": "2.0", "id": index, "method": kind, "params": value if isinstance(value, dict) else {"value": value}})
for message in messages:
    write("FuzzMessageDecoder", compact(message))
for start in range(0, len(messages), 7):
    write("FuzzMessageDecoder", compact(messages[start:start + 3]))

lines = [compact(m) for m in messages]
for start in range(0, len(lines), 5):
    group = lines[start:start + 5]
    write("FuzzLineFramer", bytes([200, start % 256]) + ("\n".join(group) + "\n").encode())
    write("FuzzLineFramer", bytes([8, 3]) + ("\r\n".join(group) + "\r\n\n").encode())
write("FuzzLineFramer", bytes([0, 0]) + b"a\nbb\r\nccc\r\r\n\n\r\n" + b"x" * 40)

line_ends = ["\n", "\r\n", "\r"]
for index, line in enumerate(lines):
    end = line_ends[index % 3]
    event = f"id: e{index}{end}event: message{end}data: {line}{end}{end}"
    write("FuzzSSEParser", bytes([index % 256]) + event.encode())
    if index % 5 == 0:
        pretty = json.dumps(messages[index], indent=1).split("\n")
        multi = ": keep-alive\n" + "".join(f"data:{p}\n" for p in pretty) + "retry: 1500\n\n"
        write("FuzzSSEParser", bytes([3]) + b"\xef\xbb\xbf" + multi.encode())
write("FuzzSSEParser", b"\x01id: 1\n\nid\n\ndata\ndata\n\nevent: x\ndata: y\r\n\r\nretry: 12a\nretry: 99\n\n: c\r")

suite = os.path.join(shared, "json-schema-test-suite", "tests")
for draft in ["draft2020-12", "draft7"]:
    for path in sorted(glob.glob(os.path.join(suite, draft, "*.json"))):
        with open(path) as f:
            groups = json.load(f)
        for group in groups:
            schema = group["schema"]
            if draft == "draft7" and isinstance(schema, dict) and "$schema" not in schema:
                schema = dict(schema, **{"$schema": "http://json-schema.org/draft-07/schema#"})
            write("FuzzJSONSchema", compact([schema] + [test["data"] for test in group["tests"]]))

for path in sorted(glob.glob(os.path.join(shared, "spec", "*", "schema.json"))):
    with open(path) as f:
        protocol = json.load(f)
    definitions = protocol.get("$defs") or protocol.get("definitions") or {}
    prefix = "#/$defs/" if "$defs" in protocol else "#/definitions/"
    for kind, value in examples:
        if kind not in definitions:
            continue
        # The definition with the definitions it refers to, transitively.
        needed, pending = {}, [kind]
        while pending:
            name = pending.pop()
            if name in needed or name not in definitions:
                continue
            needed[name] = definitions[name]
            text = json.dumps(definitions[name])
            pending += [ref.split('"')[0] for ref in text.split('"$ref": "' + prefix)[1:]]
        schema = {"$ref": prefix + kind, prefix[2:-1]: needed}
        write("FuzzJSONSchema", compact([schema, value]))

# WWW-Authenticate: the specifications' own challenges (the shared spec has schemas and examples,
# no HTTP headers), then Bearer challenges whose values come from the examples' strings.
challenges = [
    'Basic realm="simple"',
    'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"',
    'Bearer',
    'Bearer realm="example"',
    'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
    'Bearer error="insufficient_scope", scope="files:read files:write", '
    'resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", '
    'error_description="needs \\"write\\""',
    'Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource"',
    'Bearer resource_metadata=https://mcp.example.com/.well-known/oauth-protected-resource/mcp, scope=read',
    'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, '
    'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    'Negotiate YIIB0QYJKoZIhvcSAQICAQBuggHAMIIBvKADAgEFoQMCAQ6iBwMFACAAAACjggETYYIBDzCCAQugAwIBBQ==',
    'DPoP algs="ES256 PS256", error="invalid_dpop_proof", Bearer scope="openid"',
    'bearer scope=read, DPoP algs=ES256',
    'Basic realm="x",,, Bearer\terror="invalid_token" ,scope="a b"',
    'Bearer realm="unterminated',
    'Bearer a=, b="", c',
    'Bearer realm="caf\u00e9 \u2713", \u0130=x, \u00c9t\u00e9=1, Ba\u015fka a=b',
]
for challenge in challenges:
    write("FuzzWWWAuthenticate", challenge)
strings = []
def collect(value):
    if isinstance(value, str):
        strings.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            collect(item)
    elif isinstance(value, list):
        for item in value:
            collect(item)
for _, value in examples:
    collect(value)
urls = sorted({s for s in strings if "://" in s})[:40]
words = sorted({s for s in strings if s and len(s) < 80 and "://" not in s})[:40]
for index, url in enumerate(urls):
    scope = words[index % len(words)] if words else "read"
    escaped = scope.replace("\\", "\\\\").replace('"', '\\"')
    write("FuzzWWWAuthenticate", f'Bearer resource_metadata="{url}", scope="{escaped}"')
    write("FuzzWWWAuthenticate", f'Basic realm="{escaped}", Bearer error="invalid_token", resource_metadata={url}')
