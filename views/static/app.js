// Progressive enhancements only: every page works without this file.
(function () {
  'use strict';

  // "Use my location" buttons fill the latitude/longitude inputs they name. What they say while they work is in the
  // page's language, from the button's data-asking, data-found and data-refused (the template writes them from the
  // catalogues); this script holds no words.
  // Browsers allow geolocation only on secure contexts (HTTPS or localhost), so
  // on the venue's plain-HTTP network the button stays hidden and the list of
  // places and typed coordinates are what people use.
  function enableGeolocation(root) {
    root.querySelectorAll('[data-geolocate]').forEach(function (button) {
      if (!window.isSecureContext || !navigator.geolocation) return;
      button.hidden = false;
      button.addEventListener('click', function () {
        var status = document.getElementById(button.getAttribute('aria-controls'));
        var say = function (words) { if (status) status.textContent = words || ''; };
        say(button.dataset.asking);
        navigator.geolocation.getCurrentPosition(function (position) {
          var lat = document.getElementById(button.dataset.lat);
          var lon = document.getElementById(button.dataset.lon);
          if (lat) lat.value = position.coords.latitude.toFixed(5);
          if (lon) lon.value = position.coords.longitude.toFixed(5);
          // A search measures from the point just filled in: choose that centre too.
          var centre = button.dataset.centre && button.form && button.form.querySelector('input[name="centre"][value="' + button.dataset.centre + '"]');
          if (centre) { centre.checked = true; centre.dispatchEvent(new Event('change', { bubbles: true })); }
          say(button.dataset.found);
        }, function () {
          say(button.dataset.refused);
        }, { enableHighAccuracy: false, timeout: 10000 });
      });
    });
  }

  // The header's "Menu" is a plain <details>. A page change closes it by itself; with
  // htmx it would otherwise come back open from the history snapshot (the Back button),
  // and Escape closes it as people expect of a menu.
  function closeMenus() {
    document.querySelectorAll('details.menu[open]').forEach(function (menu) { menu.open = false; });
  }
  document.addEventListener('htmx:beforeHistorySave', closeMenus);
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var menu = document.activeElement && document.activeElement.closest && document.activeElement.closest('details.menu[open]');
    if (!menu) return;
    menu.open = false;
    menu.querySelector('summary').focus();
  });

  // A boosted link or form swaps in only the new page's body, and the new page may be in another language (a member
  // who signs in with their own): take its <html lang> too, so screen readers speak it and the browser hyphenates it
  // right. Fragments have no <html>, so they leave it alone.
  document.addEventListener('htmx:beforeSwap', function (event) {
    var xhr = event.detail.xhr;
    var match = xhr && /^\s*<!doctype html>\s*<html lang="([A-Za-z-]{2,12})"/i.exec(xhr.responseText.slice(0, 200));
    if (match) document.documentElement.lang = match[1];
  });

  document.addEventListener('DOMContentLoaded', function () { enableGeolocation(document); });
  document.addEventListener('htmx:load', function (event) { enableGeolocation(event.target); });
})();
