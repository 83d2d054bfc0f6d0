"""`python -m devstack`: the whole platform on this machine (the README's first command)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

from devstack.stack import Stack

STOP_SECONDS = 10.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Run the e-government platform locally, no Docker."
    )
    parser.add_argument("--port", type=int, default=8000, help="API gateway port")
    parser.add_argument("--moto-port", type=int, default=5050)
    parser.add_argument("--simulator-port", type=int, default=8001)
    parser.add_argument(
        "--clock-scale",
        type=float,
        default=1440.0,
        help="virtual seconds per real second (1440: a day passes in a minute; 1: real time)",
    )
    parser.add_argument("--no-demo", action="store_true", help="start without demo data")
    parser.add_argument(
        "--workers",
        type=int,
        default=4,
        help="processes running API handlers concurrently, like Lambda environments (0: in-process)",
    )
    parser.add_argument(
        "--parameter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a template parameter, as `sam deploy --parameter-overrides` does",
    )
    args = parser.parse_args()
    parameters = dict(p.split("=", 1) for p in args.parameter)
    stack = Stack(
        gateway_port=args.port,
        moto_port=args.moto_port,
        simulator_port=args.simulator_port,
        clock_scale=args.clock_scale,
        demo=not args.no_demo,
        workers=args.workers,
        parameters=parameters,
    )
    stack.start()
    print(f"API gateway      {stack.api_url}  (docs: {stack.api_url}/docs)", flush=True)
    print(f"simulators       {stack.simulator_url}", flush=True)
    print(f"AWS (moto)       http://127.0.0.1:{args.moto_port}", flush=True)
    print(f"clock            {args.clock_scale:g}x", flush=True)
    print("ready", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    # Whatever a stopper waits on (a busy machine, a stuck connection), the stack is gone within
    # STOP_SECONDS: its workers watch this process and end with it.
    threading.Timer(STOP_SECONDS, os._exit, args=(1,)).start()
    stack.stop()
    print("stopped", flush=True)
    sys.stderr.flush()
    # Everything is stopped; what remains is the interpreter tearing down moto's and boto's
    # objects, ~10 s on a busy machine for nothing.
    os._exit(0)


if __name__ == "__main__":
    main()
