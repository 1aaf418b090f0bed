"""A warm kernel: one Jupyter kernel kept alive to execute the report notebook many times.

Starting a kernel and importing pandas and matplotlib in it costs seconds; a batch pays that
once per worker. Between two notebooks the kernel's namespace is reset, so nothing one agency's
run defines is ever visible to the next. This module starts, resets and replaces the kernel; it
never runs a notebook's cells (:func:`ita_report.run.notebook.execute` does, given this kernel).
Never share a WarmKernel between threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import Unicode

#: Seconds one cell may run before the report is given up (``--timeout``): far above what a
#: report's slowest cell needs (about a second), low enough that a hung cell cannot hold a
#: worker, or an officer's terminal, for long.
CELL_TIMEOUT = 300.0

#: Run before every notebook: empty the user namespace (modules stay imported: that is the
#: point of a warm kernel, and the package keeps no per-agency state in them). Not ``%reset -f``:
#: that also runs a full garbage collection, about 100 ms a report with pandas and matplotlib
#: loaded. Cells run without history, so ``In``/``Out`` hold nothing of an earlier agency;
#: they are emptied anyway. The comprehension's variable stays local: nothing is left behind.
RESET_CODE = (
    "[get_ipython().user_ns.pop(_k, None) for _k in list(get_ipython().user_ns)"
    " if _k not in get_ipython().user_ns_hidden]; "
    "get_ipython().user_ns['Out'].clear(); del get_ipython().user_ns['In'][1:]; "
    "get_ipython().user_ns.update(_='', __='', ___='')"
)


class QuietKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel writes its own log lines to a file instead of the terminal.

    The kernel's stderr carries IPKernelApp's messages ("Kernel is running over TCP without
    encryption", "KeyboardInterrupt caught in kernel" at shutdown), not cell output, which
    arrives over the iopub channel anyway. Pass it to nbclient (or papermill) as
    ``kernel_manager_class``; ``stderr_path`` empty discards those lines.
    """

    stderr_path = Unicode("", help="File the kernel's stderr is appended to; empty: discarded.")
    #: Added to the kernel's environment (this process's own, inherited): how a run hands its
    #: kernel a secret that is never written into the notebook (:func:`with_environment`).
    extra_env: Mapping[str, str] = {}

    async def _async_start_kernel(self, **kw: Any) -> None:
        if self.extra_env and "env" not in kw:
            kw["env"] = {**os.environ, **self.extra_env}
        if "stderr" in kw:
            await super()._async_start_kernel(**kw)
            return
        if not self.stderr_path:
            await super()._async_start_kernel(stderr=subprocess.DEVNULL, **kw)
            return
        Path(self.stderr_path).parent.mkdir(parents=True, exist_ok=True)
        # Popen duplicates the descriptor; ours can be closed once the kernel has started.
        with open(self.stderr_path, "ab") as log:
            await super()._async_start_kernel(stderr=log, **kw)

    start_kernel = _async_start_kernel


def with_environment(env: Mapping[str, str]) -> type[QuietKernelManager]:
    """A :class:`QuietKernelManager` whose kernels also get ``env``: for papermill, which takes
    a kernel manager class and starts the kernel itself."""
    return type("QuietKernelManager", (QuietKernelManager,), {"extra_env": dict(env)})


