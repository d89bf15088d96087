// Project finder (/zoeken/): free text and facets over Pagefind's chunked index.
// The whole selection lives in the address (?q=…&thema=…&regio=…), so a link restores it exactly.
// Without JavaScript the page shows the full project list instead (the form stays hidden).
(function () {
  "use strict";
  var form = document.getElementById("zoeker");
  if (!form) return;
  var PAGE = 20;
  var outcome = document.getElementById("zoeker-uitkomst");
  var list = document.getElementById("zoeker-resultaten");
  var status = document.getElementById("zoeker-status");
  var more = document.getElementById("zoeker-meer");
  var query = document.getElementById("zoeker-q");
  var everything = document.getElementById("alle-projecten");
  var facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (el) {
    return el.getAttribute("data-facet");
  });
  var pagefind = null;
  var counting = null;  // the facet index (Pagefind's filters), loaded once a facet is opened or chosen
  var current = null;   // the latest search: {results, shown}
  var serial = 0;       // ignore answers to searches that were overtaken by newer ones

  function boxes(name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[type=checkbox][name="' + name + '"]'));
  }

  function selection() {
    var chosen = {};
    facets.forEach(function (name) {
      var values = boxes(name).filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      if (values.length) chosen[name] = values;
    });
    return { q: query.value.trim(), facets: chosen };
  }

  // Address -> form. Former municipality ids (data-aliases) select today's municipality.
  function restore() {
    var params = new URLSearchParams(window.location.search);
    query.value = params.get("q") || "";
    facets.forEach(function (name) {
      var wanted = params.getAll(name);
      boxes(name).forEach(function (box) {
        var aliases = (box.parentNode.getAttribute("data-aliases") || "").split(" ");
        box.checked = wanted.some(function (w) { return w === box.value || aliases.indexOf(w) >= 0; });
      });
    });
  }

  // Form -> address (replaceState: a selection is one history entry, not one per click).
  function remember(sel) {
    var params = new URLSearchParams();
    if (sel.q) params.set("q", sel.q);
    facets.forEach(function (name) {
      (sel.facets[name] || []).forEach(function (v) { params.append(name, v); });
    });
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  function pagefindFilters(chosen, except) {
    var filters = {};
    Object.keys(chosen).forEach(function (name) {
      if (name !== except) filters[name] = { any: chosen[name] };
    });
    return filters;
  }

  function describe(sel, count) {
    var parts = [];
    if (sel.q) parts.push("‘" + sel.q + "’");
    Object.keys(sel.facets).forEach(function (name) {
      var labels = boxes(name).filter(function (b) { return b.checked; }).map(function (b) {
        return b.parentNode.querySelector(".facet__naam").textContent;
      });
      parts.push(labels.join(" of "));
    });
    var n = count === 1 ? "1 project" : count + " projecten";
    return parts.length ? n + " gevonden voor " + parts.join(", ") + "." : "Alle " + n + ", op naam.";
  }

  // Counts per value: for a facet with a choice, count as if that facet were open (the usual "or" within
  // a facet), so the other values still show what adding them would give.
  function showCounts(byFacet) {
    facets.forEach(function (name) {
      var counts = byFacet[name] || {};
      boxes(name).forEach(function (box) {
        var n = counts[box.value] || 0;
        var label = box.parentNode;
        label.querySelector(".facet__aantal").textContent = n;
        label.classList.toggle("facet__waarde--leeg", n === 0 && !box.checked);
      });
      var chosen = boxes(name).filter(function (b) { return b.checked; }).length;
      var badge = form.querySelector('[data-gekozen="' + name + '"]');
      if (badge) badge.textContent = chosen ? " (" + chosen + " gekozen)" : "";
    });
  }

  function item(data) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    li.appendChild(link);
    if (data.meta && data.meta.regio) {
      var where = document.createElement("span");
      where.className = "zoeker__regio";
      where.textContent = " · " + data.meta.regio;
      li.appendChild(where);
    }
    var text = document.createElement("p");
    // Pagefind's excerpt marks the matched words with <mark>; everything else in it is escaped text.
    if (data.excerpt && data.meta && data.meta.zoekterm) {
      text.innerHTML = data.excerpt;
    } else {
      text.textContent = (data.meta && data.meta.samenvatting) || "";
    }
    li.appendChild(text);
    return li;
  }

  function showMore() {
    var search = current;
    var next = search.results.slice(search.shown, search.shown + PAGE);
    search.shown += next.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      if (search !== current) return;
      var withTerm = !!search.q;
      data.forEach(function (d) {
        if (d.meta) d.meta.zoekterm = withTerm;
        list.appendChild(item(d));
      });
      more.hidden = search.shown >= search.results.length;
    });
  }

  // The facet index grows with the catalogue, so it is only fetched when facets are used: a plain text
  // search shows its first results without it (the totals printed in the page stand until then).
  function loadCounts() {
    if (!counting) counting = pagefind.filters();
    return counting;
  }

  function run() {
    var sel = selection();
    remember(sel);
    if (!counting && Object.keys(sel.facets).length) return loadCounts().then(run);
    var mine = ++serial;
    var filters = pagefindFilters(sel.facets);
    var term = sel.q || null;
    var options = { filters: filters, sort: term ? undefined : { naam: "asc" } };
    var searches = [pagefind.search(term, options)];
    var open = Object.keys(sel.facets);
    open.forEach(function (name) {
      searches.push(pagefind.search(term, { filters: pagefindFilters(sel.facets, name) }));
    });
    return Promise.all(searches).then(function (answers) {
      if (mine !== serial) return;
      var main = answers[0];
      if (counting) {
        var counts = {};
        facets.forEach(function (name) { counts[name] = (main.filters || {})[name] || {}; });
        open.forEach(function (name, i) { counts[name] = (answers[i + 1].filters || {})[name] || {}; });
        showCounts(counts);
      }
      current = { results: main.results, shown: 0, q: sel.q, sel: sel };
      list.innerHTML = "";
      status.textContent = describe(sel, main.results.length);
      return showMore();
    }).then(function () {
      if (mine === serial) outcome.setAttribute("data-gezocht", String(mine));
    });
  }

  // --- export: the selection as CSV or JSON, in the order shown -----------------------------------------
  var cache = {};
  function fetchOnce(key, url, as) {
    if (!cache[key]) {
      cache[key] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return as === "json" ? r.json() : r.text();
      });
    }
    return cache[key];
  }

  // Split CSV text into records (a quoted cell may hold newlines); each record keeps its exact text.
  function csvRecords(text) {
    var records = [];
    var start = 0;
    var quoted = false;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (ch === '"') quoted = !quoted;
      else if (ch === "\n" && !quoted) {
        records.push(text.slice(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length) records.push(text.slice(start) + "\n");
    return records;
  }

  function selectedIds() {
    return fetchOnce("map", form.getAttribute("data-map"), "json").then(function (map) {
      return current.results.map(function (r) { return map[r.id]; }).filter(Boolean);
    });
  }

  function download(name, type, text) {
    var blob = new Blob([text], { type: type });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  function exportSelection(kind) {
    if (!current) return;
    status.textContent = "De selectie wordt klaargezet…";
    var data = kind === "json"
      ? fetchOnce("json", form.getAttribute("data-json"), "json")
      : fetchOnce("csv", form.getAttribute("data-csv"), "text");
    Promise.all([selectedIds(), data]).then(function (both) {
      var ids = both[0];
      var byId = {};
      var text;
      if (kind === "json") {
        both[1].forEach(function (record) { byId[record.id] = record; });
        text = JSON.stringify(ids.map(function (id) { return byId[id]; }), null, 1) + "\n";
        download("projecten-selectie.json", "application/json", text);
      } else {
        var records = csvRecords(both[1]);
        records.slice(1).forEach(function (record) { byId[record.slice(0, record.indexOf(","))] = record; });
        text = records[0] + ids.map(function (id) { return byId[id]; }).join("");
        download("projecten-selectie.csv", "text/csv", text);
      }
      status.textContent = describe(current.sel, current.results.length) + " De download bevat " +
        (ids.length === 1 ? "1 project." : ids.length + " projecten.");
    }).catch(function () {
      status.textContent = "De download is mislukt; probeer het opnieuw of gebruik de bestanden op de pagina Open data.";
    });
  }

  // --- wiring -------------------------------------------------------------------------------------------
  form.querySelectorAll(".facet__filter").forEach(function (input) {
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      var facet = form.querySelector('[data-facet="' + input.getAttribute("data-filter-for") + '"]');
      facet.querySelectorAll(".facet__waarde").forEach(function (label) {
        var text = label.textContent.toLowerCase();
        label.hidden = needle !== "" && text.indexOf(needle) < 0;
      });
    });
    // Enter in the list filter narrows the list; it must not submit the finder
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
  });

  form.querySelectorAll("details.facet").forEach(function (details) {
    details.addEventListener("toggle", function () {
      if (details.open && !counting && pagefind) loadCounts().then(run);
    });
  });

  var timer = null;
  form.addEventListener("change", function (e) {
    if (e.target.matches('input[type=checkbox]')) run();
  });
  query.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  document.getElementById("zoeker-wis").addEventListener("click", function () {
    query.value = "";
    form.querySelectorAll("input[type=checkbox]").forEach(function (b) { b.checked = false; });
    run();
    query.focus();
  });
  more.addEventListener("click", function () {
    var first = list.children.length;
    showMore().then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();   // keyboard users continue where the new results start
    });
  });
  outcome.querySelectorAll("[data-export]").forEach(function (button) {
    button.addEventListener("click", function () { exportSelection(button.getAttribute("data-export")); });
  });

  var bundle = new URL(form.getAttribute("data-bundle"), document.baseURI).href;
  // A large catalogue is indexed in shards (generator/build.py); the primary bundle lists the others.
  var shards = fetch(bundle + "shards.json").then(function (r) { return r.ok ? r.json() : []; }, function () { return []; });
  import(bundle + "pagefind.js").then(function (module) {
    pagefind = module;
    return pagefind.options({ bundlePath: bundle });
  }).then(function () {
    return shards;
  }).then(function (others) {
    return Promise.all(others.map(function (path) { return pagefind.mergeIndex(new URL(path, bundle).href); }));
  }).then(function () {
    form.hidden = false;
    outcome.hidden = false;
    everything.hidden = true;
    restore();
    // open the facets that have a choice, so a restored selection is visible
    facets.forEach(function (name) {
      if (boxes(name).some(function (b) { return b.checked; })) {
        form.querySelector('[data-facet="' + name + '"]').open = true;
      }
    });
    return run();
  }).catch(function () {
    // the index could not be loaded: keep the plain list visible
    form.hidden = true;
    outcome.hidden = true;
    everything.hidden = false;
  });
})();
