"""Import types of `virkning` (jobcenter.imports.Importtype)."""

IMPORTTYPER: list = []
