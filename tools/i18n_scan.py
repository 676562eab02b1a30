"""List the translatable messages in the code and which catalogue entries are missing.

A message is a string literal passed to `_()`, `N_()` or `ngettext()` (first two arguments), or
`pgettext(context, msgid)`, whose catalogue key is "context|msgid".
Used by tests/core/test_i18n.py, and by hand:

    python tools/i18n_scan.py [PATH_PREFIX]     # print missing msgids as TOML stubs
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKERS = {"_", "N_", "ngettext", "pgettext"}


def messages(root: Path = ROOT / "desktop_app") -> dict[str, list[str]]:
    """{msgid: ["path:line", ...]}"""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name not in MARKERS:
                continue
            if name == "pgettext":
                context, msgid = (node.args + [None, None])[:2]
                if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in (context, msgid)):
                    found.setdefault(f"{context.value}|{msgid.value}", []).append(
                        f"{path.relative_to(ROOT)}:{node.lineno}")
                continue
            count = 2 if name == "ngettext" else 1
            for arg in node.args[:count]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.setdefault(arg.value, []).append(where)
    return found


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from desktop_app.core.i18n import catalogue_entries

    prefix = argv[1] if len(argv) > 1 else ""
    have = catalogue_entries()
    for msgid, places in messages().items():
        if msgid in have or not any(p.startswith(prefix) for p in places):
            continue
        escaped = msgid.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        print(f'# {places[0]}\n["{escaped}"]\nzh_CN = ""\nzh_TW = ""\n')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
