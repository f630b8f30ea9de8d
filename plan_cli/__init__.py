"""plan: keep an action plan's targets, indicators and ledgers as validated YAML."""

__version__ = "0.1.0"
