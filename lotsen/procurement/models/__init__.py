"""The models of sales and procurement, one module per part."""

from .consortia import (
    ChecklistItem,
    Consortium,
    ConsortiumMember,
    ConsortiumMessage,
    SupplierNetwork,
)
from .engagement import Interest, Invitation, Question, SavedSearch
from .opportunities import Lot, Opportunity, OpportunityDocument
from .reference import CpvCode, CpvIndustryLink, DirectAwardLimit
from .spend import Award, Purchase

__all__ = [
    "Award",
    "ChecklistItem",
    "Consortium",
    "ConsortiumMember",
    "ConsortiumMessage",
    "CpvCode",
    "CpvIndustryLink",
    "DirectAwardLimit",
    "Interest",
    "Invitation",
    "Lot",
    "Opportunity",
    "OpportunityDocument",
    "Purchase",
    "Question",
    "SavedSearch",
    "SupplierNetwork",
]
