#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drive Roster's main flow over AT-SPI, as a screen reader user would.

The test starts the demo tenant and Roster as separate processes. From
then on it uses only what the accessibility bus exposes. It picks the
organization "Acme & <Sons>" in the sidebar, selects three members, presses
Remove…, confirms in the dialog and reads the outcome from the status line.

Run it through run-atspi-test.sh, which gives it a private D-Bus session
bus and a separate file descriptor for TAP. It needs DISPLAY to point at an
X server (the suite's Xvfb) and GSETTINGS_SCHEMA_DIR at the build's
compiled schemas. GTK_A11Y must select the AT-SPI backend ("atspi"):
"none" turns accessibility off and any unknown value, the empty string
included, makes GTK 4.8 fall back to its in-process test backend.

Usage: test-atspi.py ROSTER DEMO_TENANT [--tap-fd FD]
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import time

# The test passes G_DEBUG on to Roster and the demo tenant but removes it
# from this process. libatspi warns that GTK 4.8 lacks its cache interface
# ("Object does not exist at path /org/a11y/atspi/cache"). GLib reads
# G_DEBUG once when it loads, so fatal-warnings would abort the test there.
CHILD_G_DEBUG = os.environ.pop("G_DEBUG", None)

import gi  # noqa: E402

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

ACME_NAME = "Acme & <Sons>"
ACME_MEMBER_COUNT = 30
USER_ID_TITLE = "User ID"
N_TO_REMOVE = 3

# Upper bound of every wait. The whole flow took about three seconds on a
# two-core machine, and the margin is for loaded CI runners.
WAIT_TIMEOUT_S = 30
POLL_INTERVAL_S = 0.05

# GTK 4.8 reports a widget's type name ("GtkButton") as the accessible name
# of a widget that has no label, so such a name counts as no name.
TYPE_NAME_PATTERN = re.compile(r"^(Gtk|Adw|Roster)[A-Z][A-Za-z]*$")

# Demo credentials of roster-demo-tenant: they open only that local emulator.
DEMO_CLIENT_ID = "demo-roster-client"
DEMO_CLIENT_SECRET = "demo-roster-secret"


class StepFailed(Exception):
    """A check of the flow failed. The message names the check and the reason."""


def log(message):
    print(f"test-atspi: {message}", file=sys.stderr, flush=True)


def wait_for(description, probe, timeout=WAIT_TIMEOUT_S):
    """Call probe() until it returns a true value, and return that value.

    Raise StepFailed naming description when timeout seconds pass first.
    """
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        # A widget can go away while the probe walks the tree (a toast
        # times out, the dialog closes), and AT-SPI then raises an error for
        # it. The next poll walks the tree afresh.
        try:
            value = probe()
        except GLib.Error as error:
            value = None
            last_error = error
        if value:
            return value
        if time.monotonic() > deadline:
            detail = f" (last AT-SPI error: {last_error.message})" if last_error else ""
            raise StepFailed(f"timed out after {timeout} s waiting for {description}{detail}")
        time.sleep(POLL_INTERVAL_S)


# -- Walking the accessibility tree --


def children(accessible):
    result = []
    for index in range(accessible.get_child_count()):
        child = accessible.get_child_at_index(index)
        if child is not None:
            result.append(child)
    return result


def descendants(accessible):
    """Yield accessible and everything below it, depth first."""
    stack = [accessible]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def find_all(accessible, predicate):
    return [node for node in descendants(accessible) if predicate(node)]


def find_first(accessible, predicate):
    return next((node for node in descendants(accessible) if predicate(node)), None)


def text_of(accessible):
    """Return the text of a label.

    GTK 4.8 returns an empty string for Text.get_text (0, -1), so the end
    offset is the character count.
    """
    if "Text" not in accessible.get_interfaces():
        return ""
    count = Atspi.Text.get_character_count(accessible)
    return Atspi.Text.get_text(accessible, 0, count)


def has_role(accessible, role):
    return accessible.get_role() == role


def ends_with_name(accessible, suffix):
    # A mnemonic button's name is "mnemonic + label" in GTK 4.8, such as
    # "_Remove Remove", so only the end is compared.
    return (accessible.get_name() or "").endswith(suffix)


def is_unnamed(accessible):
    name = accessible.get_name() or ""
    return name.strip() == "" or TYPE_NAME_PATTERN.match(name) is not None


def is_inside_toast(accessible):
    node = accessible.get_parent()
    while node is not None:
        if node.get_name() == "AdwToastWidget":
            return True
        node = node.get_parent()
    return False


def path_of(accessible):
    """Describe where accessible sits, for failure messages: the roles and
    names of its ancestors from the window down."""
    parts = []
    node = accessible.get_parent()
    while node is not None and not has_role(node, Atspi.Role.APPLICATION):
        name = node.get_name() or ""
        if name:
            parts.append(f"{node.get_role_name()} {name!r}")
        else:
            parts.append(node.get_role_name())
        node = node.get_parent()
    return " > ".join(reversed(parts))


def has_extents(accessible):
    # Window coordinates: GTK 4.8 warns that it cannot give screen ones.
    extents = Atspi.Component.get_extents(accessible, Atspi.CoordType.WINDOW)
    return extents.width > 0 and extents.height > 0


def label_texts(accessible):
    return [text_of(node) for node in find_all(accessible, lambda n: has_role(n, Atspi.Role.LABEL))]


def cell_text(row, column):
    """Return the first label text in the cell of row at index column."""
    cells = [child for child in children(row) if has_role(child, Atspi.Role.TABLE_CELL)]
    if column >= len(cells):
        return None
    labels = label_texts(cells[column])
    return labels[0] if labels else None


def column_titles(table):
    """Return the column titles of a column view, left to right.

    The header is the table row that sits straight under the tree table,
    outside the list of member rows.
    """
    header = next((child for child in children(table) if has_role(child, Atspi.Role.TABLE_ROW)), None)
    if header is None:
        return []
    return [" ".join(label_texts(title)) for title in children(header)]


# -- The flow --


class Flow:
    """The state one step of the main flow leaves for the next."""

    def __init__(self, executable_name):
        self.executable_name = executable_name
        self.application = None
        self.main_window = None
        self.members_list = None
        self.user_id_column = None
        self.removed_user_ids = []
        self.dialog = None

    def row_user_id(self, row):
        return cell_text(row, self.user_id_column)

    def find_application(self):
        desktop = Atspi.get_desktop(0)
        for application in children(desktop):
            if application.get_name() == self.executable_name:
                return application
        return None

    def application_appears(self):
        self.application = wait_for(f"an application named {self.executable_name!r} on the desktop",
                                    self.find_application)
        self.main_window = wait_for("the main window",
                                    lambda: find_first(self.application,
                                                       lambda n: has_role(n, Atspi.Role.FRAME)))

    def pick_organization(self):
        def find_acme():
            organizations = find_first(self.main_window,
                                       lambda n: has_role(n, Atspi.Role.LIST) and
                                       n.get_name() == "Organizations")
            if organizations is None:
                return None
            for index, item in enumerate(children(organizations)):
                if ACME_NAME in label_texts(item):
                    return organizations, index
            return None

        organizations, index = wait_for(f"{ACME_NAME!r} in the Organizations list", find_acme)
        if not Atspi.Selection.select_child(organizations, index):
            raise StepFailed(f"Selection.select_child ({index}) on the Organizations list returned false")

    def members_load(self):
        def find_members_list():
            table = find_first(self.main_window,
                               lambda n: has_role(n, Atspi.Role.TREE_TABLE) and n.get_name() == "Members")
            if table is None:
                return None
            members = find_first(table, lambda n: "Selection" in n.get_interfaces())
            if members is None or members.get_child_count() < ACME_MEMBER_COUNT:
                return None
            return table, members

        table, self.members_list = wait_for(f"{ACME_MEMBER_COUNT} member rows", find_members_list)
        titles = column_titles(table)
        if USER_ID_TITLE not in titles:
            raise StepFailed(f"the members table has no {USER_ID_TITLE!r} column: {titles}")
        self.user_id_column = titles.index(USER_ID_TITLE)

    def rows_have_names(self):
        def find_unnamed_rows():
            organizations = find_first(self.main_window,
                                       lambda n: has_role(n, Atspi.Role.LIST) and
                                       n.get_name() == "Organizations")
            rows = children(organizations) + children(self.members_list)
            return [row for row in rows if is_unnamed(row)]

        # Rows get their names after the layout that binds them, so the
        # check waits for the next frames instead of failing at once.
        wait_for("a name on every organization and member row", lambda: not find_unnamed_rows())

        first_member = children(self.members_list)[0]
        user_id = self.row_user_id(first_member)
        if user_id not in first_member.get_name():
            raise StepFailed(f"the first member row is named {first_member.get_name()!r}, "
                             f"which lacks its user ID {user_id!r}")

    def select_members(self):
        rows = children(self.members_list)[:N_TO_REMOVE]
        self.removed_user_ids = [self.row_user_id(row) for row in rows]
        if None in self.removed_user_ids:
            raise StepFailed(f"a selected row has no user ID cell: {self.removed_user_ids}")

        for index in range(N_TO_REMOVE):
            if not Atspi.Selection.select_child(self.members_list, index):
                raise StepFailed(f"Selection.select_child ({index}) on the members list returned false")

        wait_for(f"{N_TO_REMOVE} selected rows",
                 lambda: Atspi.Selection.get_n_selected_children(self.members_list) == N_TO_REMOVE)
        log(f"selected {', '.join(self.removed_user_ids)}")

    def press_remove(self):
        button = wait_for("the Remove… button",
                          lambda: find_first(self.main_window,
                                             lambda n: has_role(n, Atspi.Role.PUSH_BUTTON) and
                                             ends_with_name(n, "Remove…")))
        if not Atspi.Action.do_action(button, 0):
            raise StepFailed("clicking Remove… through Action.do_action returned false")

        def find_dialog():
            for toplevel in children(self.application):
                if toplevel != self.main_window and has_role(toplevel, Atspi.Role.DIALOG):
                    return toplevel
            return None

        self.dialog = wait_for("the confirmation dialog", find_dialog)
        heading = f"Remove {N_TO_REMOVE} Members from {ACME_NAME}?"
        wait_for(f"the heading {heading!r} in the dialog",
                 lambda: heading in label_texts(self.dialog))

    def confirm(self):
        # AdwMessageDialog 1.2 contains two copies of its buttons, one for each
        # layout, and the hidden copy has 0×0 extents.
        def find_visible_remove_button():
            return find_first(self.dialog,
                              lambda n: has_role(n, Atspi.Role.PUSH_BUTTON) and
                              ends_with_name(n, "Remove") and has_extents(n))

        button = wait_for("a visible Remove button in the dialog", find_visible_remove_button)
        if not Atspi.Action.do_action(button, 0):
            raise StepFailed("clicking Remove in the dialog through Action.do_action returned false")

    def outcome_is_readable(self):
        pattern = re.compile(rf"\b{N_TO_REMOVE} members\b.*\(204\)")

        def find_status():
            return next((text for text in label_texts(self.main_window) if pattern.search(text)), None)

        status = wait_for("a label naming 204 and 3 members", find_status)
        log(f"status line: {status!r}")
        expected = f"Removed {N_TO_REMOVE} members from {ACME_NAME} (204)"
        if status != expected:
            raise StepFailed(f"the status line reads {status!r}, expected {expected!r}")

    def rows_are_gone(self):
        def remaining_removed_rows():
            shown = {self.row_user_id(row) for row in children(self.members_list)}
            return [user_id for user_id in self.removed_user_ids if user_id in shown]

        wait_for("the removed members to leave the list", lambda: not remaining_removed_rows())
        n_rows = self.members_list.get_child_count()
        if n_rows != ACME_MEMBER_COUNT - N_TO_REMOVE:
            raise StepFailed(f"the list shows {n_rows} rows, expected {ACME_MEMBER_COUNT - N_TO_REMOVE}")

    def buttons_have_names(self):
        # NOTE: libadwaita 1.2 gives the close button of a toast no
        # accessible name, and Roster cannot reach that button, so toasts
        # are left out.
        def find_unnamed():
            return find_all(self.main_window,
                            lambda n: n.get_role() in (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON) and
                            is_unnamed(n) and not is_inside_toast(n))

        # The list sits in a tuple so that an empty result still ends the wait.
        (unnamed,) = wait_for("a complete walk of the main window", lambda: (find_unnamed(),))
        if unnamed:
            described = [f"{node.get_role_name()} {node.get_name()!r} in {path_of(node)}" for node in unnamed]
            raise StepFailed(f"buttons without an accessible name: {', '.join(described)}")

    def steps(self):
        return [
            ("Roster appears on the accessibility bus", self.application_appears),
            ("picking Acme in the Organizations list", self.pick_organization),
            ("Acme's members load", self.members_load),
            ("organization and member rows have names", self.rows_have_names),
            ("selecting three member rows", self.select_members),
            ("Remove… opens the confirmation dialog", self.press_remove),
            ("confirming in the dialog", self.confirm),
            ("status line reports the outcome", self.outcome_is_readable),
            ("removed rows leave the list", self.rows_are_gone),
            ("every button has an accessible name", self.buttons_have_names),
        ]


# -- Processes --


def child_environment(variables):
    environment = dict(os.environ)
    if CHILD_G_DEBUG is not None:
        environment["G_DEBUG"] = CHILD_G_DEBUG
    environment.update(variables)
    return environment


def start_demo_tenant(executable):
    """Start the demo tenant on a free port and return (process, base URI)."""
    tenant = subprocess.Popen([executable, "--port", "0"], env=child_environment({}),
                              stdout=subprocess.PIPE, stderr=sys.stderr, text=True)
    # The first stdout line is the base URI. The tenant prints it at startup
    # or exits, and the meson test timeout bounds a hang.
    uri = tenant.stdout.readline().strip()
    if not uri.startswith("http://127.0.0.1:"):
        tenant.kill()
        tenant.wait()
        raise StepFailed(f"{executable} printed {uri!r} instead of its base URI")
    return tenant, uri


def start_roster(executable, tenant_uri):
    environment = child_environment({
        "AUTH0_DOMAIN": tenant_uri,
        "AUTH0_API_TOKEN": "",
        "AUTH0_CLIENT_ID": DEMO_CLIENT_ID,
        "AUTH0_CLIENT_SECRET": DEMO_CLIENT_SECRET,
        "GTK_A11Y": "atspi",
    })
    return subprocess.Popen([executable], env=environment, stdout=sys.stderr, stderr=sys.stderr)


def stop(process):
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run(arguments, tap):
    flow = Flow(os.path.basename(arguments.roster))
    steps = flow.steps()
    print(f"1..{len(steps)}", file=tap, flush=True)

    tenant = None
    roster = None
    failed = False
    try:
        tenant, uri = start_demo_tenant(arguments.demo_tenant)
        log(f"demo tenant at {uri}")
        roster = start_roster(arguments.roster, uri)

        for number, (name, step) in enumerate(steps, start=1):
            if failed:
                print(f"ok {number} {name} # SKIP an earlier step failed", file=tap, flush=True)
                continue
            if roster.poll() is not None:
                failed = True
                print(f"not ok {number} {name}", file=tap)
                print(f"# Roster exited with status {roster.returncode}", file=tap, flush=True)
                continue
            try:
                step()
                print(f"ok {number} {name}", file=tap, flush=True)
            except (StepFailed, GLib.Error) as error:
                failed = True
                print(f"not ok {number} {name}", file=tap)
                print(f"# {error}", file=tap, flush=True)
    finally:
        stop(roster)
        stop(tenant)

    if roster is not None and roster.returncode not in (0, -signal.SIGTERM):
        print(f"# Roster exited with status {roster.returncode}", file=tap, flush=True)
        failed = True

    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description="Drive Roster's main flow over AT-SPI.")
    parser.add_argument("roster", help="the roster executable")
    parser.add_argument("demo_tenant", help="the roster-demo-tenant executable")
    parser.add_argument("--tap-fd", type=int, default=1,
                        help="file descriptor for TAP output (default 1, stdout)")
    arguments = parser.parse_args()

    tap = os.fdopen(arguments.tap_fd, "w", closefd=False)
    # Child processes must not hold the TAP pipe open after the test ends.
    os.set_inheritable(arguments.tap_fd, False)

    if not os.environ.get("DISPLAY"):
        print("1..0 # SKIP DISPLAY is not set", file=tap, flush=True)
        return 0

    return run(arguments, tap)


if __name__ == "__main__":
    sys.exit(main())
