"""Who may do what in `kursuskob`: the app's access predicates, each `(bruger) -> bool` or
`(bruger, obj) -> bool`. Views, services and templates ask these; none decides access itself."""


def kan_importere_svar(bruger) -> bool:
    """Survey responses made elsewhere: a jobcentre's administrators (their own jobcentre's
    response) and the operators (any jobcentre in the round)."""
    return bruger.is_authenticated and (bruger.is_superuser or bruger.er_administrator)
