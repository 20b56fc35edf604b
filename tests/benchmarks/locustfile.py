"""The users of the load benchmark (run by belastning.py, which starts the server and gives the
ids in BELASTNING_DATA). Each is a leader of one jobcentre who logs in once and then moves
between the main pages with a second or two of reading in between."""

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, task

DATA = json.loads(Path(os.environ["BELASTNING_DATA"]).read_text())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Leder(HttpUser):
    wait_time = between(1, 2)

    def on_start(self) -> None:
        mine = DATA["brugere"].pop()
        self.borgere = mine["borgere"]
        self.virksomheder = DATA["virksomheder"]
        side = self.client.get("/log-ind/", name="log ind")
        token = CSRF.search(side.text).group(1)
        svar = self.client.post(
            "/log-ind/",
            {
                "username": mine["brugernavn"],
                "password": DATA["adgangskode"],
                "csrfmiddlewaretoken": token,
            },
            name="log ind",
        )
        assert svar.url.endswith("/"), "login fejlede"

    @task(3)
    def forside(self) -> None:
        self.client.get("/", name="forside")

    @task(3)
    def virksomheder(self) -> None:
        self.client.get("/virksomheder/", name="virksomheder, liste")

    @task(3)
    def soeg_virksomhed(self) -> None:
        self.client.get(
            f"/virksomheder/?q={random.randint(1, 20000)}", name="virksomheder, søgning"
        )

    @task(5)
    def virksomhed(self) -> None:
        pk = random.choice(self.virksomheder)
        self.client.get(f"/virksomheder/{pk}/", name="virksomhed")

    @task(3)
    def borgere(self) -> None:
        self.client.get("/borgere/", name="borgere, liste")

    @task(5)
    def borger(self) -> None:
        self.client.get(f"/borgere/{random.choice(self.borgere)}/", name="borger")

    @task(3)
    def opgaver(self) -> None:
        self.client.get("/virksomheder/opgaver/", name="mine opgaver")

    @task(2)
    def maal(self) -> None:
        self.client.get("/borgere/maal/virksomhedscenterkampagnen/", name="Mål 1 og Mål 2")

    @task(1)
    def noegletal(self) -> None:
        self.client.get("/borgere/noegletal/", name="nøgletal")

    @task(1)
    def pladser(self) -> None:
        self.client.get("/borgere/pladser/", name="pladser")

    @task(1)
    def kursusoverblik(self) -> None:
        self.client.get("/kursuskob/overblik/", name="kursusoverblik")
