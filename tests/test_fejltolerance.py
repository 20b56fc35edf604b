"""At-least-once delivery, shown with real processes: a worker killed with SIGKILL in the middle
of a goal computation and of an import, and a Redis restarted with jobs in its queue. Every job
finishes, once: nothing is lost and nothing is counted twice.

To stop a task in the middle, the test holds an uncommitted row that the task is about to
insert (same unique key): PostgreSQL makes the task's INSERT wait for the test's transaction,
so the test knows the task has begun writing when it kills the worker."""

import datetime
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.utils import timezone

from borgere import tasks
from borgere.models import Borger, Importstatus, Kampagne, Maalsnapshot
from borgere.tests.factories import (
    BorgerFactory,
    cpr_for,
    importkoersel,
    kampagne_med_en_borger,
)
from tests.conftest import start_worker, stop_worker
from tests.traade import holdt_i_anden_traad

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DATO = datetime.date(2010, 11, 30)


@contextmanager
def uncommitted(create):
    """Run `create` in a transaction on a connection of its own and keep it open (neither
    committed nor rolled back) until the block ends; then roll it back."""

    @contextmanager
    def aaben_transaktion():
        with transaction.atomic():
            create()
            yield
            transaction.set_rollback(True)

    with holdt_i_anden_traad(aaben_transaktion):
        yield


def wait_for_insert_blocked(table: str, timeout: float = 120) -> None:
    """Until another session's INSERT into `table` waits for a lock (our uncommitted row)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND query LIKE %s AND pid <> pg_backend_pid()",
                [f'INSERT INTO "{table}"%'],
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.2)
    raise AssertionError(f"no INSERT into {table} waited for the test's row")


def pool_children(worker: subprocess.Popen) -> list[int]:
    path = Path(f"/proc/{worker.pid}/task/{worker.pid}/children")
    return [int(pid) for pid in path.read_text().split()]


def assert_counted_once(kampagne: Kampagne, dato: datetime.date, jobcenter, rows: int) -> None:
    """The date has the rows the last run reported, and Mål 1 counts the one citizen once, for
    the jobcentre and for the country."""
    snapshots = Maalsnapshot.objects.filter(maal__kampagne=kampagne, dato=dato)
    assert snapshots.count() == rows
    for hvor in (jobcenter, None):
        snapshot = snapshots.get(maal__kode="maal-1", jobcenter=hvor)
        assert (snapshot.vaerdi, snapshot.taeller) == (1, 1)


def test_a_goal_computation_killed_mid_write_is_run_again_once(jobcenter_a, konsulent):
    kampagne = kampagne_med_en_borger(jobcenter_a, konsulent)
    maal_1 = kampagne.maal.get(kode="maal-1")
    queue = f"test-{uuid.uuid4().hex}"
    worker = start_worker(queue, pool="prefork")
    try:
        with uncommitted(
            lambda: Maalsnapshot.objects.create(
                maal=maal_1, dato=DATO, jobcenter=jobcenter_a, beregnet=timezone.now()
            )
        ):
            result = tasks.beregn_maal.apply_async(
                args=[kampagne.pk, DATO.isoformat()], queue=queue
            )
            wait_for_insert_blocked("borgere_maalsnapshot")
            children = pool_children(worker)
            assert children, "the prefork worker has no pool process"
            for pid in children:
                os.kill(pid, signal.SIGKILL)
        # The test's row is rolled back; the killed run's session ends without committing and
        # the worker hands the task back to the queue for a new pool process.
        rows = result.get(timeout=120)
    finally:
        log = stop_worker(worker)
    assert "signal 9 (SIGKILL)" in log
    assert log.count(f"Task borgere.tasks.beregn_maal[{result.id}] received") == 2
    assert log.count(f"[{result.id}] succeeded") == 1
    assert_counted_once(kampagne, DATO, jobcenter_a, rows)


def test_an_import_whose_worker_is_killed_is_finished_by_another(administrator):
    cprs = [cpr_for(n) for n in range(40)]
    kommune = administrator.jobcenter.kommunenummer
    indhold = "cpr;navn;kommunenummer\n" + "".join(
        f"{cpr};Borger {n};{kommune}\n" for n, cpr in enumerate(cprs)
    )
    koersel = importkoersel(
        bruger=administrator, indhold=indhold.encode(), status=Importstatus.IMPORTERER
    )
    queue = f"test-{uuid.uuid4().hex}"
    first = start_worker(queue)
    with uncommitted(lambda: BorgerFactory(cpr=cprs[-1], jobcenter=administrator.jobcenter)):
        result = tasks.udfoer_import.apply_async(args=[koersel.pk], queue=queue)
        wait_for_insert_blocked("borgere_borger")
        os.killpg(first.pid, signal.SIGKILL)  # the whole worker, as when its machine dies
        first.wait(timeout=30)
    killed = stop_worker(first)
    assert f"[{result.id}] received" in killed and "succeeded" not in killed
    # A second worker finds the unacknowledged task once the visibility timeout has passed.
    second = start_worker(queue, CELERY_VISIBILITY_TIMEOUT="2")
    try:
        assert result.get(timeout=120) == Importstatus.FAERDIG
    finally:
        log = stop_worker(second)
    assert log.count(f"[{result.id}] succeeded") == 1
    koersel.refresh_from_db()
    assert (koersel.status, koersel.nye, koersel.raekker) == (Importstatus.FAERDIG, 40, 40)
    assert sorted(Borger.objects.values_list("cpr", flat=True)) == sorted(cprs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(port: int, directory: Path) -> subprocess.Popen:
    """Redis as the README says to run it: with the append-only file, so the queue survives."""
    process = subprocess.Popen(
        [
            shutil.which("redis-server") or "/usr/bin/redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "yes",
            "--dir",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout:
            return process
        time.sleep(0.1)
    raise AssertionError("redis-server did not start")


def test_queued_jobs_survive_a_redis_restart(tmp_path, jobcenter_a, konsulent):
    from config.celery import app

    kampagne = kampagne_med_en_borger(jobcenter_a, konsulent)
    datoer = [DATO - datetime.timedelta(days=n) for n in range(3)]
    port = free_port()
    broker = f"redis://127.0.0.1:{port}/0"
    queue = f"test-{uuid.uuid4().hex}"
    redis = start_redis(port, tmp_path)
    try:
        with app.connection_for_write(broker) as forbindelse:
            results = [
                tasks.beregn_maal.apply_async(
                    args=[kampagne.pk, dato.isoformat()], queue=queue, connection=forbindelse
                )
                for dato in datoer
            ]
        subprocess.run(["redis-cli", "-p", str(port), "shutdown"], check=False)
        redis.wait(timeout=30)
        redis = start_redis(port, tmp_path)
        laengde = subprocess.run(
            ["redis-cli", "-p", str(port), "llen", queue], capture_output=True, text=True
        )
        assert laengde.stdout.strip() == "3"  # the jobs came back with Redis
        worker = start_worker(queue, CELERY_BROKER_URL=broker)
        try:
            rows = [r.get(timeout=120) for r in results]
        finally:
            log = stop_worker(worker)
    finally:
        redis.terminate()
        redis.wait(timeout=30)
    for result, dato, antal in zip(results, datoer, rows, strict=True):
        assert log.count(f"[{result.id}] succeeded") == 1
        assert_counted_once(kampagne, dato, jobcenter_a, antal)
