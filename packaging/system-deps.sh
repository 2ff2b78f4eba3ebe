#!/usr/bin/env bash
# Installs the Debian libraries that Qt (offscreen and under Xvfb), QtMultimedia,
# USB receipt printers (libusb, for pyusb), the PostgreSQL-backed hub tests and the event page's
# browser tests (headless chromium and its driver) need,
# but only those that are missing, and only when run as root on a Debian-like
# system. Elsewhere it says what to install.
set -euo pipefail

packages=(
    libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
    libxcb-render-util0 libxcb-image0 libpulse0 xvfb xauth fonts-dejavu-core libusb-1.0-0
    postgresql poppler-utils chromium chromium-driver
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "system-deps: missing ${missing[*]}; install them with your package manager (Debian: apt-get install -y ${missing[*]})." >&2
    exit 0
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
