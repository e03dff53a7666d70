#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build Roster in ./build and open it on a local demo tenant.
#
# Usage: build-aux/run-demo.sh [DEMO-TENANT-OPTION...]
# Options pass through to roster-demo-tenant, for example --latency 300.
# The demo tenant stops when Roster exits.

set -euo pipefail

cd "$(dirname "$0")/.."

build_dir=build
tenant="$build_dir/tests/demo-tenant/roster-demo-tenant"
startup_timeout=30

build-aux/install-deps.sh

if [[ ! -f "$build_dir/build.ninja" ]]; then
  meson setup "$build_dir"
fi
meson compile -C "$build_dir"

# The tenant listens on a port the kernel chooses and prints its URI as its
# only stdout line.
coproc TENANT { exec "$tenant" --port 0 "$@"; }
# shellcheck disable=SC2153 # bash sets TENANT_PID for the coprocess
tenant_pid=$TENANT_PID
trap 'kill "$tenant_pid" 2>/dev/null || true; wait "$tenant_pid" 2>/dev/null || true' EXIT

tenant_uri=
if ! read -r -t "$startup_timeout" tenant_uri <&"${TENANT[0]}" || [[ -z "$tenant_uri" ]]; then
  echo "run-demo.sh: $tenant did not print its URI within ${startup_timeout} s" >&2
  exit 1
fi
echo "run-demo.sh: demo tenant listening on $tenant_uri" >&2

# The demo credentials go through the environment only, never argv, so
# they are set by bash itself rather than through env(1). AUTH0_API_TOKEN is
# removed so that a token from the caller's shell does not take precedence.
unset AUTH0_API_TOKEN
GSETTINGS_SCHEMA_DIR="$build_dir/data" \
  AUTH0_DOMAIN="$tenant_uri" \
  AUTH0_CLIENT_ID=demo-roster-client \
  AUTH0_CLIENT_SECRET=demo-roster-secret \
  "$build_dir/src/roster"
