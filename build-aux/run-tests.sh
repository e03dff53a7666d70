#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build Roster in ./build-tests and run the whole test suite headless: one
# Xvfb display and one private D-Bus session bus for all tests. The last
# line printed is the summary "N passed, N failed" (", N skipped" may
# follow). The exit status is non-zero when anything failed.
#
# Usage: build-aux/run-tests.sh [MESON-TEST-OPTION...]
# Options pass through to meson test, for example --suite data.
# NOTE: with --setup NAME meson writes testlog-NAME.json, which this script
# does not read, so the summary then reports a missing log.

set -euo pipefail

cd "$(dirname "$0")/.."

build_dir=build-tests
test_log="$build_dir/meson-logs/testlog.json"

build-aux/install-deps.sh

# A log from an earlier run must not be summarized if this one fails early.
rm -f "$test_log"

# A failed setup or build leaves no test log, which the summary counts as
# one failure, so the script goes on to print the summary line.
build_status=0
if [[ ! -f "$build_dir/build.ninja" ]]; then
  meson setup "$build_dir" || build_status=$?
fi
if [[ $build_status -eq 0 ]]; then
  meson compile -C "$build_dir" || build_status=$?
fi

# -noreset keeps Xvfb up when its last client disconnects, so the next test
# never meets a display that is resetting. dbus-run-session runs inside
# xvfb-run so that services the bus activates (the AT-SPI bus) see DISPLAY.
test_status=0
if [[ $build_status -eq 0 ]]; then
  xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp -noreset" \
    dbus-run-session -- \
    meson test -C "$build_dir" --print-errorlogs "$@" </dev/null || test_status=$?
fi

summary_status=0
/usr/bin/python3 build-aux/summarize-tests.py "$test_log" || summary_status=$?

if [[ $build_status -ne 0 || $test_status -ne 0 || $summary_status -ne 0 ]]; then
  exit 1
fi
