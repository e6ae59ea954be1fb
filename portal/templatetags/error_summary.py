from django import template

register = template.Library()


@register.filter
def with_errors(formsets):
    """The (key, legend, formset) rows whose formset has an error, for the one error summary of a page."""
    return [row for row in formsets or () if row[-1].total_error_count()]
