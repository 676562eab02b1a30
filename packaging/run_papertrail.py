"""PyInstaller's entry script for the `papertrail` executable (GUI, and every command too).

It only hands over to the package: an absolute import, because PyInstaller runs this file as a
top-level script, where a relative import has no package to be relative to.
"""

import multiprocessing
import sys

from desktop_app.app import main

if __name__ == "__main__":
    # A frozen app re-executes itself for multiprocessing children (Windows/macOS "spawn");
    # without this each child would open another window.  Harmless when nothing uses it.
    multiprocessing.freeze_support()
    sys.exit(main())
