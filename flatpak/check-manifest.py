#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest offline.

flatpak-builder needs the GNOME SDK from Flathub to build, so this test
checks only what can go wrong without it: JSON syntax, the app ID, the
command, the runtime and SDK, the meson module and the sandbox
permissions. Roster needs the network and the display, so any other
finish-arg is an error.

Usage: check-manifest.py MANIFEST.json
"""

import json
import sys

EXPECTED_APP_ID = "io.github.roster_app.Roster"
EXPECTED_COMMAND = "roster"
EXPECTED_RUNTIME = "org.gnome.Platform"
EXPECTED_SDK = "org.gnome.Sdk"
EXPECTED_FINISH_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
}


def check_manifest(manifest):
    """Return a list of error messages, empty when the manifest is valid."""
    errors = []

    if not isinstance(manifest, dict):
        return ["the top level is not a JSON object"]

    app_id = manifest.get("app-id")
    if app_id != EXPECTED_APP_ID:
        errors.append(f"app-id is {app_id!r}, expected {EXPECTED_APP_ID!r}")

    command = manifest.get("command")
    if command != EXPECTED_COMMAND:
        errors.append(f"command is {command!r}, expected {EXPECTED_COMMAND!r}")

    for key, expected in (("runtime", EXPECTED_RUNTIME), ("sdk", EXPECTED_SDK)):
        if manifest.get(key) != expected:
            errors.append(f"{key} is {manifest.get(key)!r}, expected {expected!r}")

    # runtime-version names the GNOME release of both the runtime and the SDK.
    runtime_version = manifest.get("runtime-version")
    if not isinstance(runtime_version, str) or not runtime_version.isdigit():
        errors.append(f"runtime-version is {runtime_version!r}, expected a GNOME version such as \"49\"")

    modules = manifest.get("modules")
    roster_module = modules[-1] if isinstance(modules, list) and modules else None
    if not isinstance(roster_module, dict) or roster_module.get("buildsystem") != "meson":
        errors.append("the last module does not build Roster with meson")

    finish_args = manifest.get("finish-args")
    if not isinstance(finish_args, list):
        errors.append(f"finish-args is {finish_args!r}, expected a list")
        return errors

    duplicates = sorted({arg for arg in finish_args if finish_args.count(arg) > 1})
    if duplicates:
        errors.append(f"finish-args lists {', '.join(duplicates)} more than once")

    extra = sorted(set(finish_args) - EXPECTED_FINISH_ARGS)
    if extra:
        errors.append(f"finish-args has unexpected permissions: {', '.join(extra)}")

    missing = sorted(EXPECTED_FINISH_ARGS - set(finish_args))
    if missing:
        errors.append(f"finish-args is missing: {', '.join(missing)}")

    return errors


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} MANIFEST.json", file=sys.stderr)
        return 2

    path = argv[1]
    try:
        with open(path, encoding="utf-8") as manifest_file:
            manifest = json.load(manifest_file)
    except OSError as error:
        print(f"{path}: failed to read the manifest: {error}", file=sys.stderr)
        return 1
    except json.JSONDecodeError as error:
        print(f"{path}: invalid JSON: {error}", file=sys.stderr)
        return 1

    errors = check_manifest(manifest)
    for message in errors:
        print(f"{path}: {message}", file=sys.stderr)
    if errors:
        return 1

    print(f"{path}: app-id, command, runtime, SDK, modules and finish-args are as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
