"""The sentences the result page uses for each finding and milestone in rules.py,
addressed to "you" or about "the person"."""

from flask_babel import lazy_gettext as _l

FINDINGS = {
    "own_municipality": (
        _l("Contact the municipality where you live. It decides on activity and social contact services for its own citizens."),
        _l("Contact the municipality where the person lives. It decides on activity and social contact services for its own citizens."),
    ),
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
