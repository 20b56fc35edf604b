"""Who may do what with the API's system keys."""


def kan_styre_systemnoegler(user) -> bool:
    """A jobcentre's administrators create and revoke the keys its systems call the API with."""
    return user.is_authenticated and user.er_administrator
