"""gunicorn's settings for production, read from the environment (the same file as the product's
own settings, /etc/jobcenter/env, or .env beside manage.py). Used by `deploy/start web`
(`make serve`, the systemd unit jobcenter-web)."""

import multiprocessing
import os
from pathlib import Path

import environ

# A .env file beside manage.py counts here too, as in config/settings.py.
environ.Env.read_env(Path(__file__).resolve().parent.parent / ".env", overwrite=False)


def _tal(navn: str, standard: int) -> int:
    return int(os.environ.get(navn, standard))


wsgi_app = "config.wsgi:application"
# Behind nginx on the same machine: loopback only. On a machine of its own behind a proxy
# elsewhere: its private address, never a public one.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, each one request at a time: nginx buffers slow clients and uploads in front.
workers = _tal("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _tal("GUNICORN_THREADS", 1)
# A request running longer than this is killed (exports and uploads included); nginx's
# proxy_read_timeout is a little longer.
timeout = _tal("GUNICORN_TIMEOUT", 120)
graceful_timeout = _tal("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _tal("GUNICORN_KEEPALIVE", 5)
# A worker is replaced after this many requests (plus jitter), so memory cannot creep. A new
# worker loads Django first (1–2 s in which its requests wait): at 1 000 the load benchmark's 100
# users replaced each worker within the minute, and the 95th percentile went from 100 to 230 ms.
max_requests = _tal("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = _tal("GUNICORN_MAX_REQUESTS_JITTER", 1000)
# Access log to stdout (the journal). No CPR number is ever in a URL: searches are POSTs.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()
# Trust X-Forwarded-* only from the proxy: nginx on the same machine by default.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "jobcenter"
# systemd stops and reloads gunicorn with signals; no control socket in the user's home directory
# (where two servers on one machine would share it).
control_socket_disable = True