class WarmKernel:
    """One kernel, started once and reused for every notebook this worker executes.

    >>> from ita_report.run.notebook import execute
    >>> with WarmKernel(cwd=".") as kernel:  # doctest: +SKIP
    ...     executed = execute(notebook, parameters, kernel=kernel)
    """

    def __init__(
        self,
        *,
        cwd: str | Path,
        kernel_name: str = "python3",
        stderr_path: str | Path | None = None,
        timeout: float = CELL_TIMEOUT,
        startup_timeout: float = 60,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.cwd = str(cwd)
        #: Added to the kernel's environment, again at every restart (the document key).
        self.env = dict(env or {})
        self.kernel_name = kernel_name
        self.stderr_path = str(stderr_path or "")
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        # One loop for this kernel's whole life: the async client's sockets belong to it.
        self._loop = asyncio.new_event_loop()
        self._km: QuietKernelManager | None = None
        self._kc: Any = None
        self._language_info: dict[str, Any] = {}
        #: Notebooks executed to the end in this kernel (and those before it was replaced).
        self.runs = 0

    # -- lifecycle ------------------------------------------------------------------------
    def __enter__(self) -> WarmKernel:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.shutdown()

    @property
    def alive(self) -> bool:
        return self._km is not None and bool(self.run(self._km.is_alive()))

    @property
    def pid(self) -> int | None:
        """The kernel process's id (tests use it to prove the kernel was reused)."""
        provisioner = getattr(self._km, "provisioner", None)
        pid = getattr(provisioner, "pid", None)
        return int(pid) if pid is not None else None

    def start(self) -> None:
        """Start the kernel (no-op when it is already running)."""
        if self._km is not None:
            return
        km = with_environment(self.env)(kernel_name=self.kernel_name,
                                        stderr_path=self.stderr_path)
        self.run(km.start_kernel(cwd=self.cwd))
        kc = km.client()
        kc.start_channels()
        try:
            self.run(kc.wait_for_ready(timeout=self.startup_timeout))
            reply = self.run(kc.kernel_info(reply=True, timeout=self.startup_timeout))
        except Exception:
            kc.stop_channels()
            self.run(km.shutdown_kernel(now=True))
            raise
        self._km, self._kc = km, kc
        self._language_info = dict(reply["content"].get("language_info", {}))

    def shutdown(self) -> None:
        """Stop the kernel; safe to call twice, and after the kernel died."""
        km, kc, self._km, self._kc = self._km, self._kc, None, None
        if kc is not None:
            kc.stop_channels()
        if km is not None:
            try:
                self.run(km.shutdown_kernel(now=False))
            except Exception:
                self.run(km.shutdown_kernel(now=True))
        if not self._loop.is_closed():
            self._loop.close()

    def restart(self) -> None:
        """A brand-new kernel (after a crash or a timeout left the old one unusable)."""
        km, kc, self._km, self._kc = self._km, self._kc, None, None
        if kc is not None:
            kc.stop_channels()
        if km is not None:
            with contextlib.suppress(Exception):
                self.run(km.shutdown_kernel(now=True))
        self.start()

    # -- between notebooks ------------------------------------------------------------------
    def ready(self) -> None:
        """A live kernel with an empty namespace, for the next notebook (started if need be)."""
        if self._km is not None and not self.alive:
            # Died while idle (killed, out of memory): resetting it would wait for the timeout.
            self.restart()
        self.start()
        try:
            self.reset()
        except (TimeoutError, RuntimeError):  # RuntimeError: also nbclient's DeadKernelError
            # A kernel that cannot even be reset would fail every agency after this one.
            self.restart()
            self.reset()

    def reset(self) -> None:
        """Empty the kernel's user namespace (what one agency's run defined)."""
        assert self._kc is not None
        reply = self.run(
            self._kc.execute(
                RESET_CODE, silent=True, store_history=False, reply=True, timeout=self.timeout
            )
        )
        if reply["content"].get("status") != "ok":
            raise RuntimeError(f"resetting the kernel failed: {reply['content']}")

    # -- what run.notebook.execute drives ---------------------------------------------------
    @property
    def manager(self) -> QuietKernelManager:
        """The started kernel's manager (call :meth:`ready` first)."""
        assert self._km is not None
        return self._km

    @property
    def client(self) -> Any:
        """The started kernel's client, its channels open (call :meth:`ready` first)."""
        assert self._kc is not None
        return self._kc

    @property
    def language_info(self) -> dict[str, Any]:
        """The kernel's ``language_info``, for an executed notebook's metadata."""
        return copy.deepcopy(self._language_info)

    def run(self, awaitable: Any) -> Any:
        """Wait for ``awaitable`` on this kernel's own event loop (its sockets belong to it)."""
        return self._loop.run_until_complete(awaitable)
