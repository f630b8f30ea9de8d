"""``python -m plan_cli`` runs the ``plan`` command."""

from .launch import entry

entry()
