"""The command line in the user's language: help texts and the framework's own
usage errors, taken from the one catalog (:mod:`plan_cli.messages`).

Typer fixes every help text when the commands are defined, before anyone knows
the language; so the help in the code is the English msgid, and just before
parsing :class:`PlanGroup` swaps each help text for its catalog entry in the
language asked for (``--lang`` on the command line, else ``PLAN_LANG``, else the
locale). Usage errors are caught as click exceptions and worded here, so no
English framework sentence ("Missing option", "Invalid value for", pydantic's
"Value error,") reaches a Chinese user.

Imports nothing heavy: ``plan --help`` stays fast (tests/test_imports.py).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

from typer import core as _typer_core
from typer.exceptions import Abort
from typer._click import exceptions as _exc
from typer._click.core import Context
from typer._click.formatting import HelpFormatter

from .. import messages
from ..textwidth import width, wrap


_CHOSEN: list[str | None] = [None]  # the language of the running command (PlanGroup.main)
RUN: dict[str, Any] = {}  # what the running command's options said (-q); reset per command


def current_language() -> str:
    """The language this command speaks: as chosen from its arguments, else detected."""
    return _CHOSEN[0] or messages.detect_language()


def language_of(argv: Sequence[str]) -> str:
    """``--lang zh``/``--lang=zh`` in the arguments, else PLAN_LANG, else the locale."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("zh", "en"):
            return argv[i + 1]
        if arg in ("--lang=zh", "--lang=en"):
            return arg.split("=", 1)[1]
    return messages.detect_language()


# --- help -------------------------------------------------------------------

class PlanFormatter(HelpFormatter):
    """click's help formatter, with the framework's words in the chosen language."""

    lang = "en"

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, messages.framework_cell(args, self.lang),
                            messages.framework("Usage: ", self.lang))

    def write_heading(self, heading: str) -> None:
        super().write_heading(messages.framework(heading, self.lang))

    def write_text(self, text: str) -> None:
        if self.lang != "zh":
            return super().write_text(text)
        indent = " " * self.current_indent
        paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
        for i, paragraph in enumerate(paragraphs):
            if i:
                self.write("\n")
            for line in wrap(paragraph, max(self.width - self.current_indent, 20)):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        lang = self.lang
        rows = [(messages.framework_cell(a, lang), messages.framework_help(b, lang))
                for a, b in rows]
        if lang != "zh":
            return super().write_dl(rows, col_max, col_spacing)
        # Chinese takes two columns a character and has no spaces to wrap at.
        first_col = min(max((width(a) for a, _ in rows), default=0), col_max) + col_spacing
        pad = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + pad)
            lines = wrap(" ".join(second.split()), max(self.width - first_col - 2, 10))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(pad + line + "\n")


class PlanContext(Context):
    formatter_class = PlanFormatter

    def make_formatter(self) -> HelpFormatter:
        formatter = super().make_formatter()
        formatter.lang = getattr(self.command, "plan_lang", "en")
        return formatter


def localize(command: Any, lang: str) -> None:
    """Give ``command`` and every subcommand and parameter its help in ``lang``."""
    command.plan_lang = lang
    command.context_class = PlanContext
    if command.help:
        command.help = messages.help_text(command.help, lang)
        if lang == "zh":  # click cuts a short help at the first '.', which Chinese lacks
            command.short_help = re.split(r"[。\n]", command.help, maxsplit=1)[0]
    for param in command.params:
        if getattr(param, "help", None):
            param.help = messages.help_text(param.help, lang)
    for sub in getattr(command, "commands", {}).values():
        localize(sub, lang)


# --- usage errors -----------------------------------------------------------

class BadValue(_exc.BadParameter):
    """A value plan refuses: the catalog msgid and its arguments, worded when shown."""

    def __init__(self, msgid: str, param_hint: str | None = None, **args: Any) -> None:
        super().__init__(msgid.format(**args), param_hint=param_hint)
        self.msgid, self.args_ = msgid, args

    def detail(self, lang: str) -> str:
        return messages.framework(self.msgid, lang).format(**self.args_)


