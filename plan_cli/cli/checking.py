"""``plan check``: validate the data, and with --against apply the guard rails
to the change since a base revision."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from . import app
from .options import quiet as is_quiet
from .options import (AsOfOption, CheckFormat, DataOption, LangOption, NoCacheOption, QuietOption, fail,
                      fail_git,
                      find_location, parse_as_of, resolve_lang)


@app.command()
def check(
    data: DataOption = None,
    output_format: Annotated[CheckFormat, typer.Option(
        "--format", help="auto: github inside GitHub Actions (GITHUB_ACTIONS=true), else "
        "text; text: one line per problem; github: annotations for a pull request; "
        "gitlab: a Code Quality report for a merge request; json: machine-readable.")
    ] = CheckFormat.auto,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Treat warnings (incomplete ledgers, unassigned items) as errors.")] = False,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    against: Annotated[str | None, typer.Option(
        "--against", metavar="BASE", help="Also apply the guard rails to the change since "
        "BASE (e.g. origin/main, taken at its merge-base): targets changed or items removed "
        "without a revision record, closed quarters rewritten, delays without cause.",
        show_default=False)] = None,
    no_cache: NoCacheOption = False, quiet: QuietOption = False,
) -> None:
    """Validate every data file and report each problem at its file:line:col.

    Exit 0 when clean (warnings allowed unless --strict), 1 when problems were found.
    """
    import os

    from ..cache import checked
    from ..diagnostics import (FORMATTERS, resolve_format, split_untouched, summary_counts,
                               summary_line)

    language = resolve_lang(lang)
    today = parse_as_of(as_of)
    location = find_location(data, language)
    chosen = resolve_format(output_format.value, dict(os.environ))
    untouched: list = []
    if against is None:
        diags, files_read = checked(location, today, use_cache=not no_cache)
        shown = diags
    else:  # the checks as above, and the guard rails one ledger file at a time
        diags, files_read = checked(location, today, use_cache=not no_cache)
        found, changed = _guard_findings(location, against, today, use_cache=not no_cache)
        diags = sorted(diags + found)
        shown = diags
        if chosen in ("github", "gitlab"):  # a review: warnings only where it changed lines
            shown, untouched = split_untouched(diags, changed, strict)
    output = FORMATTERS[chosen](shown, language, strict)
    if output:
        typer.echo(output)
    summary = summary_line(diags, files_read, language, strict)
    if untouched:
        summary += (f"(其中 {len(untouched)} 个警告位于本次未修改的行,未逐行标注)" if language == "zh"
                    else f" ({len(untouched)} warnings on lines this change did not touch "
                    "are not annotated)")
    if chosen == "text" and not is_quiet():
        typer.echo(summary, err=True)
    elif chosen == "github":
        typer.echo(f"::notice title=plan check::{summary}")
        _add_to_job_summary(summary)
    raise typer.Exit(1 if summary_counts(diags, strict)["errors"] else 0)


def _add_to_job_summary(line: str) -> None:
    """GitHub's job summary shows the counts beside the change (plan diff)."""
    import os

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as summary:
            summary.write(f"**plan check**: {line}\n\n")
    except OSError:
        pass  # the annotations are out already; a summary is a courtesy


def _guard_findings(location, against: str, today: date, use_cache: bool):
    """The guard rails' findings, and the lines the change touched (display path -> lines)."""
    from ..cache import open_cache
    from ..datadir import display_path
    from ..gitread import GitError, changed_lines, commit_date, merge_base
    from ..guardstream import guard_streaming

    try:
        rev = merge_base(location.path, against)
        base_day = commit_date(location.path, rev)
        changed = {display_path(path): lines
                   for path, lines in changed_lines(location, rev).items()}
        # BASE is read from git one file at a time, the working tree's files likewise.
        found = guard_streaming(location, rev, base_day, today,
                                open_cache(location) if use_cache else None)
    except GitError as exc:
        fail_git(exc, None, location.path)
    return found, changed


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="A diagnostic code, e.g. unknown-department.")],
    lang: LangOption = None,
) -> None:
    """What a diagnostic code means, with a bad and a good example (诊断代码说明)."""
    from ..checks.docs import documented, explain as explain_code
    from ..suggest import suggestions

    language = resolve_lang(lang)
    codes = documented()
    if code not in codes:
        guess = suggestions(code, codes, n=1)
        if language == "zh":
            fail(f"没有诊断代码“{code}”" + (f"(是否应为“{guess[0]}”?)" if guess else "")
                 + ";plan check 输出的方括号中即为代码")
        fail(f"no diagnostic code '{code}'" + (f" (did you mean '{guess[0]}'?)" if guess else "")
             + "; codes are shown in brackets by plan check")
    typer.echo(explain_code(code, language))
