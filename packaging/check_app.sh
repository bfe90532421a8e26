#!/usr/bin/env bash
# Check the built app the way an L&D lead's computer runs it: no Python anywhere, an empty
# environment, and the folder unpacked somewhere it was not built.
#
#   packaging/check_app.sh [dist/Ecomap]        (make check-app)
#
# Linux only. Needs Xvfb (apt-get install xvfb libxcb-cursor0; x11-utils and poppler-utils make
# the checks more thorough). As root it runs the app in a private mount namespace where every
# Python installation, virtual environment and this source tree are covered by empty folders;
# otherwise (or with ECOMAP_CHECK_NO_HIDING=1) it only keeps Python off the PATH, and says so.
#
# With `env -i` and a PATH that holds no python, it runs:
#   ecomap --help
#   ecomap import SAMPLE.json MAP.ecomap      (creates the file: Alembic's migrations run)
#   ecomap info MAP.ecomap
#   ecomap export MAP.ecomap map.pdf / map.png (exporters found by entry point; shipped fonts)
#   ecomap report MAP.ecomap report.pdf        (matplotlib's charts)
#   ecomap new NEW.ecomap                      (a fresh file from the shipped schema)
#   ecomap export/import .xlsx and .graphml    (the spreadsheet reader, safe XML)
#   Ecomap MAP.ecomap --screenshot shot.png    (a real X11 window on the Xvfb screen)
#   Ecomap MAP.ecomap                          (started as a user would; its window must appear)
# and checks what each wrote. The files stay in $ECOMAP_CHECK_OUT if that is set.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
built=$(cd "${1:-$root/dist/Ecomap}" && pwd)
sample=${ECOMAP_CHECK_SAMPLE:-$root/sample_maps/lecture_cane_toad.json}
name=$(grep -m1 '"name"' "$sample" | cut -d'"' -f4)  # the map's name, shown once it is open

fail() { echo "check_app: FAILED: $*" >&2; exit 1; }
say() { echo "check_app: $*"; }

[ -x "$built/Ecomap" ] && [ -x "$built/ecomap" ] ||
    fail "no Ecomap and ecomap programs in $built (make app)"
command -v Xvfb >/dev/null || fail "Xvfb is needed (apt-get install xvfb libxcb-cursor0)"

