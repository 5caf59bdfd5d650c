// Notifications on this device (the reminders page): ask the browser's permission, subscribe
// through the app's service worker, and tell the server; or stop them again. Without support
// for push (or without JavaScript) the section keeps its "reminders come by email" line.
"use strict";
(function () {
  var box = document.querySelector("[data-push]");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window) ||
      !("Notification" in window) || !window.isSecureContext) {
    return;
  }
  var status = box.querySelector("[data-push-status]");
  var onButton = box.querySelector("[data-push-on]");
  var offButton = box.querySelector("[data-push-off]");
  var known = JSON.parse(document.getElementById("push-devices").textContent || "[]");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");

  function say(text) { status.textContent = text; }
  function show(on) { onButton.hidden = on; offButton.hidden = !on; }

  function registration() {
    return navigator.serviceWorker.register("/sw.js").then(function () {
      return navigator.serviceWorker.ready;
    });
  }

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function sha256(text) {
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (buf) {
      return Array.from(new Uint8Array(buf)).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("");
    });
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data.detail || "Something went wrong. Please try again.");
        return data;
      });
    });
  }

  function turnOn() {
    onButton.disabled = true;
    say("Asking your browser…");
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") {
        throw new Error("Your browser is set not to show notifications from us. You can allow them in its site settings; until then, reminders come by email.");
      }
      return registration();
    }).then(function (reg) {
      return reg.pushManager.getSubscription().then(function (existing) {
        return existing || reg.pushManager.subscribe({
          userVisibleOnly: true, applicationServerKey: keyBytes(box.dataset.key),
        });
      }).catch(function () {
        throw new Error("This browser couldn't turn on notifications just now. Reminders still come by email; try again later.");
      });
    }).then(function (subscription) {
      return post(box.dataset.onUrl, subscription.toJSON());
    }).then(function (data) {
      say(data.detail);
      show(true);
      // The server now sends this person's reminders as notifications (or both): so does the form.
      var email = document.querySelector("input[name=delivery][value=email]:checked");
      var notify = document.querySelector("input[name=delivery][value=push]");
      if (email && notify) notify.checked = true;
    }).catch(function (error) {
      say(error.message);
      show(false);
    }).finally(function () {
      onButton.disabled = false;
    });
  }

  function turnOff() {
    offButton.disabled = true;
    registration().then(function (reg) {
      return reg.pushManager.getSubscription();
    }).then(function (subscription) {
      if (!subscription) return { detail: "Notifications are off for this device." };
      return post(box.dataset.offUrl, { endpoint: subscription.endpoint }).then(function (data) {
        return subscription.unsubscribe().then(function () { return data; });
      });
    }).then(function (data) {
      say(data.detail);
      show(false);
    }).catch(function (error) {
      say(error.message);
    }).finally(function () {
      offButton.disabled = false;
    });
  }

  onButton.addEventListener("click", turnOn);
  offButton.addEventListener("click", turnOff);

  // What this browser has now: on only when the server knows its subscription too.
  registration().then(function (reg) {
    return reg.pushManager.getSubscription();
  }).then(function (subscription) {
    if (!subscription) return false;
    return sha256(subscription.endpoint).then(function (hash) { return known.indexOf(hash) >= 0; });
  }).then(function (on) {
    say(on ? "Notifications are on for this device." : "Notifications are off for this device.");
    show(on);
  }).catch(function () {
    say("Notifications are off for this device.");
    show(false);
  });
})();
