"""Text reuse and diffusion: passages shared between articles, who echoes whom, how fast.

:mod:`.reuse` (:func:`textstat_reuse`, aligned passage pairs), :mod:`.candidates`
(MinHash/LSH candidate pairs), :mod:`.align` (seed-and-extend alignment),
:mod:`.network` (:func:`textstat_reuse_network`, source group → echo group) and
:mod:`.diffusion` (:func:`textstat_formulation_diffusion`, provincial formulations →
cities). Method, parameters and limits: ``docs/reuse.md``.
"""

from bqw_research.textstat.reuse.diffusion import (
    DIFFUSION_COLUMNS,
    textstat_formulation_diffusion,
)
from bqw_research.textstat.reuse.network import NETWORK_COLUMNS, textstat_reuse_network
from bqw_research.textstat.reuse.places import passage_places, provincial_outlet
from bqw_research.textstat.reuse.reuse import REUSE_COLUMNS, source_order, textstat_reuse

__all__ = [
    "DIFFUSION_COLUMNS",
    "NETWORK_COLUMNS",
    "REUSE_COLUMNS",
    "passage_places",
    "provincial_outlet",
    "source_order",
    "textstat_formulation_diffusion",
    "textstat_reuse",
    "textstat_reuse_network",
]
