from django import template
from django.utils.safestring import mark_safe

from ..richtext import sanitize

register = template.Library()


@register.filter
def richtext(value):
    """Render a rich text field: sanitised again on the way out, whatever is stored."""
    return mark_safe(sanitize(value))  # noqa: S308 - sanitize() leaves only the safe subset
