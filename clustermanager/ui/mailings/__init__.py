"""Mailings: selections of contacts, draft e-mails from templates, Bcc groups, the newsletter list, the log.

What it adds to the window is declared here (`FEATURE`, see shell/registry.py). The activity's event
documents (invitation, sign-in sheet, badges, certificates) live with the activities
(activities/event_documents.py), the e-mailed invoice with the member's Fees tab (fees/invoice_mail.py).
"""

from clustermanager.i18n import N_
from clustermanager.ui.shell.registry import Contributions, MemberTab, MenuAction, ScreenSpec

FEATURE = Contributions(
    screens=(ScreenSpec("mailings", N_("Mailings"), "clustermanager.ui.mailings.screen:MailingsScreen"),),
    menu_actions=(MenuAction("tools", N_("Mail &templates…"), None,
                             "clustermanager.ui.mailings.templates_dialog:edit_templates"),),
    member_tabs=(MemberTab(N_("Mailings"), "clustermanager.ui.mailings.member_tab:MemberMailingsTab"),),
)
