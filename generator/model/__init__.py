"""Stage 2: the typed plan model (pydantic v2). Renderers see these objects, never raw YAML."""

from generator.model.base import PartialDate
from generator.model.body import KpiTableBlock, Section, TableBlock, TaskTableBlock
from generator.model.bullets import BulletItem, BulletList
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
from generator.model.legal import Basis, LegalDocument
from generator.model.plan import Appendix, Issuer, Plan, Presentation, Recipients, Signer
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
    "DataMapping",
    "Issuer",
    "Kpi",
    "KpiTable",
    "KpiTableBlock",
    "LegalDocument",
    "Milestone",
    "PartialDate",
    "Period",
    "Plan",
    "Presentation",
    "Recipients",
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
    "TaskGroup",
    "TaskTable",
    "TaskTableBlock",
    "UnitGroup",
]
