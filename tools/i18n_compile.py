"""Write resources/i18n/catalogue.json from the TOML catalogues beside it.

The app reads the JSON file at startup (1 ms instead of 28 ms for parsing TOML) when its
fingerprint matches the TOML files, and falls back to the TOML otherwise, so a stale file is
never used; tests/core/test_i18n.py fails until this has been run after a catalogue change.

    python tools/i18n_compile.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.core.i18n import COMPILED, catalogue_sources, fingerprint, parse_catalogues  # noqa: E402
from desktop_app.core.paths import resource_path  # noqa: E402


def compiled_text(folder: Path) -> str:
    sources = catalogue_sources(folder)
    data = {"fingerprint": fingerprint(sources), "messages": parse_catalogues(sources)}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def main() -> int:
    folder = resource_path("i18n")
    target = folder / COMPILED
    tmp = target.with_suffix(".tmp")
    tmp.write_text(compiled_text(folder), "utf-8")
    tmp.replace(target)
    print(f"wrote {target} ({target.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
