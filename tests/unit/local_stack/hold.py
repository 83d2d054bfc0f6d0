"""A function that holds its invocation until the test lets go, so that a test knows a worker is
busy (its pid arrives on the test's socket) without timing anything."""

import json
import os
import socket
from typing import Any


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    port = json.loads(event["body"] or "{}").get("port")
    if port:
        with socket.create_connection(("127.0.0.1", port)) as test:
            test.sendall(f"{os.getpid()}\n".encode())
            test.recv(1)  # until the test sends a byte or closes
    return {"statusCode": 200, "headers": {}, "body": json.dumps({"pid": os.getpid()})}
