"""The project page (and so its print view) from the declaration: the key facts and the story's
sections, each with the fields that hold something, in declared order."""

from __future__ import annotations

from dataclasses import dataclass

from .declaration import SECTIONS, Field, Kind
from .models import Project


@dataclass
class Item:
    field: Field
    value: object

    @property
    def name(self):
        return self.field.name

    @property
    def label(self):
        return self.field.label

    @property
    def kind(self):
        return self.field.kind

    @property
    def block(self) -> bool:
        """Rich text is shown under its own heading; everything else in a list of terms."""
        return self.field.kind == Kind.RICH


def value(project: Project, f: Field):
    """The field's value as the page shows it (empty values are None or [])."""
    kind = f.kind
    if kind in (Kind.TERMS, Kind.ORGANISATIONS):
        return list(getattr(project, f.name).all())  # prefetched by the view
    if kind == Kind.TAGS:
        return [tag.name for tag in project.tags.all()]
    if kind == Kind.CHOICES:
        labels = dict(f.choices.choices)
        return [labels[v] for v in getattr(project, f.name) if v in labels]
    if kind == Kind.CHOICE:
        return getattr(project, f"get_{f.name}_display")() if getattr(project, f.name) else None
    return getattr(project, f.name) or None


def _items(project: Project, section) -> list[Item]:
    items = []
    for f in section.fields:
        if not f.on_page:
            continue
        shown = value(project, f)
        if shown in (None, "", []):
            continue
        items.append(Item(f, shown))
    return items


def key_facts(project: Project) -> list[Item]:
    return [item for section in SECTIONS if section.facts for item in _items(project, section)]


def story(project: Project) -> list[dict]:
    """[{key, heading, groups}] where groups are runs of items: a rich-text item alone, or a list of facts."""
    sections = []
    for section in SECTIONS:
        if section.facts or section.heading is None:
            continue
        items = _items(project, section)
        if not items:
            continue
        groups: list[dict] = []
        for item in items:
            if item.block:
                groups.append({"block": True, "items": [item]})
            elif groups and not groups[-1]["block"]:
                groups[-1]["items"].append(item)
            else:
                groups.append({"block": False, "items": [item]})
        if len(items) == 1 and str(items[0].label).lower() == str(section.heading).lower():
            groups[0]["only"] = True  # the heading already says what the one value is
        sections.append({"key": section.key, "heading": section.heading, "groups": groups})
    return sections
