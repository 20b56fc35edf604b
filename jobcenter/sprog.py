"""Danish grammar the pages need: the genitive of a name and a count with its noun in the right
number. Plain functions (no Django), so pure modules such as kursuskob.analysis use them too;
templates reach them through the `sprog` template library."""


def genitiv(navn: object) -> str:
    """Jobcenter Aalborg → Jobcenter Aalborgs; a name that ends in s, x or z gets an apostrophe
    only: Jobcenter Aarhus → Jobcenter Aarhus' (Retskrivningsordbogen § 55)."""
    tekst = str(navn).rstrip()
    if not tekst:
        return tekst
    return f"{tekst}'" if tekst[-1].lower() in "sxz" else f"{tekst}s"


def antal(n: int, ental: str, flertal: str) -> str:
    """1 besvarelse, 0 besvarelser, 2 besvarelser."""
    return f"{n} {ental if n == 1 else flertal}"
