from django.db import migrations

ARTER = ("forloeb_afbrudt", "status_4_uger")


def til_koblingen(apps, schema_editor):
    """A forløb's task kept its kind on the company side's task; the link row takes it, and the
    task gets the neutral kind. A status task that has no link row yet gets one."""
    Opgave = apps.get_model("virksomheder", "Opgave")
    Praktikforloeb = apps.get_model("borgere", "Praktikforloeb")
    Forloebsopgave = apps.get_model("borgere", "Forloebsopgave")
    for forloeb_id, opgave_id in Praktikforloeb.objects.filter(
        statusopgave__isnull=False
    ).values_list("pk", "statusopgave_id"):
        Forloebsopgave.objects.get_or_create(
            opgave_id=opgave_id, defaults={"forloeb_id": forloeb_id, "art": "status_4_uger"}
        )
    for link in Forloebsopgave.objects.select_related("opgave"):
        if link.opgave.art in ARTER:
            link.art = link.opgave.art
            link.save(update_fields=["art"])
    Opgave.objects.filter(pk__in=Forloebsopgave.objects.values("opgave_id")).update(
        art="fra_anden_del"
    )


def til_opgaven(apps, schema_editor):
    Opgave = apps.get_model("virksomheder", "Opgave")
    Forloebsopgave = apps.get_model("borgere", "Forloebsopgave")
    for art in ARTER:
        Opgave.objects.filter(
            pk__in=Forloebsopgave.objects.filter(art=art).values("opgave_id")
        ).update(art=art)


class Migration(migrations.Migration):
    dependencies = [
        ("borgere", "0023_forloebsopgavens_art"),
        ("virksomheder", "0005_opgaveart_fra_anden_del"),
    ]

    operations = [
        migrations.RunPython(til_koblingen, til_opgaven),
    ]
