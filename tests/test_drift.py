"""The production set-up the README documents (»Drift i produktion«), started as it says:
`make serve` (gunicorn with config/gunicorn.conf.py), `make worker` and `make beat` (all three
through deploy/start, as the systemd units in deploy/systemd), with production settings (DEBUG
off, collected static files, BAG_HTTPS_PROXY) against the test database and Redis, behind nginx
with deploy/nginx/jobcenter.conf (only its ports, upstream and certificate paths changed).

Through nginx: http is redirected to https, a person logs in over TLS and sees a page and its
static files, an upload over the size limit is stopped with a Danish page, a system reads the API
with its key, and its calls through nginx and straight at gunicorn count against one rate limit
in Redis (CACHE_URL). Straight at gunicorn,
as a load balancer would ask: the health check sees a task go through Redis to the worker. And
beat's job that clears abandoned import runs, every second here (RYD_IMPORTER_SEKUNDER), is
executed by the worker: the run is marked failed in the database and its file deleted.
"""

import datetime
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone

from api.services import opret_systemnoegle
from borgere.models import Importkoersel, Importstatus
from borgere.tests.factories import BorgerFactory, importkoersel
from tests.conftest import url_of_the_test_database

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

VAERT = "jobcenter.example.dk"
ADGANGSKODE = "drift-2026-korrekt-hest-batteri"


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """Requests to nginx (https, or http with `https=False`) or, with `direkte=True`, straight to
    gunicorn; keeps the cookies itself."""

    def __init__(self, *, https: int, http: int, gunicorn: int, ca: Path):
        self.porte = {"https": https, "http": http, "gunicorn": gunicorn}
        self.tls = ssl.create_default_context(cafile=str(ca))
        self.cookies: dict[str, str] = {}
        self.set_cookie: list[str] = []

    def forbindelse(self, *, https=True, direkte=False):
        if direkte:
            return http.client.HTTPConnection("127.0.0.1", self.porte["gunicorn"], timeout=30)
        if https:
            return http.client.HTTPSConnection(
                "127.0.0.1", self.porte["https"], context=self.tls, timeout=30
            )
        return http.client.HTTPConnection("127.0.0.1", self.porte["http"], timeout=30)

    def __call__(self, metode, sti, data=None, *, https=True, direkte=False, noegle=None, **ekstra):
        forbindelse = self.forbindelse(https=https, direkte=direkte)
        headers = {"Host": VAERT, **ekstra}
        if noegle is not None:  # a system calling the API with its key, not a person
            headers["Authorization"] = f"Bearer {noegle}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{VAERT}",
            }
        forbindelse.request(metode, sti, body=body, headers=headers)
        svar = forbindelse.getresponse()
        svar.tekst = svar.read().decode("utf-8", "replace")
        svar.tls = (
            forbindelse.sock.version() if isinstance(forbindelse.sock, ssl.SSLSocket) else None
        )
        forbindelse.close()
        for linje in svar.headers.get_all("Set-Cookie") or []:
            self.set_cookie.append(linje)
            navn, _, vaerdi = linje.split(";", 1)[0].partition("=")
            self.cookies[navn.strip()] = vaerdi.strip()
        return svar


