"""PyInstaller's entry script for the `papertrail` executable (GUI, and every command too).

It only hands over to the package: an absolute import, because PyInstaller runs this file as a
top-level script, where a relative import has no package to be relative to.  No
multiprocessing.freeze_support(): the app uses threads, and the bundle leaves multiprocessing out
(packaging/bundle_config.py PY_EXCLUDES).
"""

import sys

from desktop_app.app import main

if __name__ == "__main__":
    sys.exit(main())
