#!/bin/sh
# Builds dist/Pop-up_POS-VERSION-ARCH.AppImage from the bundle of 'make package'.
# It lays out build/AppDir (AppRun, the desktop entry, the icon, the bundle under usr/lib),
# then runs appimagetool, which is not in Debian: put it on PATH first (see README.md here).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
bundle="$root/dist/popup-pos"
if [ ! -x "$bundle/popup-pos" ]; then
    echo "build-appimage: $bundle/popup-pos is missing: run 'make package' first." >&2
    exit 1
fi
version=$("$bundle/popup-pos" --version | cut -d' ' -f2)
arch=$(uname -m)
appdir="$root/build/AppDir"
rm -rf "$appdir"
mkdir -p "$appdir/usr/lib" "$appdir/usr/share/applications" "$appdir/usr/share/icons/hicolor/scalable/apps"
cp -a "$bundle" "$appdir/usr/lib/popup-pos"
cp "$root/packaging/linux/popup-pos.desktop" "$appdir/popup-pos.desktop"
cp "$root/packaging/linux/popup-pos.desktop" "$appdir/usr/share/applications/popup-pos.desktop"
cp "$root/resources/icons/popup-pos.svg" "$appdir/popup-pos.svg"
cp "$root/resources/icons/popup-pos.svg" "$appdir/usr/share/icons/hicolor/scalable/apps/popup-pos.svg"
ln -s popup-pos.svg "$appdir/.DirIcon"
# AppRun runs popup-hub when the AppImage is started through a link named popup-hub.
cat > "$appdir/AppRun" <<'APPRUN'
#!/bin/sh
here=$(dirname "$(readlink -f "$0")")
case "$(basename "${ARGV0:-$0}")" in
    popup-hub*) exec "$here/usr/lib/popup-pos/popup-hub" "$@" ;;
    *) exec "$here/usr/lib/popup-pos/popup-pos" "$@" ;;
esac
APPRUN
chmod +x "$appdir/AppRun"
if ! command -v appimagetool >/dev/null; then
    echo "build-appimage: $appdir is ready, but appimagetool is not on PATH (see packaging/linux/README.md)." >&2
    exit 1
fi
ARCH="$arch" appimagetool "$appdir" "$root/dist/Pop-up_POS-$version-$arch.AppImage"
echo "dist/Pop-up_POS-$version-$arch.AppImage"
