"""Helpers shared by the apps that are not an app themselves (no models, templates or URLs)."""
