"""Who may do what in `borgere`: the app's access predicates, each `(bruger) -> bool` or
`(bruger, obj) -> bool`. Views, services and templates ask these; none decides access itself."""


def kan_importere_borgerdata(bruger) -> bool:
    """Citizens and their benefits, target groups and forløb from the case system: a
    jobcentre's administrators, into their own jobcentre."""
    return bruger.is_authenticated and bruger.er_administrator


def kan_importere_maaltal(bruger) -> bool:
    """Campaign targets: a jobcentre's administrators (their own jobcentre's) and the
    operators (any jobcentre's and the national ones)."""
    return bruger.is_authenticated and (bruger.is_superuser or bruger.er_administrator)
