#!/bin/sh
# Packs the bundle of 'make package' into dist/popup-pos-VERSION-linux-ARCH.tar.gz, with the
# menu entry, the icon, install.sh (a per-user install: no root needed on a manager's laptop) and
# the udev rule for USB printers (installed by root, once: see packaging/linux/README.md).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
bundle="$root/dist/popup-pos"
if [ ! -x "$bundle/popup-pos" ]; then
    echo "build-tarball: $bundle/popup-pos is missing: run 'make package' first." >&2
    exit 1
fi
version=$("$bundle/popup-pos" --version | cut -d' ' -f2)
name="popup-pos-$version-linux-$(uname -m)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp -a "$bundle" "$stage/$name/popup-pos"
cp "$root/packaging/linux/popup-pos.desktop" "$root/packaging/linux/install.sh" \
    "$root/packaging/linux/99-popup-pos-printers.rules" \
    "$root/resources/icons/popup-pos.svg" "$root/resources/icons/popup-pos.png" "$stage/$name/"
tar -C "$stage" -czf "$root/dist/$name.tar.gz" "$name"
echo "dist/$name.tar.gz ($(du -h "$root/dist/$name.tar.gz" | cut -f1))"
