"""Benchmark: the main pages' response times with BRUGERE (100) concurrent users on
national-scale data. Not a test. PostgreSQL only; everything on loopback, bounded in time.

    DATABASE_URL=postgres://… SECRET_KEY=… .venv/bin/python tests/benchmarks/belastning.py

SECRET_KEY must be a strong key: with DEBUG off the settings refuse a weak one (see README).

In a throw-away test database: the national data of landsdata.py (98 jobcentres, 300 000
citizens, 1 000 000 forløb, …), 200 000 company contacts, goal snapshots month by month, key
figures, and BRUGERE leaders: one per jobcentre, a second in the first ones when there are more
users than jobcentres. A gunicorn server with production settings (DEBUG off, collected static
files) serves it: GUNICORN_WORKERS (3) processes with GUNICORN_THREADS (2) threads each, keep-alive
5 s, database connections kept CONN_MAX_AGE (60) seconds. On the 2-core benchmark machine the
database, gunicorn and locust share the cores: three processes keep both cores busy while one
waits for the database, two threads each let a request run while another waits, and more would
only queue inside the server instead of in front of it; a kept connection saves a PostgreSQL
backend start per request. Locust (tests/benchmarks/locustfile.py) starts BRUGERE users,
SPAWN_RATE (2) a second, each logging in and then moving between the main pages with 1–2 s
between requests; once all have started, the figures are reset and VARIGHED seconds (60) with
all of them are measured. Prints each page's median and 95th percentile (logging in, with its
deliberately slow password hashing, happens before the measurement) and the machine's load.
"""

import csv
import datetime
import json
import math
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection
from landsdata import DATO, generer, sql, tal
from testdatabase import i_testdatabase  # sets Django up

BRUGERE = int(os.environ.get("BRUGERE", 100))
VARIGHED = int(os.environ.get("VARIGHED", 60))
WORKERS = int(os.environ.get("GUNICORN_WORKERS", 3))
THREADS = int(os.environ.get("GUNICORN_THREADS", 2))
# Seconds a server thread keeps its database connection (CONN_MAX_AGE); 0 opens one a request.
CONN_MAX_AGE = os.environ.get("CONN_MAX_AGE", "60")
SPAWN_RATE = float(os.environ.get("SPAWN_RATE", 2))
ADGANGSKODE = "belastning-2026-korrekt-hest"
HER = Path(__file__).resolve().parent


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Kræver PostgreSQL: sæt DATABASE_URL.")
    i_testdatabase(koer)


