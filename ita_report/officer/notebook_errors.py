"""An ``InputError`` in a notebook shows as the terminal shows it: one paragraph, Thai then
English, no traceback. Other errors keep their traceback (they are for whoever maintains it).

Installed by importing ``ita_report`` inside an IPython kernel; never changes how an error
is raised, so papermill and ``ita-report run`` still see the error's name and message.
"""

from __future__ import annotations

from typing import Any

from ita_report.errors import InputError


def _render(exc: BaseException) -> str:
    from ita_report.extras import MissingExtra

    if isinstance(exc, InputError):
        return exc.render()
    if isinstance(exc, MissingExtra):
        return str(exc)
    raise TypeError(type(exc).__name__)


def _show_for_people(
    shell: Any, etype: type[BaseException], value: BaseException, tb: Any,
    tb_offset: int | None = None,
) -> list[str]:
    """IPython's custom exception handler: the structured traceback is the message alone.

    Shown the way IPython shows any error (the kernel's ``error`` message, with ``ename`` and
    ``evalue``), so Run All stops there and papermill still tells an ``InputError`` from any
    other failure; only the traceback lines are replaced by the message.
    """
    stb = [_render(value)]
    shell._showtraceback(etype, value, stb)
    return stb


def install(shell: Any = None) -> bool:
    """Show ``InputError`` (and a missing extra) for people in ``shell`` (the running IPython).

    Returns whether a shell was found. Called on ``import ita_report``; harmless to repeat.
    """
    if shell is None:
        import sys

        if "IPython" not in sys.modules:  # not in a kernel: never import IPython for nothing
            return False
        from IPython import get_ipython

        shell = get_ipython()
    if shell is None:
        return False
    from ita_report.extras import MissingExtra

    shell.set_custom_exc((InputError, MissingExtra), _show_for_people)
    return True

