"""The layering of design.md §3: config → kursuskob → borgere → virksomheder → jobcenter.

import-linter (`make lint`) holds it for imports, migrations included. These tests show that the
contract is kept today and that it does catch an import pointing back, and they check what
import-linter cannot see: migration dependencies and model relations, which name an app as a
string.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

PACKAGES = ["config", "api", "virkning", "kursuskob", "borgere", "virksomheder", "jobcenter"]
# Lowest first: an app may depend on the apps before it, never on one after it.
LAYER = {"jobcenter": 0, "virksomheder": 1, "borgere": 2, "kursuskob": 3, "virkning": 4, "api": 5}
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    # Without PYTHONPATH, so the packages found are the ones in `folder`, not the working copy's.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def only_python(folder: str, names: list[str]) -> list[str]:
    """copytree's ignore: caches and every file that is not Python (templates, fixtures)."""
    return [
        n
        for n in names
        if n == "__pycache__" or not (n.endswith(".py") or os.path.isdir(os.path.join(folder, n)))
    ]


@pytest.fixture
def spoilable_copy(tmp_path: Path) -> Path:
    """The five packages' Python files and pyproject.toml, to be spoiled without touching ours."""
    for package in PACKAGES:
        shutil.copytree(settings.BASE_DIR / package, tmp_path / package, ignore=only_python)
    shutil.copy(settings.BASE_DIR / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_contract_is_kept():
    result = lint_imports(settings.BASE_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "back_import", "reported"),
    [
        # The company side knowing about course purchases.
        ("virksomheder/services.py", "kursuskob", "virksomheder.services -> kursuskob"),
        # The organisation app reaching for the wiring.
        ("jobcenter/models.py", "config.settings", "jobcenter.models -> config.settings"),
    ],
)
def test_an_import_pointing_back_breaks_the_contract(spoilable_copy, module, back_import, reported):
    assert lint_imports(spoilable_copy).returncode == 0  # the copy alone is fine
    with open(spoilable_copy / module, "a") as file:
        file.write(f"\nimport {back_import}  # noqa\n")

    result = lint_imports(spoilable_copy)

    assert result.returncode != 0
    assert "0 kept, 1 broken" in result.stdout
    assert reported in result.stdout


def test_migrations_depend_on_lower_apps_only():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    back = [
        f"{app}.{name} -> {dependency[0]}.{dependency[1]}"
        for (app, name), migration in loader.disk_migrations.items()
        if app in LAYER
        for dependency in migration.dependencies
        if LAYER.get(dependency[0], -1) > LAYER[app]
    ]
    assert not back


def test_models_relate_to_lower_apps_only():
    back = [
        f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in LAYER
        for field in model._meta.get_fields(include_hidden=True)
        if field.is_relation
        and field.concrete
        and isinstance(field.related_model, type)
        and LAYER.get(field.related_model._meta.app_label, -1) > LAYER[model._meta.app_label]
    ]
    assert not back
