"""How the local servers (API gateway, simulators) accept connections."""

from __future__ import annotations

import socket
from typing import Any


class Listening:
    """How the local servers (gateway, simulators) accept connections: a backlog fit for
    hundreds of concurrent clients (socketserver's default is 5: a burst got resets), answers
    sent without waiting on Nagle and delayed ACK (~45 ms per keep-alive request), and no
    waiting for open connections when stopping."""

    request_queue_size = 1024
    daemon_threads = True
    block_on_close = False

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()  # type: ignore[misc]
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address
