"""The sentences the guide uses: the outcome, each finding and milestone in rules.py,
and the application email's lines. Each comes in two forms: to the person applying
for themselves ("you"), and to someone finding out for another person.

Findings are written as what applies *if* the person gets a place: the guide informs,
the municipality decides."""

from flask_babel import lazy_gettext as _l

from .. import facts

# Numbers from the registry (content/facts.yml), the same in both languages.
DAYS = facts.value("days_own_home")
DAYS_FAMILY = facts.value("days_family")
COMMENT_DAYS = facts.value("comment_days")
PROCESSING_DAYS = facts.value("processing_days")
COMPLAINT_WEEKS = facts.value("complaint_weeks")

# The outcome: (heading, lead) for yourself and for another person.
OUTCOMES = {
    "likely": (
        (_l("The service seems to fit you"),
         _l("From your answers, the service seems to fit your situation. The municipality decides after a concrete, individual assessment.")),
        (_l("The service seems to fit the person"),
         _l("From your answers, the service seems to fit the person's situation. The municipality decides after a concrete, individual assessment.")),
    ),
    "unclear": (
        (_l("We cannot tell if the service fits you"),
         _l("From your answers, we cannot tell if the service fits your situation. The municipality assesses it if you apply.")),
        (_l("We cannot tell if the service fits the person"),
         _l("From your answers, we cannot tell if the service fits the person's situation. The municipality assesses it if you apply.")),
    ),
    "unlikely": (
        (_l("The service does not seem to fit you"),
         _l("From your answers, the service does not seem to fit your situation.")),
        (_l("The service does not seem to fit the person"),
         _l("From your answers, the service does not seem to fit the person's situation.")),
    ),
}

# For "unclear" and "unlikely": who the service is for, in plain words, and what to do.
TARGET_GROUP_PLAIN = _l("The service is for adults who find everyday life very hard, for example because of a disability, a mental illness, a brain injury or particular social problems. They also need help to be with other people, to keep up their social skills, or support and care to get going.")
ASK_FRONTEN = _l("Call Fronten to talk it through. The call commits you to nothing.")
ANYONE_MAY_APPLY = _l("Anyone can apply. The municipality then assesses each case.")

FINDINGS = {
    "scope_own_home_or_facility": (
        _l("If you get a place, it is %(days)s days a week. The municipality decides how many days.", days=DAYS),
        _l("If the person gets a place, it is %(days)s days a week. The municipality decides how many days.", days=DAYS),
    ),
    "scope_family": (
        _l("You live with family or relatives. Then you can get the service %(days)s days a week if there are special considerations (særlige hensyn). The municipality decides how many days.", days=DAYS_FAMILY),
        _l("The person lives with family or relatives. Then they can get the service %(days)s days a week if there are special considerations (særlige hensyn). The municipality decides how many days.", days=DAYS_FAMILY),
    ),
    "cost_day_free": (
        _l("You do not pay for the daytime service itself."),
        _l("The person does not pay for the daytime service itself."),
    ),
    "cost_evening_fee": (
        _l("An evening club may charge a monthly membership fee (kontingent). Ask the caseworker what it costs."),
        _l("An evening club may charge a monthly membership fee (kontingent). Ask the caseworker what it costs."),
    ),
    "cost_own_expenses": (
        _l("You pay for your own food and materials, and for the costs of activities and events."),
        _l("The person pays for their own food and materials, and for the costs of activities and events."),
    ),
    "transport_assessed": (
        _l("The municipality assesses whether you can get to and from the service safely on your own. If you cannot, it can cover your travel costs."),
        _l("The municipality assesses whether the person can get to and from the service safely on their own. If they cannot, it can cover their travel costs."),
    ),
    "transport_ask": (
        _l("Tell Fronten or the caseworker that you would like to hear about help with transport."),
        _l("Tell Fronten or the caseworker that you would like to hear about help with transport."),
    ),
    "activities_vary": (
        _l("The activities differ from service to service. The municipality tries to find a service with activities that suit you."),
        _l("The activities differ from service to service. The municipality tries to find a service with activities that suit the person."),
    ),
    "providers": (
        _l("As a rule, it is one of Ballerup Kommune's own services or a service near your home. It is always listed on Tilbudsportalen. You cannot choose the service freely."),
        _l("As a rule, it is one of Ballerup Kommune's own services or a service near the person's home. It is always listed on Tilbudsportalen. The person cannot choose the service freely."),
    ),
    "expectations": (
        _l("At the service, you are asked to come on time, to say when you cannot come, and to follow what the staff ask."),
        _l("At the service, the person is asked to come on time, to say when they cannot come, and to follow what the staff ask."),
    ),
    "follow_up": (
        _l("Your caseworker follows how often you come and the goals you work towards."),
        _l("The caseworker follows how often the person comes and the goals they work towards."),
    ),
    "can_end": (
        _l("The place can end if your situation changes, or if you do not use it or come very rarely. It ends if you move to another municipality."),
        _l("The place can end if the person's situation changes, or if they do not use it or come very rarely. It ends if they move to another municipality."),
    ),
    # Someone Ballerup placed in a residential facility elsewhere already lives in another
    # municipality: as a rule Ballerup stays the one that decides while the placement lasts.
    "can_end_placed": (
        _l("The place can end if your situation changes, or if you do not use it or come very rarely. You live outside Ballerup Kommune, in a residential facility that Ballerup Kommune gave you a place in. As a rule, Ballerup Kommune decides while you live there. If you move, ask your caseworker what happens to the place."),
        _l("The place can end if the person's situation changes, or if they do not use it or come very rarely. The person lives outside Ballerup Kommune, in a residential facility that Ballerup Kommune gave them a place in. As a rule, Ballerup Kommune decides while they live there. If they move, ask the caseworker what happens to the place."),
    ),
}

