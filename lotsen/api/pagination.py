"""Pages of a list: numbered, with absolute `next` and `previous` links."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    # The same parameter as the site's own lists; the size is fixed so that a page's
    # address names the same records for every client (and the same ETag).
    page_query_param = "page"
    page_size_query_param = None
