from projects.forms import FORMSETS
from projects.versions import snapshot


def edit_data(project, **overrides) -> dict:
    """The POST a browser sends from the edit page, unchanged, with `overrides` applied."""
    snap = snapshot(project)
    data = {
        name: value
        for name, value in snap.items()
        if name not in FORMSETS and name not in ("state", "owner", "anchoring", "tags") and value is not None
    }
    data["anchoring"] = snap["anchoring"]
    data["tags"] = ", ".join(snap["tags"])
    data["version"] = project.version
    for key in FORMSETS:
        rows = snap[key]
        data[f"{key}-TOTAL_FORMS"] = len(rows)
        data[f"{key}-INITIAL_FORMS"] = len(rows)
        for i, row in enumerate(rows):
            for name, value in row.items():
                if name in ("file", "image", "display", "original_name", "content_type", "size"):
                    continue
                data[f"{key}-{i}-{name}"] = "" if value is None else value
    data.update(overrides)
    return data


def add_row(data: dict, key: str, **fields) -> dict:
    i = int(data[f"{key}-TOTAL_FORMS"])
    data[f"{key}-TOTAL_FORMS"] = i + 1
    for name, value in fields.items():
        data[f"{key}-{i}-{name}"] = value
    return data
