/* factsheet search: every fact, found as you type. The index is in small files under search/
 * (see src/site/search.rs): a query loads the bucket of each word's key, search/t/<hex>.js, and
 * the chunks of the facts it shows, search/r/<n>.js. Each file is a script that calls
 * window.factsheetSearch, loaded with a <script> element, so search works on any static host
 * and from disk (file://), where fetch() is refused. A fact matches when every word of the query
 * occurs in its text; a word in the subject, metric, value or kind scores 2, elsewhere 1; best
 * first, then in site order. The box is an ARIA combobox: arrows move, Enter opens the chosen
 * fact (or, with none chosen, the results page search/index.html?q=..., which the same search
 * fills), Escape closes. Results use textContent only. */
(function () {
  "use strict";

  var input = document.getElementById("search-input");
  if (!input) return;
  // The combobox's roles, its list and its status are made here, not written into every page
  // (a third of each page's masthead): without this script the box is a plain field that
  // submits to the results page, and should announce no list it cannot show.
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!list) {
    list = document.createElement("ul");
    list.id = "search-results";
    list.className = "search-results";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Matching facts");
    list.hidden = true;
    input.parentNode.insertBefore(list, input.nextSibling);
  }
  if (!status) {
    status = document.createElement("p");
    status.id = "search-status";
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    list.parentNode.insertBefore(status, list.nextSibling);
  }
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-autocomplete", "list");

  var root = input.getAttribute("data-root") || "";
  var base = input.getAttribute("data-index") || root + "search/";
  var buckets = Number(input.getAttribute("data-buckets")) || 16;
  var facts = Number(input.getAttribute("data-facts")) || 0;
  var PER_CHUNK = 40; // search::RECORDS_PER_CHUNK
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var MAX_RESULTS = 12;
  var PAGE_RESULTS = 50; // a results page shows this many more at each "Show more"
  var files = {}; // name -> { done, data, waiting }
  var failed = false; // a file of the index could not be loaded
  var results = [];
  var active = -1;

  function fold(text) {
    return String(text || "")
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "");
  }

  function arrived(name, data) {
    var file = files[name];
    if (!file) file = files[name] = { waiting: [] };
    if (file.done) return;
    file.done = true;
    file.data = data;
    if (data === null) failed = true;
    var waiting = file.waiting;
    file.waiting = [];
    waiting.forEach(function (then) { then(data); });
  }

  // A chunk of records names its articles and kinds once (search::Chunk); its facts as the
  // objects the results show: subject, metric, value, kind, period, quote, article, link.
  function expand(chunk) {
    if (!chunk || !chunk.f) return null;
    return chunk.f.map(function (f) {
      var article = chunk.a[f[6]] || ["", ""];
      return { s: f[0], m: f[1], v: f[2], k: chunk.k[f[3]], p: f[4], q: f[5], a: article[0], u: article[1] + f[7] };
    });
  }

  // The files call these as they load.
  window.factsheetSearch = {
    t: function (number, data) { arrived("t/" + number.toString(16), data); },
    r: function (number, data) { arrived("r/" + number, expand(data)); }
  };

  // Loads a file of the index once; `then` gets its data, or null when it could not be loaded.
  function load(name, then) {
    var file = files[name];
    if (file && file.done) return then(file.data);
    if (file) return file.waiting.push(then);
    files[name] = { waiting: [then] };
    var script = document.createElement("script");
    script.src = base + name + ".js";
    // After the script ran: if it did not call back, it was not a file of the index.
    script.onload = script.onerror = function () { arrived(name, null); };
    document.head.appendChild(script);
  }

  function loadAll(names, then) {
    var datas = new Array(names.length);
    var left = names.length;
    if (!left) return then(datas);
    names.forEach(function (name, i) {
      load(name, function (data) {
        datas[i] = data;
        if (--left === 0) then(datas);
      });
    });
  }

  // A word's key: its first three characters (code points, as the index counts them).
  function keyOf(word) {
    return Array.from(word).slice(0, 3).join("");
  }

  // The file of a key: FNV-1a of its UTF-16 code units, as search::bucket.
  function bucketOf(key) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      hash ^= key.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return "t/" + ((hash >>> 0) & (buckets - 1)).toString(16);
  }

  // Each fact number of an encoded list (search::encode): gaps in 5-bit digits, or a bitmap.
  function each(text, visit) {
    var i, digit;
    if (text.charAt(0) === "~") {
      for (i = 1; i < text.length; i++) {
        digit = DIGITS.indexOf(text.charAt(i));
        for (var bit = 0; bit < 6; bit++) if (digit & (1 << bit)) visit((i - 1) * 6 + bit);
      }
      return;
    }
    var next = 0, gap = 0, scale = 1;
    for (i = 0; i < text.length; i++) {
      digit = DIGITS.indexOf(text.charAt(i));
      gap += (digit & 31) * scale;
      scale *= 32;
      if (digit >= 32) {
        visit(next + gap);
        next += gap + 1;
        gap = 0;
        scale = 1;
      }
    }
  }

  // The score of one word for every fact: 2, 1 or 0. A word of three characters or more is
  // looked up by its first three, or more while that key is split (s) and the word longer.
  function wordScores(word, then) {
    var chars = Array.from(word);
    var marks = new Uint8Array(facts);
    function add(pair) {
      each(pair[0], function (n) { marks[n] = 2; });
      each(pair[1], function (n) { if (!marks[n]) marks[n] = 1; });
    }
    function step(length) {
      var key = chars.slice(0, length).join("");
      load(bucketOf(key), function (data) {
        var entry = data && data[key];
        if (!entry) return then(marks);
        if (chars.length < 3) {
          if (entry.w) add(entry.w);
          return then(marks);
        }
        // The word is a split key exactly: its union is the entry of the key and a space.
        if (entry.s && chars.length === length) {
          return load(bucketOf(key + " "), function (data) {
            var union = data && data[key + " "];
            if (union && union.w) add(union.w);
            then(marks);
          });
        }
        if (entry.s) return step(length + 1);
        var homes = [];
        Object.keys(entry.h || {}).forEach(function (token) {
          if (token.indexOf(word) !== -1) add(entry.h[token]);
        });
        Object.keys(entry.i || {}).forEach(function (token) {
          if (token.indexOf(word) === -1) return;
          // A common token: its postings are in the entry of its home key.
          if (typeof entry.i[token] === "string") homes.push([token, entry.i[token]]);
          else add(entry.i[token]);
        });
        loadAll(homes.map(function (home) { return bucketOf(home[1]); }), function (datas) {
          homes.forEach(function (home, i) {
            var found = datas[i] && datas[i][home[1]];
            if (found && found.h && found.h[home[0]]) add(found.h[home[0]]);
          });
          then(marks);
        });
      });
    }
    step(Math.min(chars.length, 3));
  }

  // Every match of `query` as fact numbers, best first.
  function search(query, then) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return then([]);
    var scored = new Array(words.length);
    var left = words.length;
    words.forEach(function (word, i) {
      wordScores(word, function (marks) {
        scored[i] = marks;
        if (--left) return;
        var found = [];
        var first = scored[0];
        for (var n = 0; n < facts; n++) {
          if (!first[n]) continue;
          var score = 0;
          for (var w = 0; w < scored.length && score >= 0; w++) {
            score = scored[w][n] ? score + scored[w][n] : -1;
          }
          if (score > 0) found.push({ n: n, score: score });
        }
        found.sort(function (a, b) { return b.score - a.score || a.n - b.n; });
        then(found.map(function (f) { return f.n; }));
      });
    });
  }

  // The records of fact numbers, from their chunks; a fact whose chunk failed is left out.
  function records(numbers, then) {
    var chunks = [];
    numbers.forEach(function (n) {
      var name = "r/" + Math.floor(n / PER_CHUNK);
      if (chunks.indexOf(name) === -1) chunks.push(name);
    });
    loadAll(chunks, function () {
      var found = [];
      numbers.forEach(function (n) {
        var chunk = files["r/" + Math.floor(n / PER_CHUNK)].data;
        if (chunk && chunk[n % PER_CHUNK]) found.push(chunk[n % PER_CHUNK]);
      });
      then(found);
    });
  }

  function unavailable() {
    return "The search index could not be loaded" +
      (location.protocol === "file:" ? " from disk: is the site's search/ folder beside this page?" : ".");
  }

  function span(className, text) {
    var element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    return element;
  }

  // Shows the first matches of `query`, unless the box holds other text by the time the
  // files they need have arrived (a later call shows that).
  function show(query) {
    if (!query.trim()) {
      results = [];
      list.textContent = "";
      close();
      status.textContent = "";
      return;
    }
    search(query, function (all) {
      if (input.value !== query) return;
      records(all.slice(0, MAX_RESULTS), function (entries) {
        if (input.value !== query) return;
        fill(query, all.length, entries);
      });
    });
  }

  function fill(query, count, entries) {
    results = entries;
    active = -1;
    input.removeAttribute("aria-activedescendant");
    list.textContent = "";
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
      none.textContent = failed ? unavailable() : "No fact matches “" + query.trim() + "”.";
      list.appendChild(none);
    }
    if (count > results.length) {
      var more = document.createElement("li");
      more.className = "result-all";
      more.setAttribute("role", "option");
      more.setAttribute("aria-selected", "false");
      more.textContent = "See all " + count + " facts (Enter)";
      more.addEventListener("click", function () { showPage(); });
      list.appendChild(more);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = failed ? unavailable() : found(count);
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

  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (list.hidden && input.value.trim()) show(input.value);
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
  search(query, function (matches) {
    var shown = 0;
    pageStatus.textContent = failed
      ? unavailable()
      : matches.length
        ? found(matches.length).replace(".", "") + " for \u201c" + query.trim() + "\u201d."
        : "No fact matches \u201c" + query.trim() + "\u201d. Fewer or shorter words find more.";
    function more() {
      var next = matches.slice(shown, shown + PAGE_RESULTS);
      shown = Math.min(matches.length, shown + PAGE_RESULTS);
      moreButton.hidden = true;
      records(next, function (entries) {
        entries.forEach(function (entry) {
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
        moreButton.hidden = shown >= matches.length;
      });
    }
    moreButton.addEventListener("click", more);
    more();
  });
})();
