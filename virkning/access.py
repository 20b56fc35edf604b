"""Who may do what in `virkning`: the app's access predicates, each `(bruger) -> bool` or
`(bruger, obj) -> bool`. Views, services and templates ask these; none decides access itself."""

from jobcenter.access import er_i_jobcenter, kan_se_maal

# Instruments.


def kan_rette_instrumenter(bruger) -> bool:
    """Administrators copy and edit their jobcentre's instruments."""
    return bruger.is_authenticated and bruger.er_i_jobcenter and bruger.er_administrator


# Measurements and screening.


def kan_maale(bruger) -> bool:
    """Everyone in a jobcentre measures its own citizens and sees what falls due."""
    return er_i_jobcenter(bruger)


# Outcomes and time to self-support.


def kan_se_udfald(bruger) -> bool:
    """Leaders and administrators (their jobcentre and the national figures), analysts (the
    national figures and every jobcentre's, never a citizen)."""
    return kan_se_maal(bruger)


def kan_beregne_udfald(bruger) -> bool:
    """Administrators start the outcomes' computation now (it covers every jobcentre, as the
    nightly job does)."""
    return bruger.is_authenticated and bruger.er_i_jobcenter and bruger.er_administrator


# Controlled trials.


def kan_styre_forsoeg(bruger) -> bool:
    """Leaders define, and stop, their jobcentre's trials."""
    return bruger.is_authenticated and bruger.er_i_jobcenter and bruger.er_leder
