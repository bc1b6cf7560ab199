"""The mail templates the app ships, per language: (subject, body). The user's edits are kept in the
database (`mail_template` table) and win over these; removing an edit brings the shipped text back.
Fields are written `{field}`; `services.mail_templates.FIELDS` lists them."""

from __future__ import annotations

SHIPPED: dict[str, dict[str, tuple[str, str]]] = {
    "invitation": {
        "nl": (
            "Uitnodiging: {activity_title} op {activity_date}",
            "Beste {first_name},\n\n"
            "Graag nodigen we u uit voor {activity_title} op {activity_date}{activity_time_text}.\n"
            "Waar: {activity_place}\n\n"
            "{activity_description}\n\n"
            "In de bijlage vindt u de uitnodiging voor uw agenda. Laat ons weten of u erbij bent door op "
            "deze e-mail te antwoorden.\n\n"
            "Met vriendelijke groeten,\n{cluster}\n{cluster_email}\n",
        ),
        "fr": (
            "Invitation : {activity_title} le {activity_date}",
            "Madame, Monsieur,\n\n"
            "Nous avons le plaisir de vous inviter à {activity_title} le {activity_date}{activity_time_text}.\n"
            "Lieu : {activity_place}\n\n"
            "{activity_description}\n\n"
            "Vous trouverez en annexe l'invitation pour votre agenda. Nous vous saurions gré de confirmer "
            "votre présence en répondant à ce message.\n\n"
            "Veuillez agréer nos salutations distinguées,\n{cluster}\n{cluster_email}\n",
        ),
        "en": (
            "Invitation: {activity_title} on {activity_date}",
            "Dear {first_name},\n\n"
            "We are pleased to invite you to {activity_title} on {activity_date}{activity_time_text}.\n"
            "Where: {activity_place}\n\n"
            "{activity_description}\n\n"
            "The calendar invitation is attached. Please let us know whether you will attend by replying to "
            "this e-mail.\n\n"
            "Kind regards,\n{cluster}\n{cluster_email}\n",
        ),
    },
    "fee-call": {
        "nl": (
            "Lidgeld {fee_year} van {organisation}: factuur {fee_number}",
            "Beste {first_name},\n\n"
            "In de bijlage vindt u de factuur {fee_number} voor het lidgeld {fee_year} van {organisation} "
            "bij {cluster}.\n\n"
            "Bedrag: {fee_amount}\n"
            "Te betalen vóór {fee_due_date} op rekening {iban}\n"
            "met de gestructureerde mededeling {fee_communication}\n\n"
            "Dank u wel voor uw steun aan de cluster.\n\n"
            "Met vriendelijke groeten,\n{cluster}\n{cluster_email}\n",
        ),
        "fr": (
            "Cotisation {fee_year} de {organisation} : facture {fee_number}",
            "Madame, Monsieur,\n\n"
            "Vous trouverez en annexe la facture {fee_number} relative à la cotisation {fee_year} de "
            "{organisation} auprès de {cluster}.\n\n"
            "Montant : {fee_amount}\n"
            "À payer avant le {fee_due_date} sur le compte {iban}\n"
            "avec la communication structurée {fee_communication}\n\n"
            "Nous vous remercions de votre soutien au cluster.\n\n"
            "Veuillez agréer nos salutations distinguées,\n{cluster}\n{cluster_email}\n",
        ),
        "en": (
            "{fee_year} membership fee of {organisation}: invoice {fee_number}",
            "Dear {first_name},\n\n"
            "Please find attached invoice {fee_number} for the {fee_year} membership fee of {organisation} "
            "at {cluster}.\n\n"
            "Amount: {fee_amount}\n"
            "To be paid by {fee_due_date} to account {iban}\n"
            "with the structured communication {fee_communication}\n\n"
            "Thank you for supporting the cluster.\n\n"
            "Kind regards,\n{cluster}\n{cluster_email}\n",
        ),
    },
    "reminder": {
        "nl": (
            "Herinnering: lidgeld {fee_year} van {organisation} (factuur {fee_number})",
            "Beste {first_name},\n\n"
            "Volgens onze gegevens staat er voor factuur {fee_number} (lidgeld {fee_year}) nog "
            "{fee_outstanding} open. De vervaldag was {fee_due_date}.\n\n"
            "Wilt u dit bedrag overschrijven op rekening {iban} met de gestructureerde mededeling "
            "{fee_communication}? In de bijlage vindt u de herinneringsbrief.\n"
            "Hebt u intussen betaald, dan mag u dit bericht als onbestaande beschouwen.\n\n"
            "Met vriendelijke groeten,\n{cluster}\n{cluster_email}\n",
        ),
        "fr": (
            "Rappel : cotisation {fee_year} de {organisation} (facture {fee_number})",
            "Madame, Monsieur,\n\n"
            "Selon nos données, un montant de {fee_outstanding} reste dû sur la facture {fee_number} "
            "(cotisation {fee_year}). L'échéance était le {fee_due_date}.\n\n"
            "Nous vous prions de virer ce montant sur le compte {iban} avec la communication structurée "
            "{fee_communication}. Vous trouverez la lettre de rappel en annexe.\n"
            "Si vous avez payé entre-temps, nous vous prions de ne pas tenir compte de ce message.\n\n"
            "Veuillez agréer nos salutations distinguées,\n{cluster}\n{cluster_email}\n",
        ),
        "en": (
            "Reminder: {fee_year} membership fee of {organisation} (invoice {fee_number})",
            "Dear {first_name},\n\n"
            "According to our records, {fee_outstanding} is still open on invoice {fee_number} "
            "({fee_year} membership fee). It was due on {fee_due_date}.\n\n"
            "Please transfer this amount to account {iban} with the structured communication "
            "{fee_communication}. The reminder letter is attached.\n"
            "If you have paid in the meantime, please disregard this message.\n\n"
            "Kind regards,\n{cluster}\n{cluster_email}\n",
        ),
    },
}

# A paragraph added to a legal notice sent to someone who did not consent to mailings.
LEGAL_NOTICE = {
    "nl": "Dit bericht is een wettelijke kennisgeving (een factuur of betalingsherinnering). U ontvangt het "
          "ook al gaf u geen toestemming voor andere berichten van ons.",
    "fr": "Ce message est une notification légale (une facture ou un rappel de paiement). Vous le recevez "
          "même si vous n'avez pas consenti à recevoir nos autres messages.",
    "en": "This message is a legal notice (an invoice or payment reminder). You receive it even though you "
          "have not consented to other messages from us.",
}
