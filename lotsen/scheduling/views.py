from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .services import jobs_overdue


@never_cache
def readyz(request):
    """For monitoring: 200 when the database and cache answer and no scheduled job is
    overdue, 503 with the names of the overdue jobs otherwise (decision 0199)."""
    answer: dict[str, object] = {"status": "ok", "database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        overdue = jobs_overdue()
    except Exception:  # any database failure: nothing else can be told
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    try:
        cache.set("readyz", "ok", 10)
        cache_ok = cache.get("readyz") == "ok"
    except Exception:  # the cache's client raises its own errors when Redis is down
        cache_ok = False
    if not cache_ok:
        answer["cache"] = "unavailable"
    answer["overdue_jobs"] = overdue
    if overdue or not cache_ok:
        answer["status"] = "error"
        return JsonResponse(answer, status=503)
    return JsonResponse(answer)
