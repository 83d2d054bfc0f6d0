"""The two shapes of the API's models, declared once so every service declares them one way.

- `View`: what the API returns and what a workflow passes on: camelCase on the wire,
  snake_case in Python (either is accepted when read back).
- `Form`: what a person submits: a `View` that refuses a field it does not know (a misspelt
  field is a 422 naming it, not silently dropped; G7) and strips surrounding whitespace.

Both are built on first use (`defer_build`): a handler pays at its cold start only for the
models its request touches, not for every model of the modules it imports (issue 18).

A module that declares models evaluates its annotations when it runs (no `from __future__
import annotations`; a model named before it is defined is quoted): pydantic would otherwise
compile and evaluate every field's annotation string as each class is made, a fifth of the time
its classes take to create even unbuilt.
"""

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class View(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, defer_build=True)


class Form(View):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