def nginx(tmp_path: Path, *, https: int, http: int, gunicorn: int) -> Path:
    """deploy/nginx/jobcenter.conf with this test's ports, gunicorn and a self-signed
    certificate, in a minimal nginx.conf of its own. Returns the certificate."""
    if shutil.which("nginx") is None:
        if os.environ.get("CI"):
            pytest.fail("nginx mangler: .ci/run skal installere Debians nginx.")
        pytest.skip("Debian's nginx is not installed (apt-get install nginx); CI has it.")
    cert, noegle = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", f"/CN={VAERT}", "-addext", f"subjectAltName=DNS:{VAERT},IP:127.0.0.1"]
        + ["-keyout", str(noegle), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    conf = (settings.BASE_DIR / "deploy/nginx/jobcenter.conf").read_text()
    for gammel, ny in [
        ("server 127.0.0.1:8000 ", f"server 127.0.0.1:{gunicorn} "),
        ("listen 80;", f"listen 127.0.0.1:{http};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{https} ssl;"),
        ("/etc/ssl/jobcenter/fullchain.pem", str(cert)),
        ("/etc/ssl/jobcenter/privkey.pem", str(noegle)),
    ]:
        assert gammel in conf, gammel
        conf = conf.replace(gammel, ny)
    conf = "\n".join(linje for linje in conf.splitlines() if "listen [::]" not in linje)
    (tmp_path / "jobcenter.conf").write_text(conf)
    midlertidig = " ".join(
        f"{art}_temp_path {tmp_path / art};"
        for art in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        ""
        # As root (CI), nginx's workers would run as nobody, who cannot write in tmp_path.
        + ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off; worker_processes 1; pid {tmp_path / 'nginx.pid'};\n"
        f"error_log {tmp_path / 'nginx-error.log'};\n"
        "events { worker_connections 64; }\n"
        f"http {{ access_log {tmp_path / 'nginx-access.log'}; {midlertidig}\n"
        f"include {tmp_path / 'jobcenter.conf'}; }}\n"
    )
    return cert


def produktionsmiljoe(tmp_path, port: int) -> dict[str, str]:
    """The environment file of README's »Drift« for this test: production defaults (no DEBUG,
    no SECURE_* overrides), behind a proxy that ends TLS, its own queue and static files."""
    miljoe = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "HTTPS_VED_PROXY", "PYTEST_ADDOPTS") and not k.startswith("SECURE_")
    }
    miljoe |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": VAERT,
        "CSRF_TRUSTED_ORIGINS": f"https://{VAERT}",
        "BAG_HTTPS_PROXY": "true",
        "DATABASE_URL": url_of_the_test_database(),
        # A queue of this test's own, so no other test's worker or leftover task meets these.
        "CELERY_QUEUE": f"drift-{uuid.uuid4().hex}",
        "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp_path / "celerybeat-schedule"),
        "CELERY_CONCURRENCY": "1",
        "RYD_IMPORTER_SEKUNDER": "1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "IMPORT_MAPPE": str(settings.IMPORT_MAPPE),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "LOG_LEVEL": "INFO",
        # The API's rate limit is counted in Redis, shared by every gunicorn process.
        "CACHE_URL": os.environ["CELERY_BROKER_URL"],
        "API_KALD_PR_MINUT": "2",
    }
    return miljoe


