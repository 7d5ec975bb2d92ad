"""The ``workbench`` command line: the program's composition root.

Every command takes ``-p/--project`` (default: ``$WORKBENCH_PROJECT`` or the
default project in the user's data folder, created and seeded with the sample
article on first use).  Errors are one line on stderr and exit status 1.

``base`` is the frame (the group, the project option, printing); each other
module holds one group of commands and registers them on ``base.cli`` when this
package loads.  Only these modules reach ``exports`` and ``ui``, inside the
commands that need them.
"""

from workbench.cli import (  # noqa: F401  (each registers its commands)
    brief,
    documents,
    exporting,
    identity,
    passages,
    project,
    team,
    window,
)
from workbench.cli.base import cli, emit_json, emit_json_items, main, say

__all__ = ["cli", "emit_json", "emit_json_items", "main", "say"]
