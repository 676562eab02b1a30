"""Check a built bundle's shared libraries: every library a bundled file links to is either in
the bundle or one the system is expected to provide (packaging/bundle_config.py SYSTEM_LIBS).

    python tools/check_bundle.py [dist/papertrail]

Why: build.spec filters Qt plugins and libraries by name, and a wrong filter does not fail the
build — it fails later, on a user's machine, when e.g. the FFmpeg audio plugin cannot load
because a QtQuick library it links to was left out.  Exit 1 names each such library.
Also prints the biggest parts of the bundle and the system libraries it relies on.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _config():
    spec = importlib.util.spec_from_file_location("bundle_config", ROOT / "packaging" / "bundle_config.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(bundle: Path) -> int:
    cfg = _config()
    if not shutil.which("readelf"):
        print("check_bundle: readelf (binutils) is missing; link check skipped")
        return 0
    names = {p.name for p in bundle.rglob("*") if p.exists()}  # a dangling symlink provides nothing
    missing: dict[str, list[str]] = defaultdict(list)
    from_system: dict[str, int] = defaultdict(int)
    elf_count = 0
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        needed = cfg.elf_needed(str(path))
        if needed is None:
            continue
        elf_count += 1
        for lib in needed:
            if lib in names:
                continue
            if cfg.is_system_lib(lib):
                from_system[lib] += 1
            else:
                missing[lib].append(str(path.relative_to(bundle)))

    sizes: dict[str, int] = defaultdict(int)
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            rel = path.relative_to(bundle).parts
            key = "/".join(rel[:3]) if rel[:2] == ("_internal", "PySide6") else "/".join(rel[:2])
            sizes[key] += path.stat().st_size
    print(f"{elf_count} ELF files; biggest parts:")
    for key, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {size / 2**20:6.1f} MiB  {key}")
    print("from the system: " + ", ".join(sorted(from_system)))
    if missing:
        for lib, users in sorted(missing.items()):
            print(f"check_bundle: {lib} is needed by {', '.join(users[:3])} but is neither bundled nor a "
                  "system library (bundle_config.SYSTEM_LIBS)", file=sys.stderr)
        return 1
    print("link check ok: every library is bundled or a system one")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / "papertrail")
    args = parser.parse_args(argv)
    if not args.bundle.is_dir():
        print(f"check_bundle: {args.bundle} is not a bundle folder", file=sys.stderr)
        return 2
    return check(args.bundle)


if __name__ == "__main__":
    sys.exit(main())
