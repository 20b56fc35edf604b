"""Who may do what in `borgere`: the app's access predicates, each `(bruger) -> bool` or
`(bruger, obj) -> bool`. Views, services and templates ask these; none decides access itself."""

from jobcenter.access import er_drift
from jobcenter.models import Rolle


def kan_se_adgangslog(bruger) -> bool:
    """The jobcentre's administrators read and export a citizen's access log (who looked, when,
    what): the citizen's right of access goes through them."""
    return bruger.er_administrator


def kan_se_aendringer(bruger) -> bool:
    """The jobcentre's administrators read the change history of a citizen's record."""
    return bruger.er_administrator


def kan_se_hele_jobcentrets_forloeb(bruger) -> bool:
    """A leader (or administrator) may list every forløb of the jobcentre, not only their own."""
    return bruger.er_leder


def kan_se_alle_jobcentres_noegletal(bruger) -> bool:
    """The analytiker reads the benefit figures of every jobcentre; the others their own
    jobcentre's and the country's."""
    return bruger.rolle == Rolle.ANALYTIKER


def kan_beregne_noegletal(bruger) -> bool:
    """The jobcentre's administrators start the benefit figures' computation now instead of
    waiting for the night."""
    return bruger.er_administrator


def kan_beregne_maal(bruger) -> bool:
    """The jobcentre's administrators start a campaign's computation now."""
    return bruger.er_administrator


def kan_se_bag_maal(bruger) -> bool:
    """Only someone in a jobcentre sees the forløb and citizens behind its own figure; the
    analytiker reads the figures, never a citizen."""
    return bruger.er_i_jobcenter


def kan_importere_borgerdata(bruger) -> bool:
    """Citizens and their benefits, target groups and forløb from the case system: a
    jobcentre's administrators, into their own jobcentre."""
    return bruger.is_authenticated and bruger.er_administrator


def kan_importere_maaltal(bruger) -> bool:
    """Campaign targets: a jobcentre's administrators (their own jobcentre's) and the
    operators (any jobcentre's and the national ones)."""
    return er_drift(bruger) or (bruger.is_authenticated and bruger.er_administrator)
