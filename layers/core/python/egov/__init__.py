"""Shared code of the e-government platform, shipped as the `core` Lambda layer."""

import gc
import os

# Cold start (issue 18): importing a handler makes some 100,000 objects that live as long as the
# runtime, and the cyclic collector walked them again and again while they were made (~15 % of
# the import). In a Lambda runtime it pauses from the first import of this package until the
# handler module has loaded; `egov.platform.observability.lambda_entry` then freezes what the
# import made and resumes it.
if os.environ.get("AWS_LAMBDA_RUNTIME_API"):
    gc.disable()
