"""Stage 2, model: what each value of a plan may be (pydantic v2, frozen).

Types, ranges, patterns and known keys: everything the JSON Schema also says. Rules that
relate values to each other (a target is typed *or* computed, a reference names an item
that exists) are the check stage's (:mod:`generator.check`).
"""

from generator.model.base import Markup, PartialDate
from generator.model.body import ContentBlock, KpiTableBlock, Section, TableBlock, TaskTableBlock
from generator.model.bullets import BulletItem, BulletList
from generator.model.inherit import Drop, Inheritance, TaskChange
from generator.model.kpi import (
    DataMapping,
    Kpi,
    Milestone,
    Result,
    ResultColumns,
    Rule,
    Target,
    UnitGroup,
)
from generator.model.legal import Basis, DocumentRef, LegalDocument, RegistryCitation
from generator.model.plan import (
    Appendix,
    Issuer,
    Plan,
    Presentation,
    Recipients,
    Signer,
    TaskText,
)
from generator.model.tables import Cell, Column, KpiTable, Row, Table, TaskTable
from generator.model.tasks import Period, Task, TaskGroup

BulletItem.model_rebuild()
Section.model_rebuild()

__all__ = [
    "Appendix",
    "Basis",
    "BulletItem",
    "BulletList",
    "Cell",
    "Column",
    "ContentBlock",
    "DataMapping",
    "DocumentRef",
    "Drop",
    "Inheritance",
    "Issuer",
    "Kpi",
    "KpiTable",
    "KpiTableBlock",
    "LegalDocument",
    "Markup",
    "Milestone",
    "PartialDate",
    "Period",
    "Plan",
    "Presentation",
    "Recipients",
    "RegistryCitation",
    "Result",
    "ResultColumns",
    "Row",
    "Rule",
    "Section",
    "Signer",
    "Table",
    "TableBlock",
    "Target",
    "Task",
    "TaskChange",
    "TaskGroup",
    "TaskTable",
    "TaskTableBlock",
    "TaskText",
    "UnitGroup",
]
