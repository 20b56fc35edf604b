"""Who may do what in `virksomheder`: the app's access predicates, each `(bruger) -> bool` or
`(bruger, obj) -> bool`. Views, services and templates ask these; none decides access itself."""
