"""EKTİS's handlers load only what they use (review finding; A1-A11 handlers' cold start).

`egov.ektis.subjects` is imported by every EKTİS handler; the ASAN İmza client
(`egov.platform.mobile_id`) is needed only when a subject registers, so it is imported there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def loaded_after(module: str) -> set[str]:
    """The modules a fresh interpreter holds after importing `module` alone."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            [str(ROOT / "layers/core/python"), str(ROOT / "infra"), str(ROOT)]
        ),
    }
    out = subprocess.run(
        [sys.executable, "-c", f"import sys, {module}; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    ).stdout
    return set(out.split())


def test_an_ektis_handler_does_not_load_the_asan_imza_client() -> None:
    for handler in ("egov.ektis.subjects", "functions.ektis.livestock", "functions.ektis.document"):
        assert "egov.platform.mobile_id" not in loaded_after(handler), handler
