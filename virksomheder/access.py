"""Who may do what in `virksomheder`: the app's access predicates, each `(bruger) -> bool` or
`(bruger, obj) -> bool`. Views, services and templates ask these; none decides access itself."""


def kan_rette_aftale(bruger) -> bool:
    """The jobcentre's administrators make and change its agreements with companies
    (partnerskabsaftaler, virksomhedscenterkontrakter, …); everyone in the jobcentre reads them."""
    return bruger.er_administrator


def kan_rette_center(bruger) -> bool:
    """The jobcentre's administrators set up its virksomhedscentre and change them, their places
    and their mentors; everyone in the jobcentre reads them and fills the places."""
    return bruger.er_administrator


def kan_se_teamets_opgaver(bruger) -> bool:
    """A leader (or administrator) follows the team's overdue tasks, whoever owns them; the
    others see their own."""
    return bruger.er_leder
