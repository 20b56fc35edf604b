"""ETags on the API's GET answers, so a client can ask »changed since?« with If-None-Match and
get 304 Not Modified. Django's ConditionalGetMiddleware, for /api/v1/ only (the pages of the
product are never cached). It must sit after NoStoreMiddleware in MIDDLEWARE: it has to see the
answer before `Cache-Control: no-store` is added, or Django's rule gives it no ETag."""

from django.middleware.http import ConditionalGetMiddleware


class ApiETagMiddleware(ConditionalGetMiddleware):
    def process_response(self, request, response):
        if not request.path.startswith("/api/v1/"):
            return response
        return super().process_response(request, response)
