"""A command typed without what it needs, said in Thai and English with the fix (issue 24).

argparse says "the following arguments are required: --out" in English under the Thai line,
and neither says what ``--out`` is or how the whole command is typed. Here each missing
argument is named with its own help (the Thai part, then the English part) and the command is
shown as it should be typed, for every ``ita-report`` command.
"""

from __future__ import annotations

import argparse
import re

_REQUIRED = re.compile(r"^the following arguments are required: (?P<names>.+)$")
# "ไทย (English)": a help text's Thai and, in its last brackets without Thai, its English.
_HELP = re.compile(r"^(?P<th>.*?)\s*\((?P<en>[^()\u0E00-\u0E7F]*)\)\s*$", re.S)
# What a placeholder stands for, typed as an officer would (a fiscal year, Buddhist Era).
_EXAMPLES = {"YEAR": "2567"}


def _find(parser: argparse.ArgumentParser, name: str) -> argparse.Action | None:
    for action in parser._actions:
        if name in action.option_strings or name in (action.metavar, action.dest):
            return action
    return None


def _said(name: str, action: argparse.Action | None) -> tuple[str, str]:
    """``name`` with what it is, in Thai and in English."""
    if isinstance(action, argparse._SubParsersAction):
        commands = ", ".join(action.choices)
        return f"{name} (คำสั่งหนึ่งใน {commands})", f"{name} (one of the commands {commands})"
    text = " ".join((action.help or "").split()) if action is not None else ""
    if not text or text == argparse.SUPPRESS:
        return name, name
    parts = _HELP.match(text)
    if parts is None:
        return f"{name} ({text})", name
    return f"{name} ({parts.group('th')})", f"{name} ({parts.group('en')})"


def _typed(parser: argparse.ArgumentParser) -> str:
    """The command with its required arguments, as it should be typed."""
    words = [parser.prog]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            words.append(str(action.metavar or "COMMAND"))
        elif not action.option_strings:
            words.append(str(action.metavar or action.dest.upper()))
        elif action.required:
            value = str(action.metavar or action.dest.upper())
            words += [action.option_strings[-1], _EXAMPLES.get(value, value)]
    return " ".join(words)


def missing_arguments_said(message: str, parser: argparse.ArgumentParser) -> str | None:
    """The two lines (Thai, then English) for argparse's ``message`` when it is about missing
    arguments; ``None`` for any other message."""
    found = _REQUIRED.match(message)
    if found is None:
        return None
    names = [name.strip() for name in found.group("names").split(",") if name.strip()]
    said = [_said(name, _find(parser, name)) for name in names]
    typed, prog = _typed(parser), parser.prog
    return (
        f"{prog}: ต้องระบุ {' และ '.join(th for th, _en in said)}"
        f" — ที่ถูกต้อง: {typed} (ดูวิธีใช้ทั้งหมด: {prog} -h)\n"
        f"{prog}: missing {' and '.join(en for _th, en in said)}; expected {typed}"
        f" (all options: {prog} -h)\n"
    )
