import pytest
from django.core.management import call_command
from django.db import connection

from borgere.tests.factories import BorgerFactory, YdelsesperiodeFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL; CI has it"
    ),
]


def test_a_backup_restores_into_a_fresh_database_with_equal_tables(jobcenter_a, capsys, tmp_path):
    YdelsesperiodeFactory.create_batch(5, borger__jobcenter=jobcenter_a)
    BorgerFactory(jobcenter=jobcenter_a, fornavn="Ærlig Øjvind Åse")
    call_command("sikkerhedskopi", "--proev", "--fil", str(tmp_path / "kopi.dump"))
    ud = capsys.readouterr().out
    assert "alle tabellers antal og kontrolsummer stemmer" in ud
    assert (tmp_path / "kopi.dump").stat().st_size > 0


def test_a_restore_that_differs_is_refused(jobcenter_a, monkeypatch, tmp_path):
    import psycopg2
    from django.core.management import CommandError

    from jobcenter.management.commands.sikkerhedskopi import Command

    YdelsesperiodeFactory.create_batch(5, borger__jobcenter=jobcenter_a)
    original_koer = Command.koer

    def koer_og_fordaerv(self, kommando, miljoe):
        original_koer(self, kommando, miljoe)
        if kommando[0] == "pg_restore":
            s = connection.settings_dict
            kopi = psycopg2.connect(
                dbname=f"{s['NAME']}_genskabt",
                user=s["USER"],
                password=s["PASSWORD"] or None,
                host=s["HOST"],
                port=s["PORT"],
            )
            with kopi, kopi.cursor() as cursor:
                cursor.execute(
                    "DELETE FROM borgere_ydelsesperiode "
                    "WHERE id = (SELECT min(id) FROM borgere_ydelsesperiode)"
                )
            kopi.close()

    monkeypatch.setattr(Command, "koer", koer_og_fordaerv)
    with pytest.raises(CommandError, match="borgere_ydelsesperiode: 5 rækker før, 4 efter"):
        call_command("sikkerhedskopi", "--proev", "--fil", str(tmp_path / "kopi.dump"))
