#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that every icon-only button in the .ui files under src/ has an
accessible label.

A button that shows only an icon gives a screen reader no text to read
unless it has an accessible label, so such a button needs

    <accessibility>
      <property name="label" translatable="yes">…</property>
    </accessibility>

Buttons built in C are not checked here. The AT-SPI test finds unnamed
buttons of the main window at run time.

Usage: check-ui-accessibility.py SOURCE_ROOT
"""

import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

BUTTON_CLASSES = {"GtkButton", "GtkToggleButton", "GtkMenuButton", "GtkLinkButton"}


def iter_objects(root):
    """Yield every <object> of a GtkBuilder tree, also inside the templates
    that GtkBuilderListItemFactory keeps as text."""
    for element in root.iter():
        if element.tag == "object" or element.tag == "template":
            yield element
        text = (element.text or "").strip()
        if element.tag == "property" and text.startswith("<?xml"):
            yield from iter_objects(ElementTree.fromstring(text.encode("utf-8")))


def own_properties(element):
    return {prop.get("name"): (prop.text or "").strip() for prop in element.findall("property")}


def has_accessible_label(element):
    accessibility = element.find("accessibility")
    if accessibility is None:
        return False
    return any(prop.get("name") == "label" and (prop.text or "").strip()
               for prop in accessibility.findall("property"))


def is_icon_only(element):
    properties = own_properties(element)
    return "icon-name" in properties and not properties.get("label")


def check_file(path, relative):
    root = ElementTree.parse(path).getroot()
    for element in iter_objects(root):
        if element.get("class") not in BUTTON_CLASSES and element.get("parent") not in BUTTON_CLASSES:
            continue
        if is_icon_only(element) and not has_accessible_label(element):
            name = element.get("id") or f"icon {own_properties(element)['icon-name']}"
            yield f"{relative}: {element.get('class') or element.get('parent')} {name} shows only an icon and has no accessible label"


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} SOURCE_ROOT", file=sys.stderr)
        return 2

    root = Path(argv[1])
    problems = []
    for path in sorted((root / "src").rglob("*.ui")):
        problems.extend(check_file(path, path.relative_to(root).as_posix()))

    print("1..1")
    print(f"{'not ok' if problems else 'ok'} 1 icon-only buttons have accessible labels")
    for problem in problems:
        print(f"# {problem}")

    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