MILESTONES = {
    "caseworker_contacts": (
        _l("A caseworker contacts you and invites you to a conversation. You agree together where it takes place."),
        _l("A caseworker makes contact and invites the person to a conversation. You agree together where it takes place."),
    ),
    "conversation": (
        _l("At the conversation, you go through the application together. The caseworker explains the rules."),
        _l("At the conversation, you go through the application together. The caseworker explains the rules."),
    ),
    "information_gathered": (
        _l("The caseworker gathers the information needed, for example a statement about your health from a doctor or hospital (statusattest). Sometimes the municipality's medical consultant looks at it."),
        _l("The caseworker gathers the information needed, for example a statement about the person's health from a doctor or hospital (statusattest). Sometimes the municipality's medical consultant looks at it."),
    ),
    "draft_decision": (
        _l("You get a draft decision and can comment on it: the consultation on the draft decision (partshøring). You have %(days)s days from receiving it.", days=COMMENT_DAYS),
        _l("A draft decision is sent, so the person can comment on it: the consultation on the draft decision (partshøring). There are %(days)s days from receiving it.", days=COMMENT_DAYS),
    ),
    "decision": (
        _l("You get the decision (afgørelse). It can take up to %(days)s working days from when the municipality receives the application.", days=PROCESSING_DAYS),
        _l("The municipality sends its decision (afgørelse). It can take up to %(days)s working days from when the municipality receives the application.", days=PROCESSING_DAYS),
    ),
    "complaint_possible": (
        _l("If you disagree, you can complain. The municipality must have the complaint within %(weeks)s weeks of the day you received the decision.", weeks=COMPLAINT_WEEKS),
        _l("If the person disagrees, a complaint can be made. The municipality must have the complaint within %(weeks)s weeks of the day the decision was received.", weeks=COMPLAINT_WEEKS),
    ),
}


def in_form(texts, for_self):
    """The text for yourself or for another person, from an (own, other) pair."""
    own, other = texts
    return own if for_self else other


