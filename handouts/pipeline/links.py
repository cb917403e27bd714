"""What the build's plan gives an output that links to its neighbours (the registry's `links`: the web page, the leaflets):
the files of its edition that it offers for download, and its topic's other editions, each only when the plan
has it (so never a link to a file an --only build leaves unmade). Its cache key has them: a page is made again
when an edition or a file it links to comes or goes."""
from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.digests import digest
from handouts.render.context import Download, Sibling

if TYPE_CHECKING:
    from handouts.pipeline.build import Job


def with_links(jobs: list[Job], plan: list[Job], contents: dict[str, dict[str, str]]) -> list[Job]:
    """The jobs, those whose output links given their links from the `plan` (`contents`: what the state keeps
    of each content file: its language tag and the name of its language)."""
    return [linked(job, plan, contents) if job.output.links else job for job in jobs]


def linked(job: Job, plan: list[Job], contents: dict[str, dict[str, str]]) -> Job:
    downloads = tuple(Download(other.output.filename, other.output.offer, other.output.kind)
                      for other in plan if other.content == job.content and other.output.offered)
    siblings = tuple(sibling(other, contents.get(other.content, {})) for other in plan
                     if other.topic == job.topic and other.output == job.output and other.content != job.content)
    links = json.dumps([[asdict(d) for d in downloads], [asdict(s) for s in siblings]], sort_keys=True)
    return replace(job, key=digest(job.key, links), ctx=replace(job.ctx, downloads=downloads, siblings=siblings))


def sibling(other: Job, about: dict[str, str]) -> Sibling:
    """Another edition's page, relative to this one's (both in their language's folder of the topic)."""
    folder = other.path.parent.name
    return Sibling(Path("..", folder, other.path.name).as_posix(), about.get("lang", folder),
                   about.get("language_name", folder))
