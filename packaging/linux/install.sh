#!/usr/bin/env bash
# Add Paper Trail (留痕) to the applications menu of the current user (no root needed).
#
#   ./install.sh               from the unpacked bundle folder (beside the `papertrail` program),
#                              or from a source checkout after `pip install .` (papertrail on PATH)
#   ./install.sh --exec PATH   use this papertrail program instead of finding one
#   ./install.sh --uninstall   remove the menu entry and the icons again (your cases are kept)
#
# It writes only these files, under ${XDG_DATA_HOME:-~/.local/share}:
#   applications/org.papertrail.PaperTrail.desktop   (named after the app's desktopFileName, so
#                                                    GNOME and KDE match the open window to it)
#   icons/hicolor/<size>x<size>/apps/papertrail.png  (16 … 512) and icons/hicolor/scalable/apps/papertrail.svg
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi  # started as `sh install.sh`
set -euo pipefail

APP_ID="org.papertrail.PaperTrail"
ICON_NAME="papertrail"
SIZES="16 24 32 48 64 128 256 512"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
apps_dir="$data_home/applications"
icons_dir="$data_home/icons/hicolor"
launcher="$apps_dir/$APP_ID.desktop"

die() { echo "install.sh: $*" >&2; exit 1; }

usage() { sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

refresh_caches() {
    # Menus pick the change up by themselves on most desktops; these make it immediate.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$apps_dir" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons_dir/index.theme" ]; then
        gtk-update-icon-cache -q -f -t "$icons_dir" 2>/dev/null || true
    fi
    touch "$icons_dir" 2>/dev/null || true
}

uninstall() {
    rm -f "$launcher"
    for size in $SIZES; do
        rm -f "$icons_dir/${size}x${size}/apps/$ICON_NAME.png"
    done
    rm -f "$icons_dir/scalable/apps/$ICON_NAME.svg"
    refresh_caches
    echo "Removed Paper Trail from the applications menu. Your case files were not touched."
}

exec_path=""
mode="install"
while [ $# -gt 0 ]; do
    case "$1" in
        --uninstall) mode="uninstall" ;;
        --exec) [ $# -ge 2 ] || die "--exec needs the path of the papertrail program"; exec_path="$2"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown option '$1' (try --help)" ;;
    esac
    shift
done

if [ "$mode" = "uninstall" ]; then
    uninstall
    exit 0
fi

# Which program to start: the one given, the bundle's (this script sits beside it), or the
# papertrail on PATH (pip install).
if [ -z "$exec_path" ]; then
    if [ -x "$here/papertrail" ] && [ -f "$here/papertrail" ]; then
        exec_path="$here/papertrail"
    elif command -v papertrail >/dev/null 2>&1; then
        exec_path="$(command -v papertrail)"
    else
        die "no papertrail program found: run this from the unpacked Paper Trail folder, or install the app first (pip install .), or pass --exec PATH"
    fi
fi
[ -f "$exec_path" ] && [ -x "$exec_path" ] || die "'$exec_path' is not an executable file"
exec_path="$(cd "$(dirname "$exec_path")" && pwd)/$(basename "$exec_path")"
case "$exec_path" in
    *[\"\`\$\\]*|*$'\n'*) die "the path '$exec_path' has a character a menu entry cannot hold (\" \` \$ \\); move the folder and try again" ;;
esac

# Where the icons and the .desktop template are: in a bundle, the template sits beside this
# script and the icons in _internal/resources/icons; in a checkout, under packaging/linux and resources/icons.
template=""
for candidate in "$here/papertrail.desktop" "$here/packaging/linux/papertrail.desktop"; do
    [ -f "$candidate" ] && { template="$candidate"; break; }
done
[ -n "$template" ] || die "papertrail.desktop is missing beside install.sh"
icon_src=""
for candidate in "$here/_internal/resources/icons" "$here/resources/icons" "$here/../../resources/icons"; do
    [ -f "$candidate/app.svg" ] && { icon_src="$(cd "$candidate" && pwd)"; break; }
done
[ -n "$icon_src" ] || die "the icons (resources/icons/app.svg) are missing"

for size in $SIZES; do
    [ -f "$icon_src/app-$size.png" ] || die "icon $icon_src/app-$size.png is missing"
    mkdir -p "$icons_dir/${size}x${size}/apps"
    cp -f "$icon_src/app-$size.png" "$icons_dir/${size}x${size}/apps/$ICON_NAME.png"
done
mkdir -p "$icons_dir/scalable/apps"
cp -f "$icon_src/app.svg" "$icons_dir/scalable/apps/$ICON_NAME.svg"

# The desktop entry, with Exec/TryExec pointing at this program.  Quoted, because a path may
# hold spaces; "%" must be doubled in Exec (it starts a field code there).
quoted="\"${exec_path//%/%%}\""
mkdir -p "$apps_dir"
tmp="$(mktemp "$apps_dir/.papertrail.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
        TryExec=*) printf 'TryExec=%s\n' "$exec_path" ;;
        Exec=*) printf 'Exec=%s%s\n' "$quoted" "${line#Exec=papertrail}" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$template" > "$tmp"
chmod 644 "$tmp"
mv -f "$tmp" "$launcher"
trap - EXIT
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$launcher" || die "the menu entry $launcher did not validate"
fi
refresh_caches
echo "Added Paper Trail to the applications menu ($launcher), starting $exec_path."
