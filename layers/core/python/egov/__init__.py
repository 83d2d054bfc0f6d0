"""Shared code of the e-government platform, shipped as the `core` Lambda layer."""

import gc
import os

# Cold start (issue 18): importing a handler makes some 50,000 objects that live as long as the
# runtime; the cyclic collector ran ~50 times while they were made and found next to nothing to
# free (~8 % of the import). In a Lambda runtime it pauses from the first import of this package
# until the handler module has loaded; `egov.platform.observability.lambda_entry` then freezes
# what the import made and resumes it.
if os.environ.get("AWS_LAMBDA_RUNTIME_API"):
    gc.disable()
