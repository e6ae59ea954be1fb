"""A paginator for long lists: the count can come from a cache, and deep pages are read from the other end.

`OFFSET 84 900` makes the database walk (or sort) every row before the page. For a page in the second half,
`FastPaginator` reads the list in reverse order with the small offset from the end instead and turns the
rows round, so the last page costs what the first does. The queryset's ordering must be total (end in a
unique field) for the two directions to agree.
"""

from django.core.paginator import Page, Paginator


class FastPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.__dict__["count"] = count  # Paginator.count is a cached_property

    def _totally_ordered(self) -> bool:
        query = getattr(self.object_list, "query", None)
        return bool(query is not None and query.order_by and query.order_by[-1].lstrip("-") in ("pk", "id"))

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if bottom > self.count // 2 and self._totally_ordered():
            rows = list(self.object_list.reverse()[self.count - top : self.count - bottom])
            rows.reverse()
            return Page(rows, number, self)
        return self._get_page(self.object_list[bottom:top], number, self)
