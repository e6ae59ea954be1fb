"""Signals for the apps above this one (which this app may not import)."""

from django.dispatch import Signal

# Sent after the registry was loaded (organisations' names, counties and populations may have changed).
registry_loaded = Signal()