def start(maal: str, miljoe: dict, log) -> subprocess.Popen:
    """`make serve|worker|beat`, without reinstalling the virtualenv this test runs in."""
    return subprocess.Popen(
        ["make", "--no-print-directory", "-o", "install", maal, f"VENV={sys.prefix}"],
        cwd=settings.BASE_DIR,
        env=miljoe,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def start_nginx(tmp_path: Path, log) -> subprocess.Popen:
    return subprocess.Popen(
        ["nginx", "-p", str(tmp_path), "-e", str(tmp_path / "nginx-error.log")]
        + ["-c", str(tmp_path / "nginx.conf")],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(processer: dict[str, subprocess.Popen], logfiler: dict) -> dict[str, str]:
    """SIGTERM to each process group (make, gunicorn or celery and its children), as systemd
    stops a unit; returns (and prints) each log."""
    for proces in processer.values():
        if proces.poll() is None:
            os.killpg(proces.pid, signal.SIGTERM)
    for proces in processer.values():
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()
    logge = {}
    for navn, fil in logfiler.items():
        fil.close()
        logge[navn] = open(fil.name, encoding="utf-8", errors="replace").read()  # noqa: SIM115
        print(f"----- make {navn} -----\n{logge[navn]}")
    return logge


def vent(betingelse, sekunder: float, hvad: str):
    slut = time.monotonic() + sekunder
    while time.monotonic() < slut:
        if resultat := betingelse():
            return resultat
        time.sleep(0.3)
    pytest.fail(f"{hvad} skete ikke inden for {sekunder} s")


def svarer(browser: Browser):
    try:
        return browser("GET", "/log-ind/").status == 200
    except (OSError, http.client.HTTPException):
        return False


def test_the_documented_production_set_up_serves_pages_and_runs_beats_jobs(konsulent, tmp_path):
    porte = {"https": ledig_port(), "http": ledig_port(), "gunicorn": ledig_port()}
    ca = nginx(tmp_path, **porte)
    miljoe = produktionsmiljoe(tmp_path, porte["gunicorn"])
    hasher = PBKDF2PasswordHasher()  # gunicorn runs with the production hashers
    konsulent.password = hasher.encode(ADGANGSKODE, hasher.salt(), iterations=1000)
    konsulent.save(update_fields=["password"])
    # An import run its worker abandoned two hours ago, longer than any time limit allows.
    koersel = importkoersel(bruger=konsulent, indhold=b"cpr;navn;kommunenummer\n")
    to_timer_siden = timezone.now() - datetime.timedelta(hours=2)
    Importkoersel.objects.filter(pk=koersel.pk).update(
        status=Importstatus.KONTROLLERER, oprettet=to_timer_siden, startet=to_timer_siden
    )
    fil = settings.IMPORT_MAPPE / koersel.fil.name
    assert fil.exists()
    # A system key of the consultant's jobcentre, which has one citizen.
    borger = BorgerFactory(jobcenter=konsulent.jobcenter)
    noegle, api_noegle = opret_systemnoegle(
        bruger=konsulent,
        navn="Fagsystemet",
        udloeber=timezone.now() + datetime.timedelta(days=1),
        borgerdata=True,
    )
    # Its counter starts afresh (an earlier run's key may have had the same id).
    redis.Redis.from_url(miljoe["CACHE_URL"]).delete(f":1:throttle_systemnoegle_{noegle.pk}")

    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=miljoe,
        check=True,
        timeout=120,
    )
    navne = ("serve", "worker", "beat", "nginx")
    logfiler = {navn: open(tmp_path / f"{navn}.log", "w") for navn in navne}  # noqa: SIM115
    processer = {}
    try:
        for maal in ("serve", "worker", "beat"):
            processer[maal] = start(maal, miljoe, logfiler[maal])
        processer["nginx"] = start_nginx(tmp_path, logfiler["nginx"])
        browser = Browser(**porte, ca=ca)
        vent(lambda: svarer(browser), 40, "gunicorn svarer gennem nginx på /log-ind/")

        # nginx sends http to https; Django, too, if a request reaches it over plain http.
        for svar in (browser("GET", "/", https=False), browser("GET", "/", direkte=True)):
            assert (svar.status, svar.getheader("Location")) == (301, f"https://{VAERT}/")

        login = browser("GET", "/log-ind/")
        assert login.status == 200 and login.tls in ("TLSv1.2", "TLSv1.3")
        assert "Log ind med dit brugernavn" in login.tekst
        # Django sees https through X-Forwarded-Proto (BAG_HTTPS_PROXY) and sends HSTS.
        assert login.getheader("Strict-Transport-Security", "").startswith("max-age=31536000")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.tekst).group(1)
        svar = browser(
            "POST",
            "/log-ind/",
            {"username": konsulent.username, "password": ADGANGSKODE, "csrfmiddlewaretoken": token},
        )
        assert (svar.status, svar.getheader("Location")) == (302, "/")
        session = [c for c in browser.set_cookie if c.startswith("sessionid=")]
        assert session and all("Secure" in c and "HttpOnly" in c for c in session)

        forside = browser("GET", "/")
        assert forside.status == 200
        assert "Goddag" in forside.tekst and "Log af" in forside.tekst
        assert "no-store" in forside.getheader("Cache-Control")
        # collectstatic's hashed names, served by WhiteNoise with a far-future cache.
        css = re.search(r'href="(/static/css/jobcenter\.[0-9a-f]{12}\.css)"', forside.tekst)
        assert css, "siden peger ikke på den samlede, hashede CSS"
        statisk = browser("GET", css.group(1))
        assert statisk.status == 200
        assert statisk.getheader("Content-Type").startswith("text/css")
        assert "immutable" in statisk.getheader("Cache-Control")
        assert ".overblik" in statisk.tekst  # the file itself, not an empty answer

        # A file over the import limit is stopped by nginx, in Danish, before it is sent.
        for_stor = browser.forbindelse()
        for_stor.putrequest("POST", "/borgere/import/", skip_host=True)
        for_stor.putheader("Host", VAERT)
        for_stor.putheader("Content-Type", "multipart/form-data; boundary=x")
        for_stor.putheader("Content-Length", str(settings.IMPORT_MAKS_BYTES + 2 * 1024 * 1024))
        for_stor.endheaders()
        svar = for_stor.getresponse()
        assert svar.status == 413 and "Filen er for stor" in svar.read().decode()
        for_stor.close()

        # A system calls the API through nginx over TLS with its key; a second call straight at
        # gunicorn (another process, perhaps) counts in the same Redis, so the third is refused.
        api = browser("GET", "/api/v1/borgere/", noegle=api_noegle)
        assert api.status == 200 and api.tls in ("TLSv1.2", "TLSv1.3")
        assert api.getheader("Content-Type") == "application/json"
        data = json.loads(api.tekst)
        assert set(data) == {"next", "previous", "results"}
        assert [b["cpr"] for b in data["results"]] == [f"{borger.cpr[:6]}-xxxx"]
        # (As from a second proxy that ended TLS: Django sends plain http to https.)
        anden = browser(
            "GET",
            "/api/v1/borgere/",
            direkte=True,
            noegle=api_noegle,
            **{"X-Forwarded-Proto": "https"},
        )
        assert anden.status == 200
        for_mange = browser("GET", "/api/v1/borgere/", noegle=api_noegle)
        assert for_mange.status == 429
        assert json.loads(for_mange.tekst)["kode"] == "for-mange-kald"
        # The key's counter is in Redis (Django's cache key for DRF's throttle), with an expiry.
        cache = redis.Redis.from_url(miljoe["CACHE_URL"])
        assert cache.ttl(f":1:throttle_systemnoegle_{noegle.pk}") > 0

        # A load balancer's probe straight at gunicorn over http: the database, and a task
        # through Redis to the worker and back.
        def sund():
            svar = browser("GET", "/sundhed/", direkte=True)
            return svar if svar.status == 200 else None

        sundhed = vent(sund, 40, "/sundhed/ svarer 200 (worker og database)")
        assert '"opgavekoe": "ok"' in sundhed.tekst

        def ryddet():
            koersel.refresh_from_db()
            return koersel.status == Importstatus.FEJLET

        vent(ryddet, 40, "beat sender ryd_importer, og workeren markerer kørslen fejlet")
        assert "workeren stoppede" in koersel.aarsag
        vent(lambda: not fil.exists(), 10, "den fejlede kørsels fil slettes")
    finally:
        logge = stop(processer, logfiler)

    assert "Sending due task ryd-importer (borgere.tasks.ryd_importer)" in logge["beat"]
    assert "concurrency: 1 (prefork)" in logge["worker"]  # CELERY_CONCURRENCY
    assert re.search(r"Task borgere\.tasks\.ryd_importer\[[-0-9a-f]+\] succeeded", logge["worker"])
    assert '"GET / HTTP/1.0" 200' in logge["serve"]  # nginx speaks HTTP/1.0 to gunicorn
    assert "Traceback" not in logge["serve"] + logge["worker"] + logge["beat"]
