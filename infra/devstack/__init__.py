"""The local stack: everything `infra/template.yaml` declares, running on this machine.

moto (server mode or in-process) is the AWS back end; resources are provisioned from the
template; an HTTP gateway on 127.0.0.1:8000 calls each function's handler in-process with an API
Gateway REST proxy event; a pump delivers queue messages and schedules to their functions;
simulators stand in for the external systems. No Docker, no network.
"""
