"""Make the static fonts in resources/fonts from their OFL sources on PyPI.

ReportLab embeds only TrueType (glyf) outlines and, for a variable font, only its default
master (Thin for Noto CJK), so we instance the variable Noto fonts at wght=400 once and
commit the result.  Run from the repository root:

    pip download --no-deps justmytype-intl-cjk manimgx-fonts -d /tmp/fontsrc
    python tools/make_fonts.py /tmp/fontsrc

Needs fonttools (dev only; the app does not import it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts"

# (wheel name prefix, member path inside the wheel, output file)
SOURCES = [
    ("justmytype_intl_cjk", "justmytype_intl_cjk/fonts/ofl/notosanssc/NotoSansSC[wght].ttf",
     "NotoSansSC-Regular.ttf"),
    ("justmytype_intl_cjk", "justmytype_intl_cjk/fonts/ofl/notosanstc/NotoSansTC[wght].ttf",
     "NotoSansTC-Regular.ttf"),
    ("manimgx_fonts", "manimgx_fonts/NotoEmoji[wght].ttf", "NotoEmoji-Regular.ttf"),
    ("manimgx_fonts", "manimgx_fonts/NotoSansSymbols[wght].ttf", "NotoSansSymbols-Regular.ttf"),
]
LICENCE = ("justmytype_intl_cjk", "justmytype_intl_cjk/fonts/ofl/notosanssc/OFL.txt", "OFL.txt")


def _wheel(src_dir: Path, prefix: str) -> zipfile.ZipFile:
    matches = sorted(src_dir.glob(f"{prefix}-*.whl"))
    if not matches:
        sys.exit(f"make_fonts: no {prefix}-*.whl in {src_dir}")
    return zipfile.ZipFile(matches[-1])


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    src_dir = Path(argv[1])
    work = src_dir / "extracted"
    work.mkdir(exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    for prefix, member, out_name in SOURCES:
        variable = Path(_wheel(src_dir, prefix).extract(member, work))
        out = OUT / out_name
        subprocess.run(
            [sys.executable, "-m", "fontTools.varLib.instancer", str(variable), "wght=400",
             "--update-name-table", "-o", str(out)],
            check=True,
        )
        print(f"{out_name}: {out.stat().st_size / 1e6:.1f} MB")
    prefix, member, out_name = LICENCE
    with _wheel(src_dir, prefix).open(member) as fh, open(OUT / out_name, "wb") as dst:
        shutil.copyfileobj(fh, dst)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
