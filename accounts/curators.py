"""The curators' group: what a curator (KS) may do in Django's admin.

A curator is an active staff user holding `accounts.curator`. The group «Kuratorer» carries that permission
and the model permissions the admin needs (the controlled vocabularies, organisations, memberships, projects),
so putting a staff user in the group is what makes them a curator who can act in the admin.
Used by the data migration accounts/0003 (with historical models) and by accounts.services.make_curator.
"""

CURATOR_GROUP = "Kuratorer"

# (app label, codename)
CURATOR_PERMISSIONS = [
    ("accounts", "curator"),
    *[("projects", f"{action}_term") for action in ("add", "change", "delete", "view")],
    *[("projects", f"{action}_tag") for action in ("add", "change", "delete", "view")],
    *[("projects", f"{action}_project") for action in ("change", "view")],
    *[("municipalities", f"{action}_organisation") for action in ("add", "change", "view")],
    *[("municipalities", f"{action}_membership") for action in ("add", "change", "delete", "view")],
    *[("municipalities", f"{action}_emaildomain") for action in ("add", "change", "delete", "view")],
    ("municipalities", "view_county"),
]


def ensure_curator_group(group_model, permission_model):
    """The group with exactly its permissions (created or brought up to date); returns the group."""
    group, _ = group_model.objects.get_or_create(name=CURATOR_GROUP)
    permissions = [
        permission_model.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in CURATOR_PERMISSIONS
    ]
    group.permissions.set(permissions)
    return group
