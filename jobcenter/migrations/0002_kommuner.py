"""The 98 municipalities with their kommunenummer and beskæftigelsesregion."""

from django.db import migrations

NORD, MIDT, SYD, HS = "nordjylland", "midtjylland", "syddanmark", "hovedstaden_sjaelland"

KOMMUNER = [
    (101, "København", HS), (147, "Frederiksberg", HS), (151, "Ballerup", HS),
    (153, "Brøndby", HS), (155, "Dragør", HS), (157, "Gentofte", HS), (159, "Gladsaxe", HS),
    (161, "Glostrup", HS), (163, "Herlev", HS), (165, "Albertslund", HS), (167, "Hvidovre", HS),
    (169, "Høje-Taastrup", HS), (173, "Lyngby-Taarbæk", HS), (175, "Rødovre", HS),
    (183, "Ishøj", HS), (185, "Tårnby", HS), (187, "Vallensbæk", HS), (190, "Furesø", HS),
    (201, "Allerød", HS), (210, "Fredensborg", HS), (217, "Helsingør", HS),
    (219, "Hillerød", HS), (223, "Hørsholm", HS), (230, "Rudersdal", HS), (240, "Egedal", HS),
    (250, "Frederikssund", HS), (253, "Greve", HS), (259, "Køge", HS), (260, "Halsnæs", HS),
    (265, "Roskilde", HS), (269, "Solrød", HS), (270, "Gribskov", HS), (306, "Odsherred", HS),
    (316, "Holbæk", HS), (320, "Faxe", HS), (326, "Kalundborg", HS), (329, "Ringsted", HS),
    (330, "Slagelse", HS), (336, "Stevns", HS), (340, "Sorø", HS), (350, "Lejre", HS),
    (360, "Lolland", HS), (370, "Næstved", HS), (376, "Guldborgsund", HS),
    (390, "Vordingborg", HS), (400, "Bornholm", HS),
    (410, "Middelfart", SYD), (420, "Assens", SYD), (430, "Faaborg-Midtfyn", SYD),
    (440, "Kerteminde", SYD), (450, "Nyborg", SYD), (461, "Odense", SYD),
    (479, "Svendborg", SYD), (480, "Nordfyn", SYD), (482, "Langeland", SYD), (492, "Ærø", SYD),
    (510, "Haderslev", SYD), (530, "Billund", SYD), (540, "Sønderborg", SYD),
    (550, "Tønder", SYD), (561, "Esbjerg", SYD), (563, "Fanø", SYD), (573, "Varde", SYD),
    (575, "Vejen", SYD), (580, "Aabenraa", SYD), (607, "Fredericia", SYD),
    (621, "Kolding", SYD), (630, "Vejle", SYD),
    (615, "Horsens", MIDT), (657, "Herning", MIDT), (661, "Holstebro", MIDT),
    (665, "Lemvig", MIDT), (671, "Struer", MIDT), (706, "Syddjurs", MIDT),
    (707, "Norddjurs", MIDT), (710, "Favrskov", MIDT), (727, "Odder", MIDT),
    (730, "Randers", MIDT), (740, "Silkeborg", MIDT), (741, "Samsø", MIDT),
    (746, "Skanderborg", MIDT), (751, "Aarhus", MIDT), (756, "Ikast-Brande", MIDT),
    (760, "Ringkøbing-Skjern", MIDT), (766, "Hedensted", MIDT), (779, "Skive", MIDT),
    (791, "Viborg", MIDT),
    (773, "Morsø", NORD), (787, "Thisted", NORD), (810, "Brønderslev", NORD),
    (813, "Frederikshavn", NORD), (820, "Vesthimmerland", NORD), (825, "Læsø", NORD),
    (840, "Rebild", NORD), (846, "Mariagerfjord", NORD), (849, "Jammerbugt", NORD),
    (851, "Aalborg", NORD), (860, "Hjørring", NORD),
]


def opret(apps, schema_editor):
    Kommune = apps.get_model("jobcenter", "Kommune")
    for nummer, navn, region in KOMMUNER:
        Kommune.objects.update_or_create(
            kommunenummer=nummer, defaults={"navn": navn, "beskaeftigelsesregion": region}
        )


class Migration(migrations.Migration):
    dependencies = [("jobcenter", "0001_initial")]
    operations = [migrations.RunPython(opret, migrations.RunPython.noop)]