def usage_message(error: Exception, lang: str) -> str:
    """The one-line message of a click usage error, in ``lang``."""
    t = messages.framework
    hint = _hint(error)
    if isinstance(error, _exc.MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param else "parameter")
        return t("Missing {kind} {name}.", lang).format(kind=t(kind, lang), name=hint)
    if isinstance(error, _exc.NoSuchOption):
        from ..suggest import did_you_mean

        names = list(error.possibilities or [])
        if error.ctx is not None and not names:
            names = [o for p in error.ctx.command.params for o in getattr(p, "opts", ())]
        return (t("No such option: {name}", lang).format(name=error.option_name)
                + did_you_mean(error.option_name, names, lang))
    if isinstance(error, _exc.BadParameter):
        detail = error.detail(lang) if isinstance(error, BadValue) else \
            _value_detail(error.message, lang)
        if hint:
            return t("Invalid value for {name}: {detail}", lang).format(name=hint, detail=detail)
        return t("Invalid value: {detail}", lang).format(detail=detail)
    text = _sentence(error.format_message(), lang)
    unknown = _NO_COMMAND.match(error.format_message())
    if unknown and error.ctx is not None:
        from ..suggest import did_you_mean

        text += did_you_mean(unknown["name"], getattr(error.ctx.command, "commands", {}), lang)
    return text


_NO_COMMAND = re.compile(r"^No such command '(?P<name>.*)'\.$")


def _hint(error: Exception) -> str:
    param_hint = getattr(error, "param_hint", None)
    param = getattr(error, "param", None)
    if param_hint is None and param is not None:
        param_hint = param.get_error_hint()
    if param_hint is None:
        return ""
    if isinstance(param_hint, (list, tuple)):
        return " / ".join(str(h) for h in param_hint)
    return str(param_hint)


_PYDANTIC_PREFIX = re.compile(r"^(Value error|Assertion failed), ")
_NOT_ONE_OF = re.compile(r"^(?P<value>'.*?') is not one of (?P<choices>.*?)\.?$", re.S)


def _value_detail(message: str, lang: str) -> str:
    """The reason a value was refused, without pydantic's "Value error," prefix."""
    message = _PYDANTIC_PREFIX.sub("", str(message))
    found = _NOT_ONE_OF.match(message)
    if found:
        return messages.framework("{value} is not one of: {choices}", lang).format(
            value=found["value"], choices=found["choices"])
    return messages.framework(message, lang)


_SENTENCES = (
    (re.compile(r"^No such command '(?P<name>.*)'\.$"), "No such command {name}."),
    (re.compile(r"^Option '(?P<name>.*)' requires an argument\.$"),
     "Option {name} requires an argument."),
    (re.compile(r"^Option '(?P<name>.*)' requires (?P<n>\d+) arguments\.$"),
     "Option {name} requires {n} arguments."),
    (re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$", re.S),
     "Got unexpected extra arguments: {args}"),
    (re.compile(r"^Option '(?P<name>.*)' does not take a value\.$"),
     "Option {name} does not take a value."),
)


def _sentence(message: str, lang: str) -> str:
    for pattern, msgid in _SENTENCES:
        found = pattern.match(message)
        if found:
            return messages.framework(msgid, lang).format(**found.groupdict())
    return messages.framework(message, lang)


def show_usage_error(error: Exception, lang: str) -> None:
    """Print a usage error the way click does (usage, help hint, message), in ``lang``."""
    t = messages.framework
    ctx = getattr(error, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(t("Try '{command} {option}' for help.", lang).format(
                command=ctx.command_path, option=ctx.help_option_names[0]))
        lines.append("")
    message = usage_message(error, lang) if isinstance(error, _exc.UsageError) else \
        _sentence(error.format_message(), lang)
    lines.append(t("Error: {message}", lang).format(message=message))
    print("\n".join(lines), file=sys.stderr)


class PlanGroup(_typer_core.TyperGroup):
    """The ``plan`` group: localize the help, then word usage errors in the user's language."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        lang = language_of(argv)
        _CHOSEN[0] = lang
        RUN.clear()
        localize(self, lang)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except _exc.NoArgsIsHelpError as error:  # `plan` alone: the help, on stderr
            print(error.format_message(), file=sys.stderr)
            sys.exit(error.exit_code)
        except _exc.ClickException as error:
            show_usage_error(error, lang)
            sys.exit(error.exit_code)
        except Abort:
            print(messages.framework("Aborted!", lang), file=sys.stderr)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)
