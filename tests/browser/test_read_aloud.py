"""Read aloud, with a stand-in for the browser's speech synthesis: what is spoken,
in which language, pause and stop, and no button without a voice or without JavaScript."""

import pytest
from browser_helpers import NO_JS, PHONE, tab_to
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Replaces window.speechSynthesis before the page's script runs. The test reads what
# was spoken from window.__speech.spoken and ends an utterance with __speech.finish().
STAND_IN = """(voices) => {
  const listeners = {};
  const speech = {
    spoken: [], paused: false, cancelled: 0, current: null, voices: voices,
    getVoices() { return this.voices.map((lang) => ({lang, name: "Test " + lang})); },
    speak(utterance) { this.spoken.push({text: utterance.text, lang: utterance.lang}); this.current = utterance; },
    pause() { this.paused = true; },
    resume() { this.paused = false; },
    cancel() { this.cancelled += 1; this.current = null; },
    addEventListener(type, listener) { (listeners[type] = listeners[type] || []).push(listener); },
    finish() { const utterance = this.current; this.current = null; if (utterance && utterance.onend) utterance.onend({}); },
    loadVoices(langs) { this.voices = langs; (listeners.voiceschanged || []).forEach((f) => f(new Event("voiceschanged"))); },
  };
  Object.defineProperty(window, "speechSynthesis", {value: speech, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; this.voice = null; };
  window.__speech = speech;
}"""


def with_voices(page, voices):
    page.add_init_script(f"({STAND_IN})({voices!r})")
    return page


def spoken(page):
    return page.evaluate("window.__speech.spoken")


def test_reads_the_page_sentence_by_sentence_in_its_language(page):
    with_voices(page, ["da-DK"]).goto("/da/let/saadan-soeger-du")
    page.get_by_role("button", name="Læs op").click()
    assert spoken(page) == [{"text": "Sådan søger du", "lang": "da"}]
    assert page.locator("#read-aloud-text h1").get_attribute("class") == "reading"
    assert page.locator(".read-aloud-status").text_content() == "Læser op."
    for _ in range(4):
        page.evaluate("window.__speech.finish()")
    assert [item["text"] for item in spoken(page)] == [
        "Sådan søger du", "Ring til Fronten.", "Her kan du læse, hvad der sker, når du har søgt.",
        "Ring til Fronten", "Ring til Fronten på 44 77 34 43."]
    assert "reading" in page.locator("#apply + p").get_attribute("class")


@pytest.mark.parametrize("lang, path, names", [
    ("da", "/da/let/hvad-koster-det", ("Læs op", "Pause", "Stop", "Læs videre")),
    ("en", "/en/easy/costs-and-transport", ("Read aloud", "Pause", "Stop", "Continue reading")),
])
def test_play_pause_and_stop_are_separate_buttons(page, lang, path, names):
    play, pause, stop, resume = names
    with_voices(page, [lang]).goto(path)
    expect(page.get_by_role("button", name=pause)).to_be_hidden()
    page.get_by_role("button", name=play).click()
    expect(page.get_by_role("button", name=play)).to_be_hidden()
    # The pressed button is gone: the keyboard lands on its counterpart, not on the page.
    expect(page.get_by_role("button", name=pause)).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("window.__speech.paused") is True
    assert page.locator(".read-aloud-status").text_content() == ("Sat på pause." if lang == "da" else "Paused.")
    expect(page.get_by_role("button", name=resume)).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("window.__speech.paused") is False
    page.get_by_role("button", name=stop).click()
    assert page.evaluate("window.__speech.cancelled") >= 2
    assert page.locator(".reading").count() == 0
    expect(page.get_by_role("button", name=stop)).to_be_hidden()
    expect(page.get_by_role("button", name=play)).to_be_focused()
    count = len(spoken(page))
    page.evaluate("window.__speech.finish()")
    assert len(spoken(page)) == count, "nothing more is read after Stop"


@pytest.mark.parametrize("reduced", ["reduce", "no-preference"])
def test_the_page_follows_the_sentence_and_the_controls_stay_on_a_phone_screen(new_context, reduced):
    page = new_context(**PHONE, reduced_motion=reduced).new_page()
    with_voices(page, ["da"]).goto("/da/let/hvad-koster-det")
    page.get_by_role("button", name="Læs op").click()
    screen = page.viewport_size["height"]
    for _ in range(12):  # well down the page
        page.evaluate("window.__speech.finish()")
    page.wait_for_timeout(100 if reduced == "reduce" else 900)  # a smooth scroll takes a moment
    assert page.evaluate("window.scrollY") > 0
    sentence = page.locator(".reading").bounding_box()
    controls = page.locator(".read-aloud-controls").bounding_box()
    assert controls["y"] + controls["height"] <= screen + 1 and controls["y"] >= screen / 2, controls
    assert 0 <= sentence["y"] and sentence["y"] + sentence["height"] <= controls["y"], (sentence, controls)


def test_keyboard_starts_reading_in_english(page):
    with_voices(page, ["en-GB"]).goto("/en/glossary")
    tab_to(page, ".read-aloud-play")
    page.keyboard.press("Enter")
    assert spoken(page)[0] == {"text": "Glossary", "lang": "en"}
    page.evaluate("window.__speech.finish(); window.__speech.finish(); window.__speech.finish()")
    assert spoken(page)[2]["text"] == "§ 104 of the Act on Social Services (§ 104 / serviceloven)"


def test_button_appears_when_a_voice_for_the_language_loads(page):
    with_voices(page, ["en-US"]).goto("/da/serviceniveau/saadan-soeger-du")
    box = page.locator(".read-aloud")
    assert box.is_hidden(), "no Danish voice: no button"
    page.evaluate("window.__speech.loadVoices(['en-US', 'da-DK'])")
    assert box.is_visible()


def test_no_button_without_javascript(new_context):
    page = new_context(**NO_JS).new_page()
    page.goto("/da/let/saadan-soeger-du")
    assert page.locator(".read-aloud").is_hidden()
    assert page.get_by_role("button", name="Læs op").count() == 0
