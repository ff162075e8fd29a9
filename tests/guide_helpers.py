"""Walking the guide through Flask's test client, and the site's paths in each language."""

import re

from webapp.guide.questions import SLUGS, applicable
from webapp.pages import TOPIC_SLUGS

ANSWERS = {"who": "self", "residence": "yes", "target": "yes", "needs": ["social_contact"],
           "housing": "own_home", "timing": "day", "transport": "no"}

DETAILS = {"name": "Åse Ørnsø", "phone": "12 34 56 78", "email": "aase@example.dk",
           "best_time": "Formiddag", "message": "Jeg vil gerne møde andre."}

# Pages whose path differs by language (questions are in SLUGS, by their key).
PATHS = {
    "da": {"check": "/da/guide/tjek", "result": "/da/guide/resultat",
           "easy_result": "/da/guide/resultat/let", "easy_apply": "/da/guide/ansoegning/let",
           "easy_sending": "/da/guide/mailen/let",
           "apply": "/da/guide/ansoegning", "sending": "/da/guide/mailen", "outside": "/da/guide/anden-kommune",
           "restart": "/da/guide/forfra", "finish": "/da/guide/afslut",
           "cleared": "/da/guide/ryddet", "expired": "/da/guide/udloebet",
           "keep_alive": "/da/guide/forlaeng", "deadlines": "/da/frister", "complaint": "/da/klage",
           "service_level": "/da/serviceniveau/", "contact": "/da/kontakt",
           "accessibility": "/da/tilgaengelighed", "privacy": "/da/privatliv"},
    "en": {"check": "/en/guide/check", "result": "/en/guide/result",
           "easy_result": "/en/guide/result/easy", "easy_apply": "/en/guide/apply/easy",
           "easy_sending": "/en/guide/your-email/easy",
           "apply": "/en/guide/apply", "sending": "/en/guide/your-email", "outside": "/en/guide/other-municipality",
           "restart": "/en/guide/start-again", "finish": "/en/guide/finish",
           "cleared": "/en/guide/cleared", "expired": "/en/guide/expired",
           "keep_alive": "/en/guide/keep-alive", "deadlines": "/en/deadlines",
           "complaint": "/en/complaint", "service_level": "/en/service-level/",
           "contact": "/en/contact", "accessibility": "/en/accessibility",
           "privacy": "/en/privacy"},
}


def url(lang, name):
    """A page's path in `lang`: a question by its key, or a name from PATHS."""
    if name in SLUGS[lang]:
        return f"/{lang}/guide/{SLUGS[lang][name]}"
    return PATHS[lang][name]


def topic_url(lang, topic_id):
    """A topic page's path, in its language's words."""
    return PATHS[lang]["service_level"] + TOPIC_SLUGS[lang][topic_id]


def ends_at(lang, name):
    """A pattern for a URL that is this page (for Playwright's wait_for_url)."""
    return re.compile(re.escape(url(lang, name)) + "$")


def answer_all(client, lang="da", answers=ANSWERS):
    """Answer every question that applies, as a person would, and return the visited URLs."""
    visited = []
    for question in (q for q in applicable(answers) if q.key in answers):
        response = client.post(url(lang, question.key), data={"answer": answers[question.key]})
        assert response.status_code == 302, (question.key, response.status_code)
        visited.append(response.headers["Location"])
    return visited


def application_page(client, lang="da", answers=ANSWERS, details=DETAILS):
    answer_all(client, lang, answers)
    details = {**details, "applicant_name": "Bo Ørnsø"} if answers["who"] != "self" else details
    return client.post(url(lang, "apply"), follow_redirects=True, data=details)
