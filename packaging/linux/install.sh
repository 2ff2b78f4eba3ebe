#!/bin/sh
# Installs Pop-up POS for this user: the program in ~/.local/opt/popup-pos, the commands
# popup-pos and popup-hub in ~/.local/bin, the menu entry and the icon in ~/.local/share.
# Run it again from a newer tarball to update (close Pop-up POS first). The till's data
# (~/.local/share/popup-pos) is never touched. PREFIX=/opt/... installs elsewhere.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix="${PREFIX:-$HOME/.local}"
icons="$prefix/share/icons/hicolor"
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share/applications" "$icons/scalable/apps" "$icons/256x256/apps"
rm -rf "$prefix/opt/popup-pos"
cp -a "$here/popup-pos" "$prefix/opt/popup-pos"
ln -sf "$prefix/opt/popup-pos/popup-pos" "$prefix/bin/popup-pos"
ln -sf "$prefix/opt/popup-pos/popup-hub" "$prefix/bin/popup-hub"
cp "$here/popup-pos.svg" "$icons/scalable/apps/popup-pos.svg"
cp "$here/popup-pos.png" "$icons/256x256/apps/popup-pos.png"
sed "s|^Exec=popup-pos|Exec=$prefix/opt/popup-pos/popup-pos|" "$here/popup-pos.desktop" \
    > "$prefix/share/applications/popup-pos.desktop"
echo "Pop-up POS is installed: start it from the applications menu, or run $prefix/bin/popup-pos."
if [ -f "$here/99-popup-pos-printers.rules" ]; then
    echo "For a USB receipt printer, a root user installs $here/99-popup-pos-printers.rules once:"
    echo "  sudo cp $here/99-popup-pos-printers.rules /etc/udev/rules.d/ && sudo udevadm control --reload-rules"
    echo '  sudo usermod -aG lp $USER   (then log out and in again)'
fi
