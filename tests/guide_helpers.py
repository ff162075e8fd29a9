"""Walking the guide through Flask's test client."""

from webapp.guide.questions import applicable

ANSWERS = {"who": "self", "residence": "yes", "target": "yes", "needs": ["social_contact"],
           "housing": "own_home", "timing": "day", "transport": "no"}

DETAILS = {"name": "Åse Ørnsø", "phone": "12 34 56 78", "email": "aase@example.dk",
           "best_time": "Formiddag", "message": "Jeg vil gerne møde andre."}


def answer_all(client, lang="da", answers=ANSWERS):
    """Answer every question that applies, as a person would, and return the visited URLs."""
    visited = []
    for question in (q for q in applicable(answers) if q.key in answers):
        response = client.post(f"/{lang}/guide/{question.key}",
                               data={"answer": answers[question.key]})
        assert response.status_code == 302, (question.key, response.status_code)
        visited.append(response.headers["Location"])
    return visited


def application_page(client, lang="da", answers=ANSWERS, details=DETAILS):
    answer_all(client, lang, answers)
    details = {**details, "applicant_name": "Bo Ørnsø"} if answers["who"] != "self" else details
    return client.post(f"/{lang}/guide/ansoegning", data=details)
