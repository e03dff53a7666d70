#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Count the results in a meson testlog.json and print one summary line.

meson writes one JSON object per test to meson-logs/testlog.json. For a TAP
test, the subtests exist only as lines inside its "stdout", so they are
counted from there: "ok", "not ok", and either with a "# SKIP" directive.
A test without TAP output counts as one, by its "result". A TAP test that
crashed or timed out before printing any "not ok" counts as one more
failure, so a crash is never hidden behind the subtests that passed.

The last line printed is "N passed, N failed", followed by ", N skipped"
when anything was skipped. Failures are listed above it. The exit status
is 1 when anything failed or the log is missing, otherwise 0.

Usage: summarize-tests.py BUILDDIR/meson-logs/testlog.json
"""

import json
import re
import sys
from dataclasses import dataclass, field

# A TAP test point at the start of a line: "ok 3 /path # SKIP reason".
TAP_RESULT = re.compile(r"^(not ok|ok)\b(.*)$")
# A TAP plan: "1..12", or "1..0 # SKIP no display" for a skipped program.
TAP_PLAN = re.compile(r"^1\.\.(\d+)\s*(#.*)?$")
SKIP_DIRECTIVE = re.compile(r"#\s*skip\b", re.IGNORECASE)
TODO_DIRECTIVE = re.compile(r"#\s*todo\b", re.IGNORECASE)

# meson's results for a test that did not finish normally.
CRASH_RESULTS = {"FAIL", "TIMEOUT", "ERROR", "INTERRUPT"}
PASS_RESULTS = {"OK", "EXPECTEDFAIL"}


@dataclass
class Summary:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    failures: list = field(default_factory=list)

    def line(self):
        text = f"{self.passed} passed, {self.failed} failed"
        if self.skipped:
            text += f", {self.skipped} skipped"
        return text


def count_tap(name, result, stdout, summary):
    """Count the TAP lines of one test. Return False if it printed none."""
    seen_tap = False
    failed_points = 0

    for line in stdout.splitlines():
        plan = TAP_PLAN.match(line)
        if plan:
            seen_tap = True
            if plan.group(1) == "0" and SKIP_DIRECTIVE.search(plan.group(2) or ""):
                summary.skipped += 1
            continue

        point = TAP_RESULT.match(line)
        if not point:
            continue
        seen_tap = True
        status, rest = point.groups()

        if SKIP_DIRECTIVE.search(rest):
            summary.skipped += 1
        elif TODO_DIRECTIVE.search(rest):
            # "not ok # TODO" is a known-incomplete test (g_test_incomplete),
            # which meson reports as an expected failure.
            if status == "ok":
                summary.passed += 1
            else:
                summary.skipped += 1
        elif status == "ok":
            summary.passed += 1
        else:
            summary.failed += 1
            failed_points += 1
            summary.failures.append(f"{name}: {line}")

    if seen_tap and failed_points == 0 and result in CRASH_RESULTS:
        summary.failed += 1
        summary.failures.append(
            f"{name}: {result} without a failing subtest "
            "(it crashed, timed out or broke its TAP plan)")

    return seen_tap


def count_test(entry, summary):
    name = entry.get("name", "<unnamed>")
    result = entry.get("result", "ERROR")
    stdout = entry.get("stdout") or ""

    if count_tap(name, result, stdout, summary):
        return

    if result in PASS_RESULTS:
        summary.passed += 1
    elif result == "SKIP":
        summary.skipped += 1
    else:
        summary.failed += 1
        summary.failures.append(f"{name}: {result}")


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} TESTLOG.json", file=sys.stderr)
        return 2

    path = argv[1]
    summary = Summary()

    try:
        with open(path, encoding="utf-8") as log:
            lines = log.readlines()
    except OSError as error:
        # No log means meson stopped before running any test, usually because
        # the build failed: report that as one failure.
        print(f"summarize-tests.py: failed to read {path}: {error.strerror}", file=sys.stderr)
        print("The build or meson test failed before any test ran.", file=sys.stderr)
        summary.failed = 1
        print(summary.line(), flush=True)
        return 1

    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            entry = json.loads(text)
        except json.JSONDecodeError as error:
            summary.failed += 1
            summary.failures.append(f"{path}:{number}: invalid JSON: {error}")
            continue
        count_test(entry, summary)

    if summary.failures:
        print("Failures:")
        for failure in summary.failures:
            print(f"  {failure}")
    print(summary.line(), flush=True)

    return 1 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
