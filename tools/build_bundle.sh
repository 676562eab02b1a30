#!/usr/bin/env bash
# Build the one-folder app bundle (dist/papertrail/) with PyInstaller, pack it as a .tar.gz, and
# check the FROZEN program: --version, a few commands, then the offscreen --selftest (main window
# on the demo case + a PDF with Chinese text).  CI runs this (.ci/run); so can you:
#
#   bash tools/build_bundle.sh                # uses $VIRTUAL_ENV, else ./.venv, else python3
#   PYTHON=/path/to/python bash tools/build_bundle.sh
#   PAPERTRAIL_ONEFILE=1 …                    # one-file build (dist/papertrail is then one file)
#   PAPERTRAIL_SKIP_BUILD=1 …                 # only re-run the checks on the existing dist/
#
# Exits non-zero if the build or any check fails.  See docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s (%ss)\n' "$*" "$SECONDS"; }
fail() { echo "build_bundle: $*" >&2; exit 1; }

if [ -n "${PYTHON:-}" ]; then
    py="$PYTHON"
elif [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/python" ]; then
    py="$VIRTUAL_ENV/bin/python"
elif [ -x .venv/bin/python ]; then
    py=.venv/bin/python
else
    py=python3
fi
"$py" -c 'import desktop_app' 2>/dev/null || fail "$py cannot import desktop_app: install the app first (pip install -e .)"

step "PyInstaller"
if ! "$py" -c 'import PyInstaller' 2>/dev/null; then
    "$py" -m pip install -q "pyinstaller>=6" || fail "could not install PyInstaller"
fi
"$py" -m PyInstaller --version

if [ "${PAPERTRAIL_SKIP_BUILD:-0}" = "0" ]; then
    step "build (pyinstaller --noconfirm build.spec)"
    build_start=$SECONDS
    "$py" -m PyInstaller --noconfirm --log-level WARN build.spec
    echo "build took $((SECONDS - build_start)) s"
fi

program=dist/papertrail/papertrail
if [ "${PAPERTRAIL_ONEFILE:-0}" != "0" ] && [ -n "${PAPERTRAIL_ONEFILE:-}" ]; then
    program=dist/papertrail
fi
[ -x "$program" ] || fail "$program was not built"

step "size"
du -sh dist/papertrail
version="$("$program" --version | awk '{print $NF}')"
[ -n "$version" ] || fail "$program --version printed nothing"
if [ -d dist/papertrail ]; then
    tarball="dist/papertrail-$version-linux-$(uname -m).tar.gz"
    tar -C dist -czf "$tarball" papertrail
    du -h "$tarball"
    echo "files: $(find dist/papertrail -type f | wc -l)"
fi
if command -v objdump >/dev/null 2>&1; then
    # The bundle runs only where glibc is at least this new (feasibility.md §6).
    glibc=$(find dist/papertrail -type f \( -name '*.so*' -o -name papertrail \) -exec objdump -T {} + 2>/dev/null \
        | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
    echo "needs glibc >= ${glibc#GLIBC_}"
    # libstdc++ comes from the system too (bundle_config.HOST_LIBS): this is the GCC runtime it must be.
    glibcxx=$(find dist/papertrail -type f \( -name '*.so*' -o -name papertrail \) -exec objdump -T {} + 2>/dev/null \
        | grep -o 'GLIBCXX_[0-9.]*' | sort -uV | tail -1 || true)
    echo "needs the system's libstdc++ with ${glibcxx:-no GLIBCXX}"
fi

if [ -d dist/papertrail ]; then
    step "link check (tools/check_bundle.py)"
    "$py" tools/check_bundle.py dist/papertrail || fail "the bundle misses a library (see above)"
fi

step "frozen commands"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export PAPERTRAIL_HOME="$scratch/data"
"$program" --help > "$scratch/help.txt" || fail "$program --help failed"
grep -q "cases" "$scratch/help.txt" || fail "$program --help lists no commands (hidden imports missing?)"
"$program" demo --json > "$scratch/demo.json" || fail "$program demo failed"
"$program" cases --json > "$scratch/cases.json" || fail "$program cases --json failed"
"$py" - "$scratch/demo.json" "$scratch/cases.json" <<'EOF' || fail "the frozen commands printed the wrong JSON"
import json, sys
demo = json.load(open(sys.argv[1]))
cases = json.load(open(sys.argv[2]))
assert isinstance(demo["id"], int), demo
assert any(c["id"] == demo["id"] and c["is_demo"] for c in cases), cases
print(f"demo case {demo['id']} listed among {len(cases)} case(s)")
EOF
# Importing frozen: a phone backup (SQLite) and call recordings (mutagen reads their length);
# the numbers get their place (归属地) from phonenumbers' geocoder data, which must be bundled.
"$program" new-case --title "Import check" --json > "$scratch/case.json" || fail "$program new-case failed"
import_case="$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$scratch/case.json")"
"$program" import "$import_case" tests/fixtures/imports/samples/huawei tests/fixtures/imports/samples/recordings/xiaomi \
    --json > "$scratch/import.json" || fail "$program import failed"
"$py" - "$scratch/import.json" <<'EOF' || fail "the frozen import listed the wrong numbers"
import json, sys
found = json.load(open(sys.argv[1]))
places = {n["key"]: n["location"] for n in found["found"]}
assert found["recordings"] >= 4 and found["records"] >= 7, found
assert places.get("+8617000001111") and places.get("+862160001234"), places
print(f"import listed {len(places)} numbers, {found['recordings']} recordings; places: "
      + ", ".join(sorted({p for p in places.values() if p})))
EOF
# The PDF path frozen: ReportLab, the bundled Noto fonts found through resource_path(), the
# catalogues.  Text is read back with pypdfium2 (a runtime dependency, so always in the venv).
demo_id="$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$scratch/demo.json")"
for lang in zh_CN zh_TW; do
    "$program" report "$demo_id" --lang "$lang" -o "$scratch/dossier-$lang.pdf" > /dev/null \
        || fail "$program report --lang $lang failed"
    "$py" - "$scratch/dossier-$lang.pdf" <<'EOF' || fail "the frozen app's $lang PDF has no Chinese text"
import sys
import pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
text = "".join(pdf[i].get_textpage().get_text_range() for i in range(min(3, len(pdf))))
cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
assert cjk >= 50, f"only {cjk} Chinese characters on the first pages"
print(f"{sys.argv[1].rsplit('/', 1)[-1]}: {len(pdf)} pages, {cjk} Chinese characters on the first 3")
EOF
    if command -v pdffonts >/dev/null 2>&1; then
        pdffonts "$scratch/dossier-$lang.pdf" | grep -q 'NotoSans.*yes' || fail "the $lang PDF does not embed the Noto fonts"
    fi
done
unset PAPERTRAIL_HOME

step "frozen --selftest (offscreen)"
selftest_start=$SECONDS
HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share" XDG_CONFIG_HOME="$scratch/home/.config" \
    QT_QPA_PLATFORM=offscreen timeout 180 "$program" --selftest \
    || fail "the frozen --selftest failed (exit $?)"
echo "selftest took $((SECONDS - selftest_start)) s"
step "bundle ok"
