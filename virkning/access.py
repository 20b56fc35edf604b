"""Who may do what in `virkning`: the app's access predicates, each `(bruger) -> bool` or
`(bruger, obj) -> bool`. Views, services and templates ask these; none decides access itself."""

from django.conf import settings

from jobcenter.access import er_i_jobcenter, kan_se_aggregat, kan_se_maal

# Instruments.


def kan_rette_instrumenter(bruger) -> bool:
    """Administrators copy and edit their jobcentre's instruments."""
    return bruger.is_authenticated and bruger.er_i_jobcenter and bruger.er_administrator


# Measurements and screening.


def kan_maale(bruger) -> bool:
    """Everyone in a jobcentre measures its own citizens and sees what falls due."""
    return er_i_jobcenter(bruger)


def kan_slette_maaling(bruger, maaling) -> bool:
    """A measurement taken by mistake is deleted by the one who took it or by a leader of the
    citizen's jobcentre."""
    return (
        kan_maale(bruger)
        and maaling.jobcenter_id == bruger.jobcenter_id
        and (maaling.udfyldt_af_id == bruger.pk or bruger.er_leder)
    )


# Outcomes and time to self-support.


def kan_se_udfald(bruger) -> bool:
    """Leaders and administrators (their jobcentre and the national figures), analysts (the
    national figures and every jobcentre's, never a citizen)."""
    return kan_se_maal(bruger)


def mindste_kurve() -> int:
    """A survival curve of fewer citizens is neither drawn nor tabulated, for anyone."""
    return max(10, settings.MINDSTE_ANTAL)


def kan_se_kurve(bruger, kurve) -> bool:
    """A curve (`virkning.Overlevelseskurve`) large enough to draw, and allowed by the rule for
    figures shown outside the jobcentre they describe (`enheder`: citizens per jobcentre)."""
    enheder = {int(k): v for k, v in kurve.enheder.items()}
    return kurve.n >= mindste_kurve() and kan_se_aggregat(
        bruger, n=kurve.n, enheder=enheder, ansvarlig=False
    )


def kan_beregne_udfald(bruger) -> bool:
    """Administrators start the outcomes' computation now (it covers every jobcentre, as the
    nightly job does)."""
    return bruger.is_authenticated and bruger.er_i_jobcenter and bruger.er_administrator


# Controlled trials.


def kan_styre_forsoeg(bruger) -> bool:
    """Leaders define, and stop, their jobcentre's trials."""
    return bruger.is_authenticated and bruger.er_i_jobcenter and bruger.er_leder
