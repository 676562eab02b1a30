"""The entry point `papertrail`: a subcommand runs on the command line, none opens the app.

This module stays tiny so that `papertrail --help` and every command start fast; the GUI
(and Qt) is imported only when the app is opened.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from desktop_app.cli.main import main as cli_main

    return cli_main(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
