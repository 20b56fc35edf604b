"""PostgreSQL backup, and proof that it can be restored."""

import os
import subprocess
import tempfile
from pathlib import Path

import psycopg2
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

CHECKSUM = "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {} t"


class Command(BaseCommand):
    help = (
        "Tager en sikkerhedskopi af PostgreSQL-databasen (pg_dump, custom-format) til --fil. "
        "Med --proev genskabes kopien i en ny database, og hver tabels antal rækker og "
        "kontrolsum sammenlignes med originalen; den genskabte database slettes bagefter."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fil", type=Path, help="Hvor kopien skrives (ellers en midlertidig fil)."
        )
        parser.add_argument("--proev", action="store_true", help="Genskab og sammenlign.")

    def handle(self, *args, fil=None, proev=False, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Sikkerhedskopi kræver PostgreSQL (DATABASE_URL).")
        indstillinger = connection.settings_dict
        miljoe = {**os.environ, "PGPASSWORD": indstillinger["PASSWORD"] or ""}
        forbindelse = [
            "--host",
            indstillinger["HOST"] or "localhost",
            "--port",
            str(indstillinger["PORT"] or 5432),
            "--username",
            indstillinger["USER"] or "postgres",
        ]
        with tempfile.TemporaryDirectory() as mappe:
            fil = fil or Path(mappe) / "kopi.dump"
            self.koer(
                [
                    "pg_dump",
                    *forbindelse,
                    "--format=custom",
                    "--file",
                    str(fil),
                    indstillinger["NAME"],
                ],
                miljoe,
            )
            self.stdout.write(f"Sikkerhedskopi skrevet: {fil} ({fil.stat().st_size:,} byte).")
            if proev:
                self.proev(fil, forbindelse, miljoe)

    def koer(self, kommando: list[str], miljoe: dict) -> None:
        resultat = subprocess.run(kommando, env=miljoe, capture_output=True, text=True)  # noqa: S603
        if resultat.returncode != 0:
            raise CommandError(f"{kommando[0]} fejlede: {resultat.stderr.strip()}")

    def proev(self, fil: Path, forbindelse: list[str], miljoe: dict) -> None:
        original = connection.settings_dict["NAME"]
        genskabt = f"{original}_genskabt"
        self.koer(["dropdb", *forbindelse, "--if-exists", genskabt], miljoe)
        self.koer(["createdb", *forbindelse, genskabt], miljoe)
        try:
            self.koer(
                ["pg_restore", *forbindelse, "--dbname", genskabt, "--no-owner", str(fil)], miljoe
            )
            forskelle = self.sammenlign(genskabt)
        finally:
            self.koer(["dropdb", *forbindelse, "--if-exists", genskabt], miljoe)
        if forskelle:
            raise CommandError("Genskabelsen afviger: " + "; ".join(forskelle))
        self.stdout.write(
            "Genskabt i en ny database: alle tabellers antal og kontrolsummer stemmer."
        )

    def sammenlign(self, genskabt: str) -> list[str]:
        indstillinger = connection.settings_dict
        tabeller = connection.introspection.table_names()
        kopi = psycopg2.connect(
            dbname=genskabt,
            user=indstillinger["USER"] or "postgres",
            password=indstillinger["PASSWORD"] or None,
            host=indstillinger["HOST"] or "localhost",
            port=indstillinger["PORT"] or 5432,
        )
        try:
            forskelle = []
            with connection.cursor() as a, kopi.cursor() as b:
                for tabel in tabeller:
                    sql = CHECKSUM.format(connection.ops.quote_name(tabel))
                    a.execute(sql)
                    b.execute(sql)
                    foer, efter = a.fetchone(), b.fetchone()
                    if foer != efter:
                        forskelle.append(f"{tabel}: {foer[0]} rækker før, {efter[0]} efter")
            self.stdout.write(f"{len(tabeller)} tabeller sammenlignet.")
            return forskelle
        finally:
            kopi.close()
