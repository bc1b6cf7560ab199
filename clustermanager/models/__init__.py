"""SQLAlchemy models, one module per aggregate. Importing this package registers every table."""

from clustermanager.models.activity import ACTIVITY_KINDS, Activity, Participation
from clustermanager.models.base import Base
from clustermanager.models.cluster import ClusterKind, ClusterProfile, ClusterYear, Setting
from clustermanager.models.fees import (
    FeeCall,
    FeeCallStatus,
    FeeSchedule,
    InKindContribution,
    Payment,
    PaymentSource,
)
from clustermanager.models.history import ChangeAction, ChangeRecord
from clustermanager.models.indicator import (
    CustomIndicator,
    CustomIndicatorValue,
    IndicatorTarget,
    TargetSource,
)
from clustermanager.models.invoicing import CreditNote, DocumentKind, DocumentSequence, VatGround
from clustermanager.models.mailing import Mailing, MailingRecipient, MailTemplate, SavedSelection
from clustermanager.models.member import Contact, Member, MemberKind, SizeClass
from clustermanager.models.project import (
    MIN_COMPANIES,
    FundingSource,
    PartnerRole,
    Project,
    ProjectKind,
    ProjectPartner,
    ProjectStatus,
)
from clustermanager.models.project_pipeline import PartnerFunding, Programme, ProjectApplication
from clustermanager.models.project_status import ProjectStatusChange
from clustermanager.models.report import FrozenReport, ReportNarrative

__all__ = [
    "ACTIVITY_KINDS", "Activity", "Base", "ChangeAction", "ChangeRecord", "ClusterKind", "ClusterProfile",
    "ClusterYear", "Contact", "CreditNote", "CustomIndicator", "CustomIndicatorValue", "DocumentKind",
    "DocumentSequence", "FeeCall", "FeeCallStatus", "FeeSchedule", "FrozenReport", "FundingSource",
    "InKindContribution", "IndicatorTarget", "MIN_COMPANIES", "MailTemplate", "Mailing", "MailingRecipient",
    "Member", "MemberKind", "Participation", "PartnerFunding", "PartnerRole", "Payment", "PaymentSource",
    "Programme", "Project", "ProjectApplication", "ProjectKind", "ProjectPartner", "ProjectStatus",
    "ProjectStatusChange", "ReportNarrative", "SavedSelection", "Setting", "SizeClass", "TargetSource",
    "VatGround",
]
