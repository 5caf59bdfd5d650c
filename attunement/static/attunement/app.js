// Small enhancements only: every page works without this file.
(function () {
  "use strict";
  // Installable app: static files and an offline page (sw.js); pages always come from the network.
  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js").catch(function () { /* optional */ });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      var input = document.getElementById(button.getAttribute("data-copy-target"));
      if (!input || !navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(input.value).then(function () { button.textContent = "Copied"; });
      });
    });
  });
})();

// safety: quick exit. The button, the hidden link and Shift pressed three times all replace the
// page (location.replace), so Back does not land on it; without JS the links still work.
(function () {
  "use strict";
  var FLAG = "attunement-quick-exit";
  var WINDOW_MS = 2000;

  function exitUrl() {
    var link = document.querySelector("a[data-quick-exit]");
    return link ? link.href : null;
  }

  function leave(url) {
    url = url || exitUrl();
    if (!url) return;
    document.documentElement.classList.add("quick-exiting");
    try { window.sessionStorage.setItem(FLAG, url); } catch (e) { /* storage may be off */ }
    window.location.replace(url);
  }

  // After a quick exit, Back from the neutral page would reload an earlier page of this site:
  // this tab remembers the exit, so such a page leaves again at once. A page opened any other
  // way (a link, a typed address) forgets it.
  function leaveAgainIfCameBack(persisted) {
    var url = null;
    try { url = window.sessionStorage.getItem(FLAG); } catch (e) { return; }
    if (!url) return;
    var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    if (persisted || (nav && nav.type === "back_forward")) {
      leave(url);
      return;
    }
    try { window.sessionStorage.removeItem(FLAG); } catch (e) { /* nothing to forget */ }
  }

  leaveAgainIfCameBack(false);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) leaveAgainIfCameBack(true);
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-quick-exit]") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    leave(link.href);
  });

  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { presses = []; return; }
    if (event.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < WINDOW_MS; });
    presses.push(now);
    if (presses.length >= 3) {
      presses = [];
      leave();
    }
  });
})();
// listening: the optional per-turn timer of an in-person conversation (the page works without it).
(function () {
  "use strict";
  var running = null;
  function reveal(root) {
    (root.querySelectorAll ? root : document).querySelectorAll(".turn-timer button").forEach(function (b) { b.hidden = false; });
  }
  function show(output, seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    output.textContent = m + ":" + (s < 10 ? "0" : "") + s;
  }
  document.addEventListener("DOMContentLoaded", function () { reveal(document); });
  document.addEventListener("htmx:load", function (event) { reveal(event.target); });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".turn-timer button") : null;
    if (!button) return;
    var box = button.closest(".turn-timer"), output = box.querySelector(".timer-clock");
    var done = box.querySelector(".timer-done");
    done.textContent = "";
    var left = parseInt(box.getAttribute("data-timer-minutes"), 10) * 60;
    if (running) window.clearInterval(running);
    button.textContent = "Restart the timer";
    show(output, left);
    running = window.setInterval(function () {
      left -= 1;
      if (!document.body.contains(output)) { window.clearInterval(running); running = null; return; }
      if (left <= 0) {
        window.clearInterval(running); running = null;
        output.textContent = "0:00";
        done.textContent = "Time. Finish your thought, then move on.";
        return;
      }
      show(output, left);
    }, 1000);
  });
})();
// nav: the "More" menu closes on Escape or a tap outside it (without JS, its summary closes it).
(function () {
  "use strict";
  function close(except) {
    document.querySelectorAll(".main-nav details[open]").forEach(function (d) {
      if (d !== except) d.open = false;
    });
  }
  document.addEventListener("click", function (event) {
    close(event.target.closest ? event.target.closest(".main-nav details") : null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector(".main-nav details[open]");
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });
})();
// listening: writing your own topic unticks the listed ones, so what you see is what starts.
document.addEventListener("input", function (event) {
  "use strict";
  if (!event.target.matches || !event.target.matches("input[name=own_topic]")) return;
  if (!event.target.value.trim()) return;
  event.target.form.querySelectorAll("input[name=topic]:checked").forEach(function (r) { r.checked = false; });
});
// time zones: fill in the browser's own zone where the person has not chosen one (sign-up's
// hidden field, or a Settings list still on UTC). Without JavaScript they pick it in Settings.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var fields = document.querySelectorAll("[data-browser-zone]");
  if (!fields.length) return;  // asking Intl for the zone is not free: only where it is used
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return; }
  if (!zone) return;
  fields.forEach(function (field) {
    if (field.tagName === "SELECT") {
      if (!field.querySelector('option[value="' + zone.replace(/"/g, "") + '"]')) return;
      field.value = zone;
      var note = document.getElementById(field.id + "-browser");
      if (note) note.hidden = false;
    } else {
      field.value = zone;
    }
  });
});
