#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Check that the Debian 12 packages for building and testing Roster are
# installed. Run as root, it installs the missing ones with apt-get. Run as
# another user, it prints the apt-get command to run and exits with 1.

set -euo pipefail

packages=(
  # Compiler and build tools
  gcc
  libc6-dev
  meson
  ninja-build
  pkg-config
  gettext
  # Libraries
  libgtk-4-dev
  libadwaita-1-dev
  libsoup-3.0-dev
  libjson-glib-dev
  libsecret-1-dev
  libgnutls28-dev
  # The SVG loader of gdk-pixbuf, for the demo tenant's member pictures
  librsvg2-common
  # Validators for the desktop file and the metainfo
  desktop-file-utils
  appstream
  # Headless test session: X server, D-Bus, accessibility, keyring
  xvfb
  xauth
  x11-utils
  dbus
  at-spi2-core
  gnome-keyring
  libsecret-tools
  python3-gi
  gir1.2-atspi-2.0
  valgrind
)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-deps.sh: dpkg-query not found, so this is not a Debian system." >&2
  echo "Install the equivalents of these Debian packages yourself: ${packages[*]}" >&2
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query --show --showformat='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
  if [[ "$status" != ii* ]]; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps.sh: missing Debian packages: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "install-deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
