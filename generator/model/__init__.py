"""Stage 2: the typed plan model (pydantic v2). Renderers see these objects, never raw YAML."""

from generator.model.base import PartialDate
from generator.model.body import Section, TableBlock, TaskTableBlock
from generator.model.bullets import BulletItem, BulletList
from generator.model.kpi import Kpi, Target
from generator.model.legal import Basis, LegalDocument
from generator.model.plan import Appendix, Issuer, Plan, Presentation, Recipients, Signer
from generator.model.tables import Cell, Column, Row, Table, TaskTable
from generator.model.tasks import Period, Task, TaskGroup

BulletItem.model_rebuild()
Section.model_rebuild()

__all__ = [
    "Appendix", "Basis", "BulletItem", "BulletList", "Cell", "Column", "Issuer", "Kpi",
    "LegalDocument", "PartialDate", "Period", "Plan", "Presentation", "Recipients", "Row",
    "Section", "Signer", "Table", "TableBlock", "Target", "Task", "TaskGroup", "TaskTable",
    "TaskTableBlock",
]
