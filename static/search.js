/* factsheet search: every fact, found as you type. The index (search-index.js) is loaded with a
 * <script> element on first use, so search works on any static host and from disk. The box is an
 * ARIA combobox: arrows move, Enter opens the chosen fact (or, with none chosen, the results page
 * search/index.html?q=..., which the same search fills), Escape closes. Results use textContent
 * only. */
(function () {
  "use strict";

  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list) return;

  var root = input.getAttribute("data-root") || "";
  var MAX_RESULTS = 12;
  var PAGE_RESULTS = 50; // a results page shows this many more at each "Show more"
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
  // All matches, best first.
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
    return found.map(function (f) { return f.entry; });
  }

  function span(className, text) {
    var element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    return element;
  }

  function show(query) {
    var all = search(query);
    results = all.slice(0, MAX_RESULTS);
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
    if (all.length > results.length) {
      var more = document.createElement("li");
      more.className = "result-all";
      more.setAttribute("role", "option");
      more.setAttribute("aria-selected", "false");
      more.textContent = "See all " + all.length + " facts (Enter)";
      more.addEventListener("click", function () { showPage(); });
      list.appendChild(more);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = found(all.length);
  }

  function found(count) {
    return count === 1 ? "1 fact found." : count + " facts found.";
  }

  // The results page for what is in the box: a link that can be shared.
  function showPage() {
    window.location.href = root + "search/index.html?q=" + encodeURIComponent(input.value.trim());
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
      // A chosen fact opens; otherwise the form goes to the results page.
      if (active >= 0) {
        open(active);
        event.preventDefault();
      } else if (!input.value.trim()) {
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

  // The results page: the query of its address, every match, a page of them at a time.
  var pageList = document.getElementById("search-page-results");
  if (!pageList) return;
  var pageInput = document.getElementById("search-page-input");
  var pageStatus = document.getElementById("search-page-status");
  var moreButton = document.getElementById("search-page-more");
  var query = new URLSearchParams(window.location.search).get("q") || "";
  pageInput.value = query;
  if (!query.trim()) {
    pageStatus.textContent = "Type a few words: a subject, a metric, a year.";
    return;
  }
  document.title = "\u201c" + query.trim() + "\u201d \u00b7 " + document.title;
  pageStatus.textContent = "Searching\u2026";
  withIndex(function () {
    var matches = search(query);
    var shown = 0;
    pageStatus.textContent = matches.length
      ? found(matches.length).replace(".", "") + " for \u201c" + query.trim() + "\u201d."
      : "No fact matches \u201c" + query.trim() + "\u201d. Fewer or shorter words find more.";
    function more() {
      matches.slice(shown, shown + PAGE_RESULTS).forEach(function (entry) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = root + entry.u;
        link.appendChild(span("result-value", entry.v));
        link.appendChild(span("result-what", entry.s + (entry.m ? " \u00b7 " + entry.m : "") + (entry.p ? " \u00b7 " + entry.p : "")));
        item.appendChild(link);
        item.appendChild(span("result-source", entry.k + " \u00b7 " + entry.a));
        item.appendChild(span("result-quote", entry.q));
        pageList.appendChild(item);
      });
      shown = Math.min(matches.length, shown + PAGE_RESULTS);
      moreButton.hidden = shown >= matches.length;
    }
    moreButton.addEventListener("click", more);
    more();
  });
})();
