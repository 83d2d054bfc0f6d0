"""Reading `infra/template.yaml`: resources, functions and their events, with intrinsics resolved.

Physical names follow CloudFormation's habit (`<stack>-<LogicalId>-<suffix>`) closely enough to be
recognisable; the only thing that matters is that every reference resolves to the resource the
provisioner created.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from cfn_tools import load_yaml

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "infra" / "template.yaml"
ACCOUNT = "123456789012"
REGION = "eu-central-1"


@functools.cache
def _parsed(path: Path, mtime_ns: int) -> dict[str, Any]:
    """The YAML parsed once per version of the file (parsing takes most of a Template's
    making); each Template gets its own copy to change."""
    return dict(load_yaml(path.read_text()))


@dataclass
class ApiRoute:
    function: str
    method: str
    path: str


@dataclass
class Function:
    logical_id: str
    code_dir: Path
    handler: str
    environment: dict[str, str]
    timeout: int
    routes: list[ApiRoute] = field(default_factory=list)
    queues: list[tuple[str, int, bool]] = field(default_factory=list)  # (queue id, batch, partial)
    schedules: list[str] = field(default_factory=list)

    @property
    def module_path(self) -> Path:
        module, _, _ = self.handler.rpartition(".")
        return self.code_dir / (module.replace(".", "/") + ".py")

    @property
    def attribute(self) -> str:
        return self.handler.rpartition(".")[2]


class Template:
    def __init__(
        self, path: Path = TEMPLATE, stack: str = "egov", overrides: dict[str, str] | None = None
    ):
        self.path = path
        self.stack = stack
        self.doc: dict[str, Any] = copy.deepcopy(_parsed(path, path.stat().st_mtime_ns))
        self.resources: dict[str, dict[str, Any]] = self.doc["Resources"]
        self.parameters = {
            name: str(spec.get("Default", ""))
            for name, spec in self.doc.get("Parameters", {}).items()
        }
        if unknown := set(overrides or {}) - set(self.parameters):
            raise ValueError(f"the template has no parameter {', '.join(sorted(unknown))}")
        self.parameters.update(overrides or {})
        self.endpoint = "http://127.0.0.1:5050"

    # ------------------------------------------------------------ names
    def physical_name(self, logical_id: str) -> str:
        kind = self.resources[logical_id]["Type"]
        name = f"{self.stack}-{logical_id}"
        if kind == "AWS::S3::Bucket":
            return name.lower()
        return name

    def arn(self, logical_id: str) -> str:
        kind = self.resources[logical_id]["Type"]
        name = self.physical_name(logical_id)
        if kind == "AWS::SQS::Queue":
            return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"
        if kind == "AWS::DynamoDB::Table":
            return f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}"
        if kind == "AWS::S3::Bucket":
            return f"arn:aws:s3:::{name}"
        if kind in ("AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine"):
            return f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{name}"
        if kind == "AWS::Events::EventBus":
            return f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{name}"
        if kind == "AWS::SNS::Topic":
            return f"arn:aws:sns:{REGION}:{ACCOUNT}:{name}"
        if kind == "AWS::Serverless::Function":
            return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"
        if kind == "AWS::IAM::ManagedPolicy":
            return f"arn:aws:iam::{ACCOUNT}:policy/{name}"
        if kind == "AWS::SecretsManager::Secret":
            return f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{name}"
        return f"arn:aws:local:{REGION}:{ACCOUNT}:{name}"

    def ref(self, logical_id: str) -> str:
        if logical_id in self.parameters:
            return self.parameters[logical_id]
        pseudo = {
            "AWS::Region": REGION,
            "AWS::AccountId": ACCOUNT,
            "AWS::StackName": self.stack,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
        }
        if logical_id in pseudo:
            return pseudo[logical_id]
        kind = self.resources[logical_id]["Type"]
        if kind == "AWS::SQS::Queue":
            return f"{self.endpoint}/{ACCOUNT}/{self.physical_name(logical_id)}"
        if kind in (
            "AWS::Serverless::StateMachine",
            "AWS::StepFunctions::StateMachine",
            "AWS::SNS::Topic",
            "AWS::IAM::ManagedPolicy",
        ):
            return self.arn(logical_id)
        return self.physical_name(logical_id)

    def get_att(self, logical_id: str, attribute: str) -> str:
        if attribute == "Arn":
            return self.arn(logical_id)
        if attribute in ("QueueName", "Name", "TopicName"):
            return self.physical_name(logical_id)
        if attribute == "QueueUrl":
            return self.ref(logical_id)
        raise ValueError(f"GetAtt {logical_id}.{attribute} is not supported locally")

    # ------------------------------------------------------------ intrinsics
    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((key, arg),) = value.items()
            if key == "Ref":
                return self.ref(arg)
            if key == "Fn::GetAtt":
                target, attribute = arg.split(".", 1) if isinstance(arg, str) else arg
                return self.get_att(target, attribute)
            if key == "Fn::Sub":
                return self._sub(arg)
            if key == "Fn::Join":
                sep, parts = arg
                return sep.join(str(self.resolve(p)) for p in parts)
            if key == "Fn::If":
                return self.resolve(arg[1])
        return {k: self.resolve(v) for k, v in value.items()}

    def _sub(self, arg: Any) -> str:
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], self.resolve(arg[1]))
        out, i = [], 0
        while i < len(text):
            start = text.find("${", i)
            if start < 0:
                out.append(text[i:])
                break
            end = text.index("}", start)
            out.append(text[i:start])
            name = text[start + 2 : end]
            if name in variables:
                out.append(str(variables[name]))
            elif "." in name:
                out.append(self.get_att(*name.split(".", 1)))
            else:
                out.append(self.ref(name))
            i = end + 1
        return "".join(out)

    # ------------------------------------------------------------ views
    def of_type(self, *kinds: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.resources.items() if v["Type"] in kinds}

    @cached_property
    def api_cors(self) -> dict[str, str] | None:
        """The API's `Cors` setting resolved, without SAM's quotes ('...'), or None."""
        apis = self.of_type("AWS::Serverless::Api").values()
        settings = [api["Properties"]["Cors"] for api in apis if "Cors" in api["Properties"]]
        if not settings:
            return None
        (cors,) = settings
        return {key: str(self.resolve(value)).strip("'") for key, value in cors.items()}

    @cached_property
    def globals_function(self) -> dict[str, Any]:
        return self.doc.get("Globals", {}).get("Function", {})

    @cached_property
    def globals_environment(self) -> dict[str, str]:
        """What every function's environment holds (Globals), resolved."""
        variables = self.globals_function.get("Environment", {}).get("Variables", {})
        return {k: str(self.resolve(v)) for k, v in variables.items()}

    @cached_property
    def functions(self) -> dict[str, Function]:
        result = {}
        for logical_id, resource in self.of_type("AWS::Serverless::Function").items():
            props = resource["Properties"]
            own = props.get("Environment", {}).get("Variables", {})
            fn = Function(
                logical_id=logical_id,
                code_dir=(self.path.parent / props["CodeUri"]).resolve(),
                handler=props["Handler"],
                environment={**self.globals_environment}
                | {k: str(self.resolve(v)) for k, v in own.items()},
                timeout=int(
                    self.resolve(props.get("Timeout", self.globals_function.get("Timeout", 3)))
                ),
            )
            for event in props.get("Events", {}).values():
                kind, ep = event["Type"], event.get("Properties", {})
                if kind == "Api":
                    fn.routes.append(ApiRoute(logical_id, ep["Method"].upper(), ep["Path"]))
                elif kind == "SQS":
                    queue = ep["Queue"]["Fn::GetAtt"]
                    queue_id = queue.split(".")[0] if isinstance(queue, str) else queue[0]
                    partial = "ReportBatchItemFailures" in ep.get("FunctionResponseTypes", [])
                    fn.queues.append((queue_id, int(ep.get("BatchSize", 10)), partial))
                elif kind in ("Schedule", "ScheduleV2"):
                    fn.schedules.append(
                        ep["Schedule"] if kind == "Schedule" else ep["ScheduleExpression"]
                    )
            result[logical_id] = fn
        return result

    def state_machine_definition(self, logical_id: str) -> dict[str, Any]:
        props = self.resources[logical_id]["Properties"]
        if "DefinitionUri" in props:
            text = (self.path.parent / props["DefinitionUri"]).read_text()
        else:
            text = json.dumps(props["Definition"])
        substitutions = {
            k: str(self.resolve(v)) for k, v in props.get("DefinitionSubstitutions", {}).items()
        }
        for key, value in substitutions.items():
            text = text.replace("${" + key + "}", value)
        return dict(json.loads(text))
