"""The pipeline: ingestion (ingest.py), the later stages in their order (stages.py), and the
runner that every entry point calls to move pending work forward (runner.py)."""

from newsdesk.pipeline.ingest import (
    IngestReport,
    InputOutcome,
    ingest_paths,
    ingest_raws,
    list_inputs,
    read_input,
)
from newsdesk.pipeline.runner import StageReport, advance, recluster, retry, run_stage
from newsdesk.pipeline.stages import (
    EMBED,
    ENRICH,
    INDEX,
    STAGE_NAMES,
    STAGES,
    STORIES,
    Stage,
    StageOptions,
)

__all__ = [
    "EMBED",
    "ENRICH",
    "INDEX",
    "STORIES",
    "STAGES",
    "STAGE_NAMES",
    "IngestReport",
    "InputOutcome",
    "Stage",
    "StageOptions",
    "StageReport",
    "advance",
    "ingest_paths",
    "ingest_raws",
    "list_inputs",
    "read_input",
    "recluster",
    "retry",
    "run_stage",
]
