"""plan: keep an action plan's targets, indicators and ledgers as validated YAML."""

__version__ = "0.1.0"


def with_tool_version(data: dict) -> dict:
    """A JSON output's ``data`` with ``"plan_version"`` (this tool's version) after its
    ``"version"`` (the shape's), so a CI log or a saved report says which plan made it."""
    out = {k: v for k, v in data.items() if k == "version"}
    out["plan_version"] = __version__
    out.update(data)
    return out
