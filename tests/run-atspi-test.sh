#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run an AT-SPI test script on its own private D-Bus session bus.
#
# Usage: run-atspi-test.sh SCRIPT.py [ARGUMENT...]
#
# The session bus activates the accessibility bus and at-spi2-registryd,
# which inherit the bus's stdout, and the registry daemon prints a line
# there that meson would parse as TAP. So the original stdout moves to
# file descriptor 3, which carries only the script's TAP output, and
# everything else writes to stderr.

set -eu

exec 3>&1 1>&2
exec dbus-run-session -- /usr/bin/python3 "$@" --tap-fd 3
