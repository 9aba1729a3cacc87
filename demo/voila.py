"""Voila settings for `make demo`: idle kernels are culled and at most MAX_KERNELS run.

Voila starts one kernel (about 75 MiB) per page load. When a page is closed or reloaded,
it asks the server to shut its kernel down (``voila/api/shutdown``, sent as the page
unloads), so its place is free at once. A kernel whose page could not ask (a crashed
browser, a lost network) has no connection left; after CULL_IDLE_SECONDS without activity
it is shut down.
A kernel with an open page is kept however long it is idle, so a demo left open on the
projector keeps its state. Past MAX_KERNELS running or starting kernels a new page load gets
"503: Too many explorers open", with what to do, instead of a kernel. Both can be set from
the environment: ``DEMO_MAX_KERNELS=40 DEMO_CULL_SECONDS=300 make demo``.
"""

import os
import uuid

import jinja2
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from nbconvert.exporters.templateexporter import TemplateExporter
from tornado import web

CULL_IDLE_SECONDS = int(os.environ.get("DEMO_CULL_SECONDS", 600))
MAX_KERNELS = int(os.environ.get("DEMO_MAX_KERNELS", 16))
IOPUB_SECONDS = 120  # see c.VoilaExecutor.iopub_timeout below
REFUSED = (f"Too many explorers open ({MAX_KERNELS}): close an explorer tab you no longer "
           f"use, or wait up to {CULL_IDLE_SECONDS} s until an abandoned one is shut down, "
           "then reload this page")


class CappedKernelManager(AsyncMappingKernelManager):
    """Refuses to start a kernel while MAX_KERNELS are running or starting.

    A new kernel's id is reserved before its start is awaited (the count and the
    reservation happen with no ``await`` between them), so page loads arriving together
    cannot all pass the check before any of their kernels is listed.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.starting = set()  # ids of kernels accepted whose start has not finished

    async def start_kernel(self, *args, kernel_id=None, **kwargs):
        if kernel_id is not None and kernel_id in self:  # an existing kernel, nothing new
            return await super().start_kernel(*args, kernel_id=kernel_id, **kwargs)
        if len(self.starting | set(self.list_kernel_ids())) >= MAX_KERNELS:
            raise web.HTTPError(503, reason=REFUSED)  # the page shows "503: " + reason
        kernel_id = kernel_id or str(uuid.uuid4())
        self.starting.add(kernel_id)
        try:
            return await super().start_kernel(*args, kernel_id=kernel_id, **kwargs)
        finally:
            self.starting.discard(kernel_id)


def set_xsrf_cookie(handler, notebook, cwd):
    """Give the page its ``_xsrf`` cookie, which the shutdown request it sends on closing
    must carry: Voila's page handler never sets one, so every such request was refused
    (403 "'_xsrf' argument missing from POST") and a closed tab held its kernel, and its
    place under MAX_KERNELS, until culled. Reading ``xsrf_token`` sets the cookie."""
    handler.xsrf_token  # noqa: B018 -- read for its side effect


c = get_config()  # noqa: F821 -- provided by traitlets when Voila loads this file
c.VoilaConfiguration.prelaunch_hook = set_xsrf_cookie
c.VoilaConfiguration.multi_kernel_manager_class = CappedKernelManager
c.MappingKernelManager.cull_idle_timeout = CULL_IDLE_SECONDS
c.MappingKernelManager.cull_interval = min(60, CULL_IDLE_SECONDS)
c.MappingKernelManager.cull_connected = False
# The course's own template: Voila's lab template without its CDN links (share/jupyter/voila/).
c.VoilaConfiguration.template = "dnn_course"
# After the explorer's cell has run, Voila waits this long for the kernel's messages that
# draw it (about 190 widget models); nbclient's default, 4 s, ran out when a class opened the
# link together, and those pages stayed blank ("Timeout waiting for IOPub output").
c.VoilaExecutor.iopub_timeout = IOPUB_SECONDS


class CompiledTemplates(jinja2.BytecodeCache):
    """Voila builds a new Jinja environment for every page and so compiled its templates
    again for every page (a fifth of the server's time per page load); this keeps each
    template's compiled code, checked against the template's source, in memory."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED, CREATE_ENVIRONMENT = CompiledTemplates(), TemplateExporter._create_environment


def cached_environment(exporter):
    environment = CREATE_ENVIRONMENT(exporter)
    environment.bytecode_cache = COMPILED
    return environment


TemplateExporter._create_environment = cached_environment

