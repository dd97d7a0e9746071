"""The team's deployments, for ``prereview serve`` (one process, no work pool):
the same names, parameters, concurrency limits and (inactive) nightly schedule
as ``prefect.yaml`` declares for workers, so ``prereview submit`` finds
``review-document/team`` or ``review-batch/team`` whichever way they run.
"""

from __future__ import annotations

import os
from typing import Any

from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.schedules import Cron
from prefect.types.entrypoint import EntrypointType

from prereview_flows.batch import review_batch
from prereview_flows.history import track_revisions
from prereview_flows.review import review_document

NAME = "team"
NIGHTLY = "nightly"
NIGHTLY_FOLDER_ENV = "PREREVIEW_NIGHTLY_FOLDER"
NIGHTLY_CRON = "0 2 * * 1-5"
"""02:00 UTC on weekdays: the board is ready before the morning's meetings."""
LIMITS = {"review-document": 8, "review-batch": 2, "track-revisions": 4}
"""Runs of each deployment at once (more wait, ENQUEUE): with the global
``prereview-llm`` limit on LLM requests, one team's burst cannot flood the
model server."""
TAGS = ["prereview"]
MODULE = EntrypointType.MODULE_PATH
"""Entrypoints by module (``prereview_flows.review.review_document``), as in
prefect.yaml: whoever runs a deployment imports the installed package, from any
folder, with no code to copy."""


def _limit(flow_name: str) -> ConcurrencyLimitConfig:
    return ConcurrencyLimitConfig(limit=LIMITS[flow_name],
                                  collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)


def deployments() -> list[Any]:
    """RunnerDeployments of the three flows (and the nightly board of the shared
    folder ``$PREREVIEW_NIGHTLY_FOLDER``, its schedule inactive until someone
    turns it on in the UI or with ``prefect deployment schedule resume``)."""
    folder = os.environ.get(NIGHTLY_FOLDER_ENV, "").strip() or "/srv/prereview/meetings"
    return [
        review_document.to_deployment(
            name=NAME, tags=TAGS, concurrency_limit=_limit("review-document"),
            entrypoint_type=MODULE,
            description="One document: submitted bytes (content, name) or a path the "
                        "worker can read.",
        ),
        review_batch.to_deployment(
            name=NAME, tags=TAGS, concurrency_limit=_limit("review-batch"),
            entrypoint_type=MODULE,
            description="A readiness board: submitted documents, or folders the worker "
                        "can read (paths).",
        ),
        review_batch.to_deployment(
            name=NIGHTLY, tags=[*TAGS, "nightly"], entrypoint_type=MODULE,
            concurrency_limit=ConcurrencyLimitConfig(
                limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW),
            parameters={"paths": [folder], "only_wb": True},
            schedules=[Cron(NIGHTLY_CRON, timezone="UTC", active=False,
                            parameters={"paths": [folder], "only_wb": True})],
            description="The shared meeting folder's board every weekday night (schedule "
                        "inactive until turned on).",
        ),
        track_revisions.to_deployment(
            name=NAME, tags=TAGS, concurrency_limit=_limit("track-revisions"),
            entrypoint_type=MODULE,
            description="A document's recorded reviews (the history store) as artifacts.",
        ),
    ]


def serve_all(limit: int | None = None) -> None:
    """Serve every deployment from this process until interrupted."""
    from prefect import serve

    serve(*deployments(), limit=limit, print_starting_message=False)
