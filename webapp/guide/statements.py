"""The sentences the result page uses for each finding and milestone in rules.py,
addressed to "you" or about "the person"."""

from flask_babel import lazy_gettext as _l

FINDINGS = {
    "ends_on_moving": (
        _l("If you already have an offer from Ballerup Kommune, it ends when you move to another municipality."),
        _l("If the person already has an offer from Ballerup Kommune, it ends when they move to another municipality."),
    ),
    "individual_assessment": (
        _l("The municipality always makes a concrete, individual assessment of your situation. It offers the least intrusive help that meets your needs."),
        _l("The municipality always makes a concrete, individual assessment of the person's situation. It offers the least intrusive help that meets their needs."),
    ),
    "scope_own_home_or_facility": (
        _l("You can get an offer 1–4 days a week."),
        _l("The person can get an offer 1–4 days a week."),
    ),
    "scope_family": (
        _l("You can usually get an offer 1–4 days a week. Because you live with family or relatives, the municipality can assess whether there are special reasons for up to 5 days a week."),
        _l("The person can usually get an offer 1–4 days a week. Because they live with family or relatives, the municipality can assess whether there are special reasons for up to 5 days a week."),
    ),
    "cost_day_free": (
        _l("A daytime offer is free: there is no user payment."),
        _l("A daytime offer is free: there is no user payment."),
    ),
    "cost_evening_fee": (
        _l("An evening club may charge a monthly membership fee."),
        _l("An evening club may charge a monthly membership fee."),
    ),
    "cost_own_expenses": (
        _l("You pay for your own food and materials, and for activities and events."),
        _l("The person pays for their own food and materials, and for activities and events."),
    ),
    "transport_on_own": (
        _l("You get there on your own. The municipality only covers transport for people who cannot get there safely on their own."),
        _l("The person gets there on their own. The municipality only covers transport for people who cannot get there safely on their own."),
    ),
    "transport_covered": (
        _l("Your transport to and from the offer can be covered, because you cannot get there safely on your own."),
        _l("The person's transport to and from the offer can be covered, because they cannot get there safely on their own."),
    ),
    "transport_ask": (
        _l("If you cannot get there safely on your own, your transport to and from the offer can be covered. Tell the caseworker about it."),
        _l("If the person cannot get there safely on their own, their transport to and from the offer can be covered. Tell the caseworker about it."),
    ),
    "activities_vary": (
        _l("The activities differ from place to place. The municipality tries to find an offer with activities that suit you."),
        _l("The activities differ from place to place. The municipality tries to find an offer with activities that suit the person."),
    ),
    "providers": (
        _l("The offer is usually one of Ballerup Kommune's own, or one near your home. It is always listed on Tilbudsportalen. You cannot choose the provider freely."),
        _l("The offer is usually one of Ballerup Kommune's own, or one near the person's home. It is always listed on Tilbudsportalen. The person cannot choose the provider freely."),
    ),
    "expectations": (
        _l("You are expected to arrive on time, to tell the offer when you cannot come, and to follow the staff's instructions."),
        _l("The person is expected to arrive on time, to tell the offer when they cannot come, and to follow the staff's instructions."),
    ),
    "follow_up": (
        _l("Your caseworker follows how often you come, and the goals you work towards."),
        _l("The caseworker follows how often the person comes, and the goals they work towards."),
    ),
    "can_end": (
        _l("The offer can end if your situation changes, or if you do not use it or come very rarely. It ends if you move to another municipality."),
        _l("The offer can end if the person's situation changes, or if they do not use it or come very rarely. It ends if they move to another municipality."),
    ),
}

MILESTONES = {
    "caseworker_contacts": _l("A caseworker contacts you and invites you to a conversation. You agree together where it takes place."),
    "conversation": _l("At the conversation you go through the application, and the caseworker explains the rules."),
    "information_gathered": _l("The caseworker gathers the information needed, for example a status statement from a doctor or hospital. Sometimes the municipality's medical consultant looks at it."),
    "draft_decision": _l("You get a draft decision. You have 10 days from receiving it to comment."),
    "decision": _l("You get the decision. You can expect an answer within 30 working days of the municipality receiving the application."),
    "complaint_possible": _l("If you disagree, you can complain within 4 weeks of receiving the decision."),
}


def finding_text(key, for_self):
    own, other = FINDINGS[key]
    return own if for_self else other


# The guide's answers as plain sentences in the application email: (about yourself,
# about the person you apply for).
ANSWER_SENTENCES = {
    ("residence", "yes"): (_l("I live in Ballerup Kommune."),
                           _l("The person lives in Ballerup Kommune.")),
    ("target", "yes"): (
        _l("I have significantly reduced physical or mental function, or special social problems."),
        _l("The person has significantly reduced physical or mental function, or special social problems.")),
    ("target", "no"): (
        _l("I do not think I have significantly reduced physical or mental function, or special social problems."),
        _l("I do not think the person has significantly reduced physical or mental function, or special social problems.")),
    ("target", "unsure"): (
        _l("I am not sure whether I have significantly reduced physical or mental function, or special social problems."),
        _l("I am not sure whether the person has significantly reduced physical or mental function, or special social problems.")),
    ("needs", "some"): (_l("I need help with: %(needs)s."),
                        _l("The person needs help with: %(needs)s.")),
    ("needs", "none"): (_l("None of the needs in the guide fit me."),
                        _l("None of the needs in the guide fit the person.")),
    ("housing", "own_home"): (_l("I live in my own home."), _l("The person lives in their own home.")),
    ("housing", "residential"): (_l("I live in a residential facility (botilbud)."),
                                 _l("The person lives in a residential facility (botilbud).")),
    ("housing", "family"): (_l("I live with my family or relatives."),
                            _l("The person lives with their family or relatives.")),
    ("timing", "day"): (_l("I am looking for a daytime offer."),
                        _l("The person is looking for a daytime offer.")),
    ("timing", "evening"): (_l("I am looking for an evening club."),
                            _l("The person is looking for an evening club.")),
    ("timing", "both"): (_l("I am looking for both a daytime offer and an evening club."),
                         _l("The person is looking for both a daytime offer and an evening club.")),
    ("timing", "unsure"): (_l("I am not sure whether I need a daytime offer or an evening club."),
                           _l("I am not sure whether the person needs a daytime offer or an evening club.")),
    ("transport", "yes"): (_l("I can get to and from the offer safely on my own."),
                           _l("The person can get to and from the offer safely on their own.")),
    ("transport", "no"): (_l("I cannot get to and from the offer safely on my own."),
                          _l("The person cannot get to and from the offer safely on their own.")),
    ("transport", "unsure"): (_l("I am not sure whether I can get to and from the offer safely on my own."),
                              _l("I am not sure whether the person can get to and from the offer safely on their own.")),
}

RELATIONS = {
    "relative": _l("I am a relative or someone close to the person."),
    "guardian": _l("I am the person's guardian."),
    "professional": _l("I help the person in my work."),
}


def answer_sentence(key, value, for_self, **params):
    own, other = ANSWER_SENTENCES[key, value]
    return str(own if for_self else other) % params
