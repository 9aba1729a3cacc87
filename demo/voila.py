"""Voila settings for `make demo`: idle kernels are culled and at most MAX_KERNELS run.

Voila starts one kernel (about 130 MB) per page load. A kernel whose page was closed or
reloaded has no connection left; after CULL_IDLE_SECONDS without activity it is shut down.
A kernel with an open page is kept however long it is idle, so a demo left open on the
projector keeps its state. Past MAX_KERNELS running kernels a new page load gets
"503: Too many explorers open" instead of a kernel. Both can be set from the environment:
``DEMO_MAX_KERNELS=40 DEMO_CULL_SECONDS=300 make demo``.
"""

import os

import jinja2
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from nbconvert.exporters.templateexporter import TemplateExporter
from tornado import web

CULL_IDLE_SECONDS = int(os.environ.get("DEMO_CULL_SECONDS", 600))
MAX_KERNELS = int(os.environ.get("DEMO_MAX_KERNELS", 16))


class CappedKernelManager(AsyncMappingKernelManager):
    """Refuses to start a kernel while MAX_KERNELS are running."""

    async def start_kernel(self, *args, **kwargs):
        if len(self.list_kernel_ids()) >= MAX_KERNELS:
            raise web.HTTPError(503, reason=(
                f"Too many explorers open ({MAX_KERNELS}): close a tab, or wait up to "
                f"{CULL_IDLE_SECONDS} s until an abandoned one is shut down"))
        return await super().start_kernel(*args, **kwargs)


c = get_config()  # noqa: F821 -- provided by traitlets when Voila loads this file
c.VoilaConfiguration.multi_kernel_manager_class = CappedKernelManager
c.MappingKernelManager.cull_idle_timeout = CULL_IDLE_SECONDS
c.MappingKernelManager.cull_interval = min(60, CULL_IDLE_SECONDS)
c.MappingKernelManager.cull_connected = False


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