def forbered() -> dict:
    """What the pages show beyond landsdata: contacts, tasks, snapshots, key figures, users."""
    from django.contrib.auth.hashers import make_password

    from borgere.models import Kampagne
    from borgere.services import beregn_maal, beregn_ydelsesbestand
    from jobcenter.models import Bruger, Jobcenter, Rolle
    from kursuskob.services import beregn_kursusnoegletal
    from virksomheder.models import Opgave

    start = time.perf_counter()
    sql("""INSERT INTO virksomheder_kontakt (jobcenter_id, virksomhed_id, dato, kanal, initiativ,
           formaal, note, naeste_skridt, oprettet, opdateret)
           SELECT j.min + mod(i, 98), v.min + mod(i * 7, 20000), DATE '2026-01-01' + mod(i, 320),
           'telefon', 'opsoegende', 'opfoelgning', 'Opfølgning på samtale ' || i, '', now(), now()
           FROM generate_series(1, 200000) i,
           (SELECT min(id) FROM jobcenter_jobcenter) j, (SELECT min(id) FROM virksomheder_virksomhed) v""")
    kode = make_password(ADGANGSKODE)
    # One leader per jobcentre; with more users than the 98 jobcentres, a second in some.
    jobcentre = list(Jobcenter.objects.order_by("pk"))
    brugere = Bruger.objects.bulk_create(
        Bruger(
            username=f"leder-{j.kommunenummer}-{n // len(jobcentre) + 1}",
            password=kode,
            rolle=Rolle.LEDER,
            jobcenter=j,
        )
        for n, j in ((n, jobcentre[n % len(jobcentre)]) for n in range(BRUGERE))
    )
    idag = datetime.date.today()
    Opgave.objects.bulk_create(
        Opgave(
            jobcenter=b.jobcenter,
            titel=f"Ring til virksomhed {n}",
            frist=idag + datetime.timedelta(days=n - 10),
            ansvarlig=b,
        )
        for b in brugere
        for n in range(30)
    )
    kampagne = Kampagne.objects.get(kode="virksomhedscenterkampagnen")
    maaned = kampagne.start
    while maaned <= DATO:
        beregn_maal(kampagne=kampagne, dato=maaned)
        maaned = (maaned.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    beregn_maal(kampagne=kampagne, dato=DATO)
    beregn_ydelsesbestand(dato=DATO)
    beregn_kursusnoegletal(dato=idag)
    sql("ANALYZE")
    print(
        f"Sider forberedt på {time.perf_counter() - start:.0f} s: 200.000 kontakter, {len(brugere)} ledere"
    )
    return {
        "adgangskode": ADGANGSKODE,
        "virksomheder": [
            pk
            for (pk,) in sql("SELECT id FROM virksomheder_virksomhed ORDER BY random() LIMIT 2000")
        ],
        "brugere": [
            {
                "brugernavn": b.username,
                "borgere": [
                    pk
                    for (pk,) in sql(
                        "SELECT id FROM borgere_borger WHERE jobcenter_id = %s ORDER BY random() LIMIT 200",
                        [b.jobcenter_id],
                    )
                ],
            }
            for b in brugere
        ],
    }


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_miljoe() -> dict:
    s = connection.settings_dict
    database_url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    miljoe = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "false"}
    # Plain http on loopback: no https redirect or secure-only cookies.
    miljoe.update(
        SECURE_COOKIES="false",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1",
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    miljoe["LOG_LEVEL"] = "WARNING"
    miljoe["CONN_MAX_AGE"] = CONN_MAX_AGE
    miljoe.pop("CELERY_BROKER_URL", None)  # the pages read; no task is sent
    miljoe.pop("CELERY_RESULT_BACKEND", None)
    return miljoe


def start_server(port: int) -> subprocess.Popen:
    miljoe = server_miljoe()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=miljoe,
        check=True,
    )
    # The production server as `deploy/start web` runs it (config/gunicorn.conf.py), with the
    # benchmark's workers and threads. Its keep-alive (5 s) is longer than a user's pause
    # (1–2 s), so a kept-alive connection is never closed just as the user sends on it.
    miljoe.update(
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(WORKERS),
        GUNICORN_THREADS=str(THREADS),
        GUNICORN_ACCESS_LOG="/dev/null",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.conf.py"],
        cwd=settings.BASE_DIR,
        env=miljoe,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/log-ind/", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    sys.exit("gunicorn svarede ikke.")


def koer() -> None:
    foer = os.getloadavg()
    generer()
    data = forbered()
    port = ledig_port()
    with tempfile.TemporaryDirectory() as mappe:
        datafil = Path(mappe) / "data.json"
        datafil.write_text(json.dumps(data))
        server = start_server(port)
        try:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(HER / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(BRUGERE),
                    "--spawn-rate",
                    str(SPAWN_RATE),
                    "--run-time",
                    f"{math.ceil(BRUGERE / SPAWN_RATE) + VARIGHED}s",
                    "--reset-stats",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--csv",
                    f"{mappe}/resultat",
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                    "--stop-timeout",
                    "10",
                ],
                env={**os.environ, "BELASTNING_DATA": str(datafil)},
                check=False,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
        with open(f"{mappe}/resultat_stats.csv", newline="") as fil:
            raekker = list(csv.DictReader(fil))
    print(
        f"\n{BRUGERE} samtidige brugere i {VARIGHED} s mod gunicorn ({WORKERS} workers × "
        f"{THREADS} tråde, CONN_MAX_AGE={CONN_MAX_AGE}), loopback;\nmaskinens belastning (1, 5, 15 min) før: {foer[0]:.2f} {foer[1]:.2f} {foer[2]:.2f}, "
        f"ved slut: {' '.join(f'{x:.2f}' for x in os.getloadavg())}:"
    )
    print(f"{'side':<24} {'kald':>6} {'fejl':>5} {'median':>8} {'95 %':>8}")
    for r in raekker:
        if r["Name"] == "log ind":  # the last users' logins, just after the figures were reset
            continue
        navn = "alle kald" if r["Name"] == "Aggregated" else r["Name"]
        median, p95 = (round(float(r[k])) for k in ("Median Response Time", "95%"))
        print(
            f"{navn:<24} {tal(int(r['Request Count'])):>6} {r['Failure Count']:>5} "
            f"{median:>5} ms {p95:>5} ms"
        )


if __name__ == "__main__":
    main()
