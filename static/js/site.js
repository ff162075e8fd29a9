// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // Copy the email text to the clipboard.
  document.querySelectorAll(".js-copy").forEach(function (button) {
    var status = button.closest("form").querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = document.getElementById(button.dataset.copyTarget).value;
      navigator.clipboard.writeText(text).then(function () {
        status.textContent = button.dataset.done;
      });
    });
  });

  // Print the page.
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // "None of these": ticking it unticks the other boxes, and ticking another unticks it.
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

  // Characters left in a text area.
  document.querySelectorAll("[data-count-for]").forEach(function (counter) {
    var field = document.getElementById(counter.dataset.countFor);
    var max = field.dataset.maxlength;
    var update = function () {
      counter.textContent = counter.dataset.template.replace("COUNT", field.value.length);
      counter.classList.toggle("form-error-message", field.value.length > max);
    };
    field.addEventListener("input", update);
    update();
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
  dialog.querySelector("[data-extend]").addEventListener("click", function () {
    fetch(dialog.dataset.keepalive, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "csrf_token=" + encodeURIComponent(dialog.dataset.csrf)
    }).then(function (response) { return response.json(); }).then(function (data) {
      if (data.seconds_left > 0) { dialog.close(); start(data.seconds_left); }
      else { window.location.href = dialog.dataset.expired; }
    });
  });
  start(timeout);
}());
