#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that user-visible text goes through gettext.

Two checks, each a TAP test:

1. po/POTFILES.in lists every file under src/ that marks strings for
   translation (_(), N_(), C_(), NC_(), ngettext(), translatable="yes"),
   and every file it lists exists.
2. No string literal with letters in it reaches visible text unwrapped:
   in C, the text arguments of the calls in VISIBLE_TEXT_ARGUMENTS and the
   values of the properties in VISIBLE_PROPERTIES set through g_object_new()
   or g_object_set(); in .ui files, those properties and menu labels
   without translatable="yes". A .ui value marked translatable="no" is
   deliberate and passes.

NOTE: the C check finds only literals written straight into those calls. A
literal that reaches a label through a variable, a format string or a
GError message is not found here.

Usage: check-translatable.py SOURCE_ROOT
"""

import re
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

# Calls that mark a string for translation.
GETTEXT_CALL = re.compile(r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2?)\s*\(")
TRANSLATABLE_ATTRIBUTE = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')

# Properties whose value a user sees or a screen reader reads.
VISIBLE_PROPERTIES = {
    "body",
    "comments",
    "description",
    "heading",
    "label",
    "placeholder-text",
    "subtitle",
    "text",
    "title",
    "tooltip-markup",
    "tooltip-text",
}

# For each call, the 0-based positions of its arguments that are visible
# text. "pairs:N" means the arguments from N on alternate between an id and
# a label, and every label is visible.
VISIBLE_TEXT_ARGUMENTS = {
    "adw_action_row_set_subtitle": [1],
    "adw_expander_row_set_subtitle": [1],
    "adw_message_dialog_add_response": [2],
    "adw_message_dialog_add_responses": "pairs:1",
    "adw_message_dialog_new": [1, 2],
    "adw_message_dialog_set_body": [1],
    "adw_message_dialog_set_heading": [1],
    "adw_message_dialog_set_response_label": [2],
    "adw_preferences_group_set_description": [1],
    "adw_preferences_group_set_title": [1],
    "adw_preferences_page_set_title": [1],
    "adw_preferences_row_set_title": [1],
    "adw_status_page_set_description": [1],
    "adw_status_page_set_title": [1],
    "adw_toast_new": [0],
    "adw_toast_set_button_label": [1],
    "adw_toast_set_title": [1],
    "adw_window_title_new": [0, 1],
    "adw_window_title_set_subtitle": [1],
    "adw_window_title_set_title": [1],
    "g_menu_append": [1],
    "g_menu_item_new": [0],
    "gtk_button_new_with_label": [0],
    "gtk_button_new_with_mnemonic": [0],
    "gtk_button_set_label": [1],
    "gtk_check_button_new_with_label": [0],
    "gtk_check_button_set_label": [1],
    "gtk_entry_set_placeholder_text": [1],
    "gtk_file_chooser_native_new": [0, 3, 4],
    "gtk_label_new": [0],
    "gtk_label_new_with_mnemonic": [0],
    "gtk_label_set_label": [1],
    "gtk_label_set_markup": [1],
    "gtk_label_set_text": [1],
    "gtk_label_set_text_with_mnemonic": [1],
    "gtk_widget_set_tooltip_markup": [1],
    "gtk_widget_set_tooltip_text": [1],
    "gtk_window_set_title": [1],
}

# Accessible properties set from C whose value a screen reader reads.
ACCESSIBLE_TEXT_PROPERTIES = {"GTK_ACCESSIBLE_PROPERTY_LABEL", "GTK_ACCESSIBLE_PROPERTY_DESCRIPTION"}

LETTER = re.compile(r"[^\W\d_]")
CALL_START = re.compile(r"(?<![A-Za-z0-9_])([a-z_][a-z0-9_]*)\s*\(")


def strip_comments(source):
    """Blank out C comments, keeping string literals and line numbers."""
    def blank(match):
        text = match.group(0)
        if text.startswith('"') or text.startswith("'"):
            return text
        return re.sub(r"[^\n]", " ", text)

    return re.sub(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|/\*.*?\*/|//[^\n]*', blank, source, flags=re.S)


def split_arguments(source, open_paren):
    """Return the top-level arguments of the call whose "(" is at open_paren.

    Each argument is stripped of surrounding space. Returns None when the
    parentheses do not close.
    """
    arguments = []
    depth = 0
    start = open_paren + 1
    position = open_paren
    while position < len(source):
        char = source[position]
        if char == '"':
            end = position + 1
            while end < len(source) and source[end] != '"':
                end += 2 if source[end] == "\\" else 1
            position = end
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                arguments.append(source[start:position].strip())
                return arguments
        elif char == "," and depth == 1:
            arguments.append(source[start:position].strip())
            start = position + 1
        position += 1
    return None


def literal_text(argument):
    """Return the text of an argument made only of string literals, such as
    "a" "b", or None for any other expression."""
    if not argument.startswith('"'):
        return None
    pieces = re.findall(r'"((?:\\.|[^"\\])*)"', argument)
    rest = re.sub(r'"(?:\\.|[^"\\])*"', "", argument).strip()
    if rest:
        return None
    return "".join(pieces)


def needs_translation(text):
    return text is not None and LETTER.search(text) is not None


def visible_argument_positions(function, arguments):
    positions = VISIBLE_TEXT_ARGUMENTS.get(function)
    if isinstance(positions, str):
        first = int(positions.split(":")[1])
        return range(first + 1, len(arguments), 2)
    if positions is not None:
        return positions

    if function in ("g_object_new", "g_object_set"):
        return [index + 1 for index in range(1, len(arguments) - 1)
                if literal_text(arguments[index]) in VISIBLE_PROPERTIES]

    if function in ("gtk_accessible_update_property",):
        return [index + 1 for index in range(1, len(arguments) - 1)
                if arguments[index] in ACCESSIBLE_TEXT_PROPERTIES]

    return []


def check_c_file(path, relative):
    """Yield a problem for each visible literal in path that escapes gettext."""
    source = strip_comments(path.read_text(encoding="utf-8"))
    for match in CALL_START.finditer(source):
        function = match.group(1)
        if (function not in VISIBLE_TEXT_ARGUMENTS and
                function not in ("g_object_new", "g_object_set", "gtk_accessible_update_property")):
            continue
        arguments = split_arguments(source, match.end() - 1)
        if arguments is None:
            continue
        line = source.count("\n", 0, match.start()) + 1
        for position in visible_argument_positions(function, arguments):
            if position >= len(arguments):
                continue
            text = literal_text(arguments[position])
            if needs_translation(text):
                yield f"{relative}:{line}: {function}() gets the untranslated literal \"{text}\": wrap it in _()"


def iter_ui_elements(root):
    """Yield every element of a GtkBuilder tree, also inside the templates
    that GtkBuilderListItemFactory keeps as text."""
    for element in root.iter():
        yield element
        text = (element.text or "").strip()
        if element.tag == "property" and text.startswith("<?xml"):
            yield from iter_ui_elements(ElementTree.fromstring(text.encode("utf-8")))


def check_ui_file(path, relative):
    """Yield a problem for each visible value in a .ui file that is neither
    translatable nor marked translatable="no"."""
    root = ElementTree.parse(path).getroot()
    for element in iter_ui_elements(root):
        if element.tag not in ("property", "attribute"):
            continue
        if element.get("name") not in VISIBLE_PROPERTIES:
            continue
        text = (element.text or "").strip()
        if text.startswith("<?xml") or not needs_translation(text):
            continue
        if element.get("translatable") in ("yes", "true", "1", "no", "false", "0"):
            continue
        yield (f"{relative}: <{element.tag} name=\"{element.get('name')}\">{text}</{element.tag}> "
               f"is not translatable: add translatable=\"yes\" (or translatable=\"no\" if deliberate)")


def read_potfiles(root):
    listed = []
    for line in (root / "po" / "POTFILES.in").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            listed.append(line)
    return listed


def source_files(root):
    for pattern in ("*.c", "*.ui"):
        yield from sorted((root / "src").rglob(pattern))


def marks_translatable(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".c":
        return GETTEXT_CALL.search(strip_comments(text)) is not None
    return TRANSLATABLE_ATTRIBUTE.search(text) is not None


def check_potfiles(root):
    problems = []
    listed = read_potfiles(root)

    for entry in listed:
        if not (root / entry).is_file():
            problems.append(f"po/POTFILES.in lists {entry}, which does not exist")

    for path in source_files(root):
        relative = path.relative_to(root).as_posix()
        if relative not in listed and marks_translatable(path):
            problems.append(f"{relative} marks strings for translation but is missing from po/POTFILES.in")

    return problems


def check_literals(root):
    problems = []
    for path in source_files(root):
        relative = path.relative_to(root).as_posix()
        if path.suffix == ".c":
            problems.extend(check_c_file(path, relative))
        else:
            problems.extend(check_ui_file(path, relative))
    return problems


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} SOURCE_ROOT", file=sys.stderr)
        return 2

    root = Path(argv[1])
    checks = [
        ("POTFILES.in lists every translatable file", check_potfiles),
        ("visible literals go through gettext", check_literals),
    ]

    print(f"1..{len(checks)}")
    failed = False
    for number, (name, check) in enumerate(checks, start=1):
        problems = check(root)
        print(f"{'not ok' if problems else 'ok'} {number} {name}")
        for problem in problems:
            print(f"# {problem}")
        failed = failed or bool(problems)

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
