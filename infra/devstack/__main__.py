"""`python -m devstack`: the whole platform on this machine (the README's first command)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from devstack import state
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
        default=None,
        help="virtual seconds per real second (1440: a day passes in a minute; 1: real time); "
        "default: the kept state's, else 1440",
    )
    parser.add_argument("--no-demo", action="store_true", help="start without demo data")
    parser.add_argument(
        "--state-dir",
        type=Path,
        default=state.DEFAULT_DIRECTORY,
        help="where the data is kept when the stack stops and restored from when it starts "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="discard the kept data and start empty"
    )
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
    if args.fresh:
        state.discard(args.state_dir)
    kept = state.saved_clock(args.state_dir)
    clock_scale = args.clock_scale or (kept.scale if kept else 1440.0)
    stack = Stack(
        gateway_port=args.port,
        moto_port=args.moto_port,
        simulator_port=args.simulator_port,
        clock_scale=clock_scale,
        demo=not args.no_demo,
        workers=args.workers,
        parameters=parameters,
        state_dir=args.state_dir,
    )
    stack.start()
    print(f"API gateway      {stack.api_url}  (docs: {stack.api_url}/docs)", flush=True)
    print(f"simulators       {stack.simulator_url}", flush=True)
    print(f"AWS (moto)       http://127.0.0.1:{args.moto_port}", flush=True)
    print(f"clock            {clock_scale:g}x", flush=True)
    if stack.state_dir:
        kept_how = "restored from" if stack.restored else "none kept yet in"
        print(f"state            {kept_how} {stack.state_dir} (--fresh: start empty)", flush=True)
    print("ready", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    # Whatever a stopper waits on (a busy machine, a stuck connection), the stack is gone within
    # STOP_SECONDS: its workers watch this process and end with it.
    threading.Timer(STOP_SECONDS, _stop_now, args=(stack,)).start()
    stack.stop()
    print("stopped", flush=True)
    sys.stderr.flush()
    # Everything is stopped; what remains is the interpreter tearing down moto's and boto's
    # objects, ~10 s on a busy machine for nothing.
    os._exit(0)


def _stop_now(stack: Stack) -> None:
    if stack.state_dir and not stack.saved:
        print(f"stopped before the state was saved; {stack.state_dir} keeps the previous one")
        sys.stdout.flush()
    os._exit(1)


if __name__ == "__main__":
    main()
