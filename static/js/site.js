// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // Copy the email's address, subject or text to the clipboard.
  document.querySelectorAll(".js-copy").forEach(function (button) {
    var status = document.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copyTarget);
      var text = source.tagName === "TEXTAREA" ? source.value : source.textContent.trim();
      navigator.clipboard.writeText(text).then(function () {
        status.textContent = button.dataset.done;
      });
    });
  });

  // "Nothing happened?": said after a click on the mail link, since a computer without
  // a mail program shows nothing at all. Without this file it stands there from the start.
  var mailtoHelp = document.getElementById("mailto-help");
  if (mailtoHelp) {
    mailtoHelp.hidden = true;
    mailtoHelp.setAttribute("role", "status");
    document.getElementById("mailto-link").addEventListener("click", function () {
      window.setTimeout(function () { mailtoHelp.hidden = false; }, 1500);
    });
  }

  // Print the page: a button instead of the Ctrl+P hint shown without this file.
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll(".print-hint").forEach(function (hint) { hint.hidden = true; });

  // After an error, the summary is read and focused first (GOV.UK's pattern); without
  // this file its autofocus attribute does the same in current browsers.
  var summary = document.querySelector(".error-summary");
  if (summary && document.activeElement !== summary) { summary.focus(); }

  // "None of these" and "I do not know": ticking one unticks every other box, and ticking
  // another box unticks them.
  // The server still refuses the two together, for browsers without this file.
  document.querySelectorAll("input[data-exclusive]").forEach(function (none) {
    var boxes = none.form.querySelectorAll("input[type=checkbox][name='" + none.name + "']");
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        if (!box.checked) { return; }
        boxes.forEach(function (other) {
          if (other !== box && (box === none || other === none)) { other.checked = false; }
        });
      });
    });
  });

  // Characters used in a text area, shown on every key. A screen reader hears the
  // count with the box; spoken by itself only when the text comes near the limit
  // (90 %), goes over it, or is back under it: never on every key.
  document.querySelectorAll("[data-count-for]").forEach(function (counter) {
    var field = document.getElementById(counter.dataset.countFor);
    var status = counter.parentNode.querySelector("[data-count-status]");
    var max = Number(field.dataset.maxlength);
    var lang = document.documentElement.lang;
    var level = function (length) {
      return length > max ? "over" : (length >= 0.9 * max ? "near" : "fine");
    };
    var said = level(field.value.length);
    var update = function () {
      var length = field.value.length, now = level(length);
      var count = length.toLocaleString(lang);
      counter.textContent = counter.dataset.template.replace("COUNT", count);
      counter.classList.toggle("form-error-message", now === "over");
      if (now === said) { return; }
      var message = now === "over" ? status.dataset.over : (said === "over" ? status.dataset.fits : (now === "near" ? status.dataset.near : ""));
      said = now;
      if (message) { status.textContent = message.replace("COUNT", count); }
    };
    field.addEventListener("input", update);
    update();
  });

  // Read aloud with the browser's own voices (Web Speech API): one utterance per
  // sentence, the block being read highlighted and scrolled into view, the controls
  // kept on screen while reading. Shown only with a voice for the page's language.
  document.querySelectorAll("[data-read-aloud]").forEach(function (box) {
    var synth = window.speechSynthesis;
    if (!synth || typeof window.SpeechSynthesisUtterance !== "function") { return; }
    var lang = document.documentElement.lang;
    var play = box.querySelector(".read-aloud-play"), pause = box.querySelector(".read-aloud-pause");
    var stop = box.querySelector(".read-aloud-stop"), controls = box.querySelector(".read-aloud-controls");
    var status = box.querySelector(".read-aloud-status");
    var target = document.querySelector(box.dataset.readAloud);
    var calm = window.matchMedia("(prefers-reduced-motion: reduce)");
    var queue = [], current = null, state = "stopped";

    function voiceFor() {
      return synth.getVoices().filter(function (voice) {
        return voice.lang.toLowerCase().split(/[-_]/)[0] === lang;
      })[0];
    }
    function sentences() {
      var parts = [];
      target.querySelectorAll("h1, h2, h3, p, li, dt, dd").forEach(function (block) {
        if (block.querySelector("p, li") || (block.checkVisibility && !block.checkVisibility())) { return; }
        var text = block.textContent.replace(/\s+/g, " ").trim();
        // A full stop after a digit is an ordinal ("7. august"), not the end of a sentence.
        text.split(/(?<=[^\d\s][.:]|[!?])\s+/).forEach(function (sentence) {
          if (sentence.trim()) { parts.push({ text: sentence.trim(), block: block }); }
        });
      });
      return parts;
    }
    function follow(block) {
      // Only when the block is off screen, behind the controls or close to them: the
      // page moves now and then, not at every sentence.
      var rect = block.getBoundingClientRect();
      var bottom = window.innerHeight - (state === "stopped" ? 0 : controls.offsetHeight);
      if (rect.top >= 0 && rect.bottom <= bottom - window.innerHeight / 5) { return; }
      block.scrollIntoView({ block: "center", behavior: calm.matches ? "auto" : "smooth" });
    }
    function mark(block) {
      target.querySelectorAll(".reading").forEach(function (el) { el.classList.remove("reading"); });
      if (block) { block.classList.add("reading"); follow(block); }
    }
    function setState(next) {
      var focused = box.contains(document.activeElement) ? document.activeElement : null;
      state = next;
      box.classList.toggle("is-active", next !== "stopped");
      play.hidden = next === "reading";
      play.textContent = next === "paused" ? box.dataset.resume : box.dataset.start;
      pause.hidden = next !== "reading";
      stop.hidden = next === "stopped";
      status.textContent = box.dataset[next];
      // The pressed button may have just been hidden: focus its counterpart.
      if (focused && focused.hidden) { (next === "reading" ? pause : play).focus(); }
    }
    function speakNext() {
      current = queue.shift();
      if (!current) { mark(null); setState("stopped"); return; }
      var utterance = new SpeechSynthesisUtterance(current.text);
      utterance.lang = lang;
      utterance.voice = voiceFor() || null;
      var item = current;  // a cancelled utterance may still end later: ignore it
      utterance.onend = function () { if (state === "reading" && current === item) { speakNext(); } };
      mark(current.block);
      synth.speak(utterance);
    }
    function show() {
      if (voiceFor()) { box.hidden = false; }
    }
    play.addEventListener("click", function () {
      if (state === "paused") { setState("reading"); synth.resume(); return; }
      synth.cancel(); queue = sentences(); setState("reading"); speakNext();
    });
    pause.addEventListener("click", function () { synth.pause(); setState("paused"); });
    stop.addEventListener("click", function () {
      queue = []; setState("stopped"); synth.cancel(); mark(null);
    });
    window.addEventListener("pagehide", function () { synth.cancel(); });
    show();
    if (synth.addEventListener) { synth.addEventListener("voiceschanged", show); }
  });

  // Warn before the guide's answers expire, and let the user ask for more time (WCAG 2.2.1).
  var dialog = document.getElementById("timeout-dialog");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var timeout = Number(dialog.dataset.timeout), warning = Number(dialog.dataset.warning);
  var countdown = dialog.querySelector(".timeout-countdown");
  var warnTimer, tick, deadline;

  function start(secondsLeft) {
    clearTimeout(warnTimer); clearInterval(tick);
    deadline = Date.now() + secondsLeft * 1000;
    warnTimer = setTimeout(warn, Math.max(0, secondsLeft - warning) * 1000);
  }
  function warn() {
    dialog.showModal();
    tick = setInterval(function () {
      var left = Math.round((deadline - Date.now()) / 1000);
      if (left <= 0) { window.location.href = dialog.dataset.expired; return; }
      countdown.textContent = countdown.dataset.template.replace("SECONDS", left);
    }, 1000);
  }
  function extend() {
    fetch(dialog.dataset.keepalive, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "csrf_token=" + encodeURIComponent(dialog.dataset.csrf)
    }).then(function (response) { return response.json(); }).then(function (data) {
      if (data.seconds_left > 0) { dialog.close(); start(data.seconds_left); }
      else { window.location.href = dialog.dataset.expired; }
    });
  }
  dialog.querySelector("[data-extend]").addEventListener("click", extend);
  // Escape closes the dialog: that is activity too, so it gives more time, never a
  // silent end at the limit.
  dialog.addEventListener("cancel", function (event) { event.preventDefault(); extend(); });
  start(timeout);
}());

// "Was this page useful?": answered in place. The form posts as without this file; the
// thanks page it leads to lends its reply (and after "No", the optional text form).
(function () {
  "use strict";
  var box = document.querySelector("[data-feedback]");
  if (!box || !window.fetch || !window.DOMParser) { return; }
  box.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.plain) { return; }
    event.preventDefault();
    var body = new URLSearchParams(new FormData(form));
    if (event.submitter && event.submitter.name) { body.append(event.submitter.name, event.submitter.value); }
    var fallBack = function () { form.dataset.plain = "1"; form.requestSubmit(event.submitter); };
    fetch(form.action, { method: "POST", body: body, credentials: "omit" }).then(function (response) {
      return response.ok ? response.text() : Promise.reject(response.status);
    }).then(function (html) {
      var reply = new DOMParser().parseFromString(html, "text/html").getElementById("feedback-reply");
      if (!reply) { return fallBack(); }
      reply.removeAttribute("id");
      box.querySelector(".container").replaceChildren(reply);
      var focus = reply.querySelector(".error-summary") || reply.querySelector("p");
      focus.setAttribute("tabindex", "-1");
      focus.focus();
    }).catch(fallBack);
  });
})();