tmp=$(mktemp -d /tmp/ecomap-check.XXXXXX)
xvfb_pid=
cleanup() {
    if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
    if [ -n "${ECOMAP_CHECK_OUT:-}" ] && [ -d "$tmp/work" ]; then
        mkdir -p "$ECOMAP_CHECK_OUT"
        cp "$tmp"/work/* "$ECOMAP_CHECK_OUT"/ 2>/dev/null || true
        echo "check_app: what the app wrote is in $ECOMAP_CHECK_OUT"
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

# The folder as a user has it: copied somewhere new, with a sample map beside it.
say "copying $built to $tmp/Ecomap"
cp -a "$built" "$tmp/Ecomap"
mkdir -p "$tmp/bin" "$tmp/home" "$tmp/work"
cp "$sample" "$tmp/work/sample.json"

# A screen of our own.
for n in $(seq 91 120); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=":$n"; break; fi
done
[ -n "${display:-}" ] || fail "no free X display number"
Xvfb "$display" -screen 0 1920x1200x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.2; done
[ -e "/tmp/.X11-unix/X${display#:}" ] || fail "Xvfb did not start: $(cat "$tmp/xvfb.log")"

# Every Python this machine has, and where the app came from: covered inside the namespace.
python_dirs() {
    local d
    for d in /usr/lib/python* /usr/local/lib/python* /opt/python* /opt/conda "${PYENV_ROOT:-}" \
             "$HOME/.pyenv" /root/.pyenv "$root"; do
        if [ -n "$d" ] && [ -d "$d" ]; then echo "$d"; fi
    done
    if command -v python3 >/dev/null; then
        python3 -c 'import sys; print(sys.base_prefix); print(sys.prefix)' 2>/dev/null |
            grep -v '^/usr$' || true
    fi
}
python_programs() {
    local f
    for f in /usr/bin/python* /usr/local/bin/python* /bin/python*; do
        if [ -e "$f" ] && [ ! -d "$f" ]; then readlink -f "$f"; fi
    done | sort -u
}

# Runs inside the namespace (or plainly, when not root): every check on the copied app.
run_checks() {
    local tmp=$1 display=$2 hidden=$3 name=$4
    local app=$tmp/Ecomap work=$tmp/work
    say() { echo "check_app: $*"; }
    fail() { echo "check_app: FAILED: $*" >&2; exit 1; }
    # env -i: nothing from this shell; PATH: an empty folder, so no python to be found.
    bare() { env -i PATH="$tmp/bin" HOME="$tmp/home" "$@"; }
    # The same, for a program started in the background: exec makes $! the program itself,
    # not a subshell around it, so `kill $!` ends the program (and lets go of its map).
    bare_behind() { exec env -i PATH="$tmp/bin" HOME="$tmp/home" "$@"; }

    if bare /bin/sh -c 'command -v python3 || command -v python'; then
        fail "a python is on the PATH the app runs with"
    fi
    say "no python on the PATH the app runs with (command -v python3 finds nothing)"
    if [ "$hidden" = yes ]; then
        for exe in /usr/bin/python3 /usr/local/bin/python3; do
            if [ -e "$exe" ] && "$exe" -c pass 2>/dev/null; then fail "$exe still runs"; fi
        done
        say "every Python installation on this machine and the source tree are hidden"
    fi

    bare "$app/ecomap" --help >"$work/help.txt" || fail "ecomap --help"
    grep -q "export" "$work/help.txt" || fail "ecomap --help does not list export"
    say "ecomap --help: $(grep -c . "$work/help.txt") lines"

    bare "$app/ecomap" import "$work/sample.json" "$work/map.ecomap" >"$work/import.txt" 2>&1 ||
        fail "ecomap import: $(cat "$work/import.txt")"
    say "ecomap import: $(head -n1 "$work/import.txt")"
    bare "$app/ecomap" info "$work/map.ecomap" >"$work/info.txt" 2>&1 ||
        fail "ecomap info: $(cat "$work/info.txt")"
    say "ecomap info: $(tr '\n' ' ' <"$work/info.txt" | cut -c1-150)"

    bare "$app/ecomap" export "$work/map.ecomap" "$work/map.pdf" >"$work/export.txt" 2>&1 ||
        fail "ecomap export to PDF: $(cat "$work/export.txt")"
    bare "$app/ecomap" export "$work/sample.json" "$work/map.png" >>"$work/export.txt" 2>&1 ||
        fail "ecomap export to PNG: $(cat "$work/export.txt")"
    bare "$app/ecomap" report "$work/map.ecomap" "$work/report.pdf" >"$work/report.txt" 2>&1 ||
        fail "ecomap report: $(cat "$work/report.txt")"
    say "ecomap export (.pdf, .png) and report (.pdf) finished"

    bare "$app/ecomap" new "$work/new.ecomap" --name "Fresh map" >"$work/new.txt" 2>&1 ||
        fail "ecomap new: $(cat "$work/new.txt")"
    for format in xlsx graphml; do
        bare "$app/ecomap" export "$work/map.ecomap" "$work/map.$format" >"$work/out.txt" 2>&1 ||
            fail "ecomap export to .$format: $(cat "$work/out.txt")"
        bare "$app/ecomap" import "$work/map.$format" "$work/from-$format.ecomap" \
            >"$work/in.txt" 2>&1 || fail "ecomap import of .$format: $(cat "$work/in.txt")"
    done
    say "ecomap new, and a map out to .xlsx and .graphml and back in, finished"

    # The window: a picture of it on the X server, through Qt's xcb platform (not offscreen).
    bare DISPLAY="$display" QT_QPA_PLATFORM=xcb "$app/Ecomap" "$work/map.ecomap" \
        --screenshot "$work/shot.png" --size 1600x1000 >"$work/shot.txt" 2>&1 ||
        fail "Ecomap --screenshot: $(cat "$work/shot.txt")"
    say "Ecomap --screenshot finished"

    # Started as a user starts it: its main window must show up on the screen, and stay.
    bare_behind DISPLAY="$display" "$app/Ecomap" "$work/map.ecomap" >"$work/window.txt" 2>&1 &
    local pid=$! window=""
    for _ in $(seq 60); do
        kill -0 "$pid" 2>/dev/null || fail "Ecomap quit: $(cat "$work/window.txt")"
        if command -v xwininfo >/dev/null; then
            # e.g.  0x200007 "Acme — Ecomap": ("Ecomap" "Ecomap")  1400x900+0+0  +0+0
            window=$(xwininfo -display "$display" -root -tree 2>/dev/null |
                     grep -F "$name" |
                     grep -E '^ *0x[0-9a-f]+ ".+": \("[^"]*" "Ecomap"\) +[0-9]{3,}x[0-9]{3,}' |
                     sed -E 's/^ +//; s/ +\+[0-9]+\+[0-9]+ *$//' | head -n1 || true)
            [ -n "$window" ] && break
        fi
        sleep 0.5
    done
    if command -v xwininfo >/dev/null; then
        [ -n "$window" ] || fail "no Ecomap window showing \"$name\" appeared within 30 s"
        say "Ecomap opened its window: ${window#* }"
        if command -v xprop >/dev/null; then
            xprop -display "$display" -len 4000000 -id "${window%% *}" _NET_WM_ICON 2>/dev/null |
                grep -o 'Icon ([0-9]* x [0-9]*)' >"$work/icons.txt" || true
            [ -s "$work/icons.txt" ] || fail "the window has no icon (resources/icons not found?)"
            say "its window icon: $(tr '\n' ' ' <"$work/icons.txt")"
        fi
        sleep 2
        kill -0 "$pid" 2>/dev/null || fail "Ecomap quit after opening: $(cat "$work/window.txt")"
    else
        kill -0 "$pid" 2>/dev/null || fail "Ecomap quit: $(cat "$work/window.txt")"
        say "Ecomap still running after 30 s (install x11-utils to see its window too)"
    fi
    xwininfo -display "$display" -root -tree >"$work/windows.txt" 2>&1 || true
    kill "$pid"
    wait "$pid" 2>/dev/null || true

    # A workshop: the room's page served by the built app (aiohttp, segno, the page's files).
    # (the same map: the window before must have let go of it)
    bare_behind DISPLAY="$display" "$app/Ecomap" "$work/map.ecomap" --present --invite-room \
        --bind 127.0.0.1 >"$work/room.txt" 2>"$work/room-errors.txt" &
    pid=$!
    local address=""
    for _ in $(seq 60); do
        kill -0 "$pid" 2>/dev/null || fail "Ecomap --invite-room quit: $(cat "$work/room-errors.txt")"
        address=$(head -n1 "$work/room.txt")
        [ -n "$address" ] && break
        sleep 0.5
    done
    [ -n "$address" ] || fail "Ecomap --invite-room printed no address within 30 s"
    if command -v curl >/dev/null; then
        curl -fsS "$address" >"$work/room-page.html" || fail "the room's page did not load"
        grep -q "Build the map together" "$work/room-page.html" ||
            fail "the room's page is not the phone page"
        local wrong="${address%/*/}/not-the-token/"
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$wrong")" = 404 ] ||
            fail "a wrong token was not answered with 404"
        say "the room's page loads from $address (a wrong token: 404)"
    else
        say "the room was invited at $address (install curl to load its page too)"
    fi
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    if grep -l "Traceback" "$work"/*.txt; then fail "a traceback in the files above"; fi
}

hidden=no
if [ -z "${ECOMAP_CHECK_NO_HIDING:-}" ] && [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
    hidden=yes
    # Outermost folders only: covering one hides what is inside it.
    dirs=$(python_dirs | sort -u | awk 'kept == "" || index($0, kept "/") != 1 {print; kept = $0}')
    programs=$(python_programs)
    say "hiding" $dirs $programs
    mounts=""
    for d in $dirs; do mounts+="mount -t tmpfs -o ro,size=4k none '$d'; "; done
    for f in $programs; do mounts+="mount --bind /dev/null '$f'; "; done
    unshare -m bash -c "set -euo pipefail; mount --make-rprivate /; $mounts
        $(declare -f run_checks); run_checks $(printf '%q ' "$tmp" "$display" yes "$name")"
else
    say "not root, no mount namespaces or ECOMAP_CHECK_NO_HIDING set: Python is kept off the PATH" \
        "but not hidden"
    run_checks "$tmp" "$display" no "$name"
fi

# What the app wrote, looked at from outside.
work=$tmp/work
check_file() {  # FILE MAGIC MIN_BYTES
    [ -f "$1" ] || fail "$(basename "$1") was not written"
    [ "$(head -c "${#2}" "$1")" = "$2" ] || fail "$(basename "$1") is not a ${2//[^A-Za-z]/} file"
    local size
    size=$(stat -c %s "$1")
    [ "$size" -ge "$3" ] || fail "$(basename "$1") is only $size bytes"
    say "$(basename "$1"): $size bytes${4:+, $4}"
}
png_size() {  # width x height, from the PNG's IHDR chunk
    od -An -tu1 -j16 -N8 "$1" |
        awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}'
}
pdf_about() {
    if command -v pdfinfo >/dev/null; then
        echo "$(pdfinfo "$1" | awk '/^Pages:/ {print $2}') pages"
    fi
}
check_file "$work/map.pdf" "%PDF-" 20000 "$(pdf_about "$work/map.pdf")"
check_file "$work/report.pdf" "%PDF-" 20000 "$(pdf_about "$work/report.pdf")"
check_file "$work/map.png" $'\x89PNG' 20000 "$(png_size "$work/map.png")"
check_file "$work/shot.png" $'\x89PNG' 50000 "$(png_size "$work/shot.png")"
[ "$(png_size "$work/shot.png")" = "1600x1000" ] || fail "shot.png is not 1600x1000"
if command -v pdftotext >/dev/null; then
    pdftotext "$work/map.pdf" "$work/map.txt"
    pdftotext "$work/report.pdf" "$work/report-text.txt"
    grep -qF "$name" "$work/map.txt" || fail "map.pdf does not show \"$name\""
    grep -qF "$name" "$work/report-text.txt" || fail "report.pdf does not name \"$name\""
    say "both PDFs show the map's name, \"$name\""
fi
if command -v pdffonts >/dev/null; then
    pdffonts "$work/map.pdf" | grep -q AtkinsonHyperlegible ||
        fail "map.pdf does not use the shipped Atkinson Hyperlegible font"
    say "map.pdf is set in the shipped Atkinson Hyperlegible font"
fi

# The Linux menu entry the folder carries, installed for a user of its own.
if command -v desktop-file-validate >/dev/null; then
    HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/.local/share" "$tmp/Ecomap/install.sh" >/dev/null
    entry=$tmp/home/.local/share/applications/ecomap.desktop
    desktop-file-validate "$entry" || fail "install.sh wrote an invalid $entry"
    grep -q "^Exec=\"$tmp/Ecomap/Ecomap\" %f$" "$entry" ||
        fail "install.sh: Exec is wrong in $entry"
    say "install.sh wrote a valid menu entry: $(grep '^Exec=' "$entry")"
fi

say "passed (Python hidden: $hidden)"
