#!/bin/sh
# Put Ecomap in this user's applications menu and on the command line; no administrator needed.
#
#   ./install.sh              run from the unpacked Ecomap folder, wherever you keep it
#   ./install.sh --uninstall  take the menu entry, file type, icon and command away again
#
# The folder stays where it is: move it, and run ./install.sh again from its new place.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
desktop=$data/applications/ecomap.desktop
mime=$data/mime/packages/ecomap.xml
icon=$data/icons/hicolor/256x256/apps/ecomap.png

refresh() {
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$data/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$data/applications" >/dev/null 2>&1 || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$data/icons/hicolor" >/dev/null 2>&1 || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$desktop" "$mime" "$icon"
    if [ -L "$bin/ecomap" ]; then rm -f "$bin/ecomap"; fi
    refresh
    echo "Ecomap is no longer in the menu. Delete the folder $here to remove it entirely."
    exit 0
fi

if [ ! -x "$here/Ecomap" ] || [ ! -x "$here/ecomap" ]; then
    echo "install.sh: run me from the Ecomap folder (beside the Ecomap program)." >&2
    exit 1
fi
case $here in
    *[\"\`\$\\%]* | *"
"*)
        echo "install.sh: the folder's path ($here) holds a character a menu entry cannot" \
             "hold (\" \` \$ \\ %); move the folder and run me again." >&2
        exit 1 ;;
esac

mkdir -p "$data/applications" "$data/mime/packages" "$(dirname "$icon")" "$bin"
awk -v exe="$here/Ecomap" '
    /^Exec=/ { print "Exec=\"" exe "\" %f"; next }
    /^TryExec=/ { print "TryExec=" exe; next }
    { print }' "$here/ecomap.desktop" > "$desktop.part"
mv "$desktop.part" "$desktop"
cp "$here/ecomap-mime.xml" "$mime"
cp "$here/ecomap.png" "$icon"
ln -sfn "$here/ecomap" "$bin/ecomap"
refresh

echo "Ecomap is in your applications menu, and .ecomap files open with it."
echo "The command line is $bin/ecomap (try: ecomap --help)."
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "Add $bin to your PATH to type 'ecomap' anywhere." ;;
esac
