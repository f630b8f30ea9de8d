"""``python -m plan_cli`` runs the ``plan`` command."""

from .cli import entry

entry()