# The application email's lines about the application, as plain facts (yourself,
# another person). Only what starting a case needs: nothing about function,
# health or needs, and no negative answers (see tests/test_email_privacy.py).
EMAIL_FACTS = {
    ("residence", "yes"): (_l("I live in Ballerup Kommune."),
                           _l("The person lives in Ballerup Kommune.")),
    # Only someone Ballerup placed in a residential facility elsewhere gets this far with "No".
    ("residence", "no"): (_l("I live outside Ballerup Kommune."),
                          _l("The person lives outside Ballerup Kommune.")),
    ("housing", "own_home"): (_l("I live in my own home."),
                              _l("The person lives in their own home.")),
    ("housing", "residential"): (_l("I live in a residential facility (botilbud)."),
                                 _l("The person lives in a residential facility (botilbud).")),
    ("housing", "family"): (_l("I live with my family or relatives."),
                            _l("The person lives with family or relatives.")),
    ("placed_by", "ballerup"): (_l("Ballerup Kommune gave me the place in the residential facility."),
                                _l("Ballerup Kommune gave the person the place in the residential facility.")),
    ("timing", "day"): (_l("I would like a daytime service."),
                        _l("The person would like a daytime service.")),
    ("timing", "evening"): (_l("I would like an evening club."),
                            _l("The person would like an evening club.")),
    ("timing", "both"): (_l("I would like both a daytime service and an evening club."),
                         _l("The person would like both a daytime service and an evening club.")),
    ("timing", "unsure"): (_l("I would like to hear about both daytime services and evening clubs."),
                           _l("I would like to hear about both daytime services and evening clubs.")),
    ("transport", "no"): (_l("I would like to hear about help with transport."),
                          _l("I would like to hear about help with transport.")),
    ("transport", "unsure"): (_l("I would like to hear about help with transport."),
                              _l("I would like to hear about help with transport.")),
}

RELATIONS = {
    "relative": _l("I am a relative or someone close to the person."),
    "guardian": _l("I am the person's guardian (værge)."),
    "professional": _l("I help the person in my work."),
}

# What the municipality may ask to see before it talks with someone applying for another
# person: (the email's line, the form's line). A guardian shows the appointment, not consent.
_CONSENT = (_l("I know that the municipality may ask for consent or a power of attorney."),
            _l("The municipality may ask for the person's consent or a power of attorney before it can talk with you about the case."))
MAY_ASK = {
    "relative": _CONSENT,
    "guardian": (_l("I know that the municipality may ask to see the decision about the guardianship."),
                 _l("The municipality may ask to see the decision about the guardianship. It shows what you may do on the person's behalf.")),
    "professional": _CONSENT,
}

# The result's "In short" list (for a likely outcome): short, neutral lines that
# read right for yourself and for another person.
IN_SHORT = {
    "scope_own_home_or_facility": _l("%(days)s days a week, if a place is granted", days=DAYS),
    "scope_family": _l("%(days)s days a week for special considerations, if a place is granted", days=DAYS_FAMILY),
    "cost_day_free": _l("Daytime: no charge for the service itself"),
    "cost_evening_fee": _l("Evening club: may have a monthly fee"),
    "cost_own_expenses": _l("Own costs: food, materials, activities and events"),
    "transport_assessed": _l("Travel costs can be covered if it is not safe to travel alone"),
}

# The result's groups: (heading, the text of its one link to the rules, or None where
# the section would only repeat what the result already says). The last two are
# folded together under one "More about the service".
GROUPS = {
    "scope": (_l("Days a week"), _l("Read the rules about days a week")),
    "costs": (_l("What it costs"), _l("Read the rules about costs")),
    "transport": (_l("Transport"), _l("Read the rules about transport")),
    "place": (None, _l("Read about the activities and the services")),
    "your_part": (None, None),
}


# The application form's hint under "Your name", when applying for someone else.
APPLYING_AS = {
    "relative": _l("You are applying as a relative or someone close to the person."),
    "guardian": _l("You are applying as the person's guardian (værge)."),
    "professional": _l("You are applying as someone who helps the person in your work."),
}
# The same on the easy form (after the easy result).
APPLYING_AS_EASY = {
    "relative": _l("You apply as family, or as someone close to the person."),
    "guardian": _l("You apply as the person's guardian (værge)."),
    "professional": _l("You apply because you help the person in your work."),
}
_CONSENT_EASY = _l("The municipality may ask if the person agrees. Or it may ask for a power of attorney (fuldmagt).")
MAY_ASK_EASY = {
    "relative": _CONSENT_EASY,
    "guardian": _l("The municipality may ask to see the paper that says you are the guardian."),
    "professional": _CONSENT_EASY,
}
