"""The OpenAPI schema's error answers: every operation can answer the problem details of
api/problemer.py, so the schema (and a client generated from it) knows them."""

from .problemer import PROBLEMER, PROBLEMTYPE

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details, på dansk, med en fast kode.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "kode": {"type": "string", "enum": list(PROBLEMER)},
        "fejl": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "raekker": {
            "type": "array",
            "description": "Ved kode ugyldige-raekker: hver ugyldig række med sit indeks i "
            "listen (0 er den første) og hvad der er galt.",
            "items": {
                "type": "object",
                "properties": {"indeks": {"type": "integer"}, "fejl": {"type": "string"}},
                "required": ["indeks", "fejl"],
            },
        },
    },
    "required": ["type", "title", "status", "detail", "kode"],
}

FEJLSTATUS = {
    "400": "Ugyldig forespørgsel (kode ugyldig-forespoergsel; felterne i »fejl«).",
    "401": "Nøglen mangler, er ukendt, udløbet eller tilbagekaldt (ikke-logget-ind).",
    "403": "Nøglen mangler omfanget (ingen-adgang).",
    "404": "Findes ikke for jobcentret (ikke-fundet).",
    "405": "Metoden er ikke tilladt (metode-ikke-tilladt).",
    "406": "Svaret kan kun være JSON (ikke-acceptabel).",
    "415": "Kroppen skal være JSON (ikke-understoettet-medietype).",
    "429": "For mange kald; vent det antal sekunder, Retry-After siger (for-mange-kald).",
}


def tilfoej_problemer(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    svar = {
        "content": {PROBLEMTYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    for metoder in result.get("paths", {}).values():
        for operation in metoder.values():
            responses = operation.setdefault("responses", {})
            for status, beskrivelse in FEJLSTATUS.items():
                responses.setdefault(status, {**svar, "description": beskrivelse})
            if "429" in responses:
                responses["429"]["headers"] = {
                    "Retry-After": {"schema": {"type": "integer"}, "description": "Sekunder."}
                }
    return result
