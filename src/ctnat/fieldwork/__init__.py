"""Running an assessment in a new country: one folder, one command from data to report.

:func:`init` lays out the folder of a new assessment (the assessment file with
100 statuses to fill, the survey's XLSForm, the worksheet, folders for the
survey exports and interview records, a README); :func:`build` checks
everything in it at once, reads the survey exports and interview records it
finds, computes the survey and interview figures, scores, and writes the
report and the updated worksheet into ``out/``. :func:`build_many` adds the
comparison of several folders. The command line: ``ctnat init`` and
``ctnat build``.

```python
>>> import datetime as dt, tempfile
>>> from pathlib import Path
>>> from ctnat import fieldwork
>>> folder = fieldwork.init(Path(tempfile.mkdtemp()) / "kgz-2027", country="KGZ",
...                         round=dt.date(2027, 3, 1))
>>> sorted(p.name for p in folder.iterdir())
['README.md', 'assessment.yaml', 'instruments', 'interviews', 'survey', 'worksheet.xlsx']

```
"""

from __future__ import annotations

from ._bridge import interview_metrics, survey_summary
from ._build import Build, build, build_many
from ._folder import parse_round
from ._init import init

__all__ = [
    "Build",
    "build",
    "build_many",
    "init",
    "interview_metrics",
    "parse_round",
    "survey_summary",
]
