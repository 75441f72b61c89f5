/* factsheet search: every fact, found as you type. The index (search-index.js) is loaded with a
 * <script> element on first use, so search works on any static host and from disk. The box is an
 * ARIA combobox: arrows move, Enter opens, Escape closes. Results use textContent only. */
(function () {
  "use strict";

  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list) return;

  var root = input.getAttribute("data-root") || "";
  var MAX_RESULTS = 12;
  var entries = null;
  var waiting = null; // callbacks for when the index arrives, while it loads
  var results = [];
  var active = -1;

  function fold(text) {
    return String(text || "")
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "");
  }

  function prepare(raw) {
    return raw.map(function (entry, position) {
      entry.position = position;
      entry.primary = fold([entry.s, entry.m, entry.v, entry.k].join(" "));
      entry.all = fold([entry.s, entry.m, entry.v, entry.k, entry.p, entry.a, entry.q].join(" "));
      return entry;
    });
  }

  function withIndex(then) {
    if (entries) return then();
    if (window.factsheetIndex) {
      entries = prepare(window.factsheetIndex);
      return then();
    }
    if (waiting) {
      waiting.push(then);
      return;
    }
    waiting = [then];
    var script = document.createElement("script");
    script.src = input.getAttribute("data-index");
    script.onload = function () {
      entries = prepare(window.factsheetIndex || []);
      var callbacks = waiting;
      waiting = null;
      callbacks.forEach(function (callback) { callback(); });
    };
    script.onerror = function () {
      waiting = null;
      status.textContent = "The search index could not be loaded.";
    };
    document.head.appendChild(script);
  }

  // Every word must occur; a word in the subject, metric, value or kind counts double.
  function search(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var found = [];
    entries.forEach(function (entry) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        if (entry.primary.indexOf(words[i]) !== -1) score += 2;
        else if (entry.all.indexOf(words[i]) !== -1) score += 1;
        else return;
      }
      found.push({ entry: entry, score: score });
    });
    found.sort(function (a, b) {
      return b.score - a.score || a.entry.position - b.entry.position;
    });
    return found.slice(0, MAX_RESULTS).map(function (f) { return f.entry; });
  }

  function span(className, text) {
    var element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    return element;
  }

  function show(query) {
    results = search(query);
    active = -1;
    input.removeAttribute("aria-activedescendant");
    list.textContent = "";
    if (!query.trim()) {
      close();
      status.textContent = "";
      return;
    }
    results.forEach(function (entry, index) {
      var option = document.createElement("li");
      option.id = "search-option-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.appendChild(span("result-value", entry.v));
      option.appendChild(span("result-what", entry.s + (entry.m ? " · " + entry.m : "") + (entry.p ? " · " + entry.p : "")));
      option.appendChild(span("result-source", entry.k + " · " + entry.a));
      option.addEventListener("click", function () { open(index); });
      list.appendChild(option);
    });
    if (!results.length) {
      var none = document.createElement("li");
      none.className = "result-empty";
      none.setAttribute("role", "option");
      none.setAttribute("aria-disabled", "true");
      none.setAttribute("aria-selected", "false");
      none.textContent = "No fact matches “" + query.trim() + "”.";
      list.appendChild(none);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = results.length === 1 ? "1 fact found." : results.length + " facts found.";
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var options = list.querySelectorAll("[role=option]");
    if (!results.length) return;
    active = (index + results.length) % results.length;
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === active ? "true" : "false");
    }
    var option = options[active];
    input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  function open(index) {
    var entry = results[index];
    if (!entry) return;
    close();
    window.location.href = root + entry.u;
  }

  input.addEventListener("focus", function () { withIndex(function () {}); });
  // The latest text, not the text at the time of typing: the index may arrive later.
  input.addEventListener("input", function () {
    withIndex(function () { show(input.value); });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (list.hidden && input.value.trim()) withIndex(function () { show(input.value); });
      var down = event.key === "ArrowDown";
      highlight(active < 0 ? (down ? 0 : -1) : active + (down ? 1 : -1));
      event.preventDefault();
    } else if (event.key === "Enter") {
      if (results.length) {
        open(active >= 0 ? active : 0);
        event.preventDefault();
      }
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        close();
        event.preventDefault();
      } else {
        input.value = "";
      }
    }
  });
  // Keep focus in the box while a result is clicked; close when focus leaves for good.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  input.addEventListener("blur", function () { close(); });
})();
