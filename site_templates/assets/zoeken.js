// Project finder (/zoeken/): free text, places and topics over Pagefind's index, facets, sorting.
// The whole selection lives in the address (?q=…&thema=…&sorteer=…); every change is a history step, so Back
// undoes it. Without JavaScript the page shows the full project list instead (the form stays hidden).
//
// A query is read in groups (see generator/search_index.py): a place name (municipality, also under a former
// or common name, region, insurer) becomes a condition on that Pagefind filter; a topic term (label or synonym
// of a topic in taxonomy.yml) matches the topic's projects as well as the words; any other word is searched as
// it is, but only when the catalogue contains it (else Pagefind would fall back to a prefix and return junk):
// an unknown word is split as a compound, or reported with close words ("Bedoelde u …?"). Projects that match
// every group come first; when none does, the strongest part of the query is shown with a notice.
(function () {
  "use strict";
  var form = document.getElementById("zoeker");
  if (!form) return;
  var PAGE = 20;
  var $ = function (id) { return document.getElementById(id); };
  var outcome = $("zoeker-uitkomst"), list = $("zoeker-resultaten"), status = $("zoeker-status");
  var notices = $("zoeker-melding"), empty = $("zoeker-leeg"), chips = $("zoeker-chips"), more = $("zoeker-meer");
  var query = $("zoeker-q"), sorter = $("zoeker-sorteer"), panelButton = $("zoeker-filterknop");
  var exportBar = outcome.querySelector(".zoeker__export");
  var everything = $("alle-projecten");
  var facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (el) {
    return el.getAttribute("data-facet");
  });
  var pagefind = null;  // the Pagefind module
  var help = null;      // places, topic terms, stop words (zoeken/hulp.json)
  var current = null;   // the latest search: {ranked, shown, sel, words}
  var serial = 0;       // answers to searches overtaken by newer ones are ignored
  var typing = false;   // the history entry of the query being typed was already added

  // --- small helpers -------------------------------------------------------------------------------------
  function fold(text) {  // one character in, one out: accents off, lowercase (so positions stay comparable)
    return text.replace(/[^\u0000-\u007f]/g, function (ch) {
      var plain = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      return plain.length === 1 ? plain : ch;
    }).toLowerCase();
  }
  function normal(text) {  // as generator.topics.normal: 'POH-GGZ’s' -> 'poh ggz s'
    return (fold(text).match(/[a-z0-9]+\+?/g) || []).join(" ");
  }
  var cache = {};
  function fetchOnce(url, as) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return as === "text" ? r.text() : r.json();
      });
    }
    return cache[url];
  }
  function address(attr) { return new URL(form.getAttribute(attr), document.baseURI).href; }
  function quoted(words) { return words.map(function (w) { return "‘" + w + "’"; }).join(" en "); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }
  function boxes(name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[type=checkbox][name="' + name + '"]'));
  }
  function labelOf(box) { return box.parentNode.querySelector(".facet__naam").textContent; }
  function facetLabel(name) {
    return form.querySelector('[data-facet="' + name + '"] > summary').firstChild.textContent.trim();
  }

  // A long facet (the municipalities) keeps its values in a file of its own (fieldset[data-bron]): loaded when the
  // facet is opened, or before the address is read when it chooses one of them. Resolves when all are in place.
  var lazyLoads = {};
  function facetValues(names) {
    return Promise.all(names.map(function (name) {
      var fieldset = form.querySelector('[data-facet="' + name + '"] fieldset[data-bron]');
      if (!fieldset) return null;
      if (!lazyLoads[name]) {
        lazyLoads[name] = fetchOnce(new URL(fieldset.getAttribute("data-bron"), document.baseURI).href).then(function (data) {
          fieldset.insertAdjacentHTML("beforeend", data.html);
          fieldset.removeAttribute("data-bron");
          if (current && form.hasAttribute("data-geteld")) count(current);  // the counts of the search shown
        });
      }
      return lazyLoads[name];
    }));
  }
  function wantedLazy() {  // the long facets the address chooses values of
    var params = new URLSearchParams(window.location.search);
    return facets.filter(function (name) {
      return params.getAll(name).length && form.querySelector('[data-facet="' + name + '"] fieldset[data-bron]');
    });
  }
  form.querySelectorAll("details[data-facet]").forEach(function (details) {
    details.addEventListener("toggle", function () {
      if (details.open) facetValues([details.getAttribute("data-facet")]);
    });
  });

  // --- state <-> address ---------------------------------------------------------------------------------
  function selection() {
    var chosen = {};
    facets.forEach(function (name) {
      var values = boxes(name).filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      if (values.length) chosen[name] = values;
    });
    return { q: query.value.trim(), facets: chosen, sort: sorter.value };
  }

  // Address -> form. Former municipality ids (data-aliases) select today's municipality.
  function restore() {
    var params = new URLSearchParams(window.location.search);
    query.value = params.get("q") || "";
    sorter.value = params.get("sorteer") || "";
    if (sorter.selectedIndex < 0) sorter.value = "";
    facets.forEach(function (name) {
      var wanted = params.getAll(name);
      boxes(name).forEach(function (box) {
        var aliases = (box.parentNode.getAttribute("data-aliases") || "").split(" ");
        box.checked = wanted.some(function (w) { return w === box.value || aliases.indexOf(w) >= 0; });
      });
    });
  }

  function addressOf(sel) {
    var params = new URLSearchParams();
    if (sel.q) params.set("q", sel.q);
    facets.forEach(function (name) {
      (sel.facets[name] || []).forEach(function (v) { params.append(name, v); });
    });
    if (sel.sort) params.set("sorteer", sel.sort);
    var search = params.toString();
    return window.location.pathname + (search ? "?" + search : "") + window.location.hash;
  }

  // Form -> address: a new history entry for each step (filter, chip, sort, submitted query), one entry
  // for a query while it is being typed.
  function remember(how) {
    var url = addressOf(selection());
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    if (how === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  function step() {  // a deliberate change: history step, then search
    typing = false;
    remember("push");
    return run();
  }

  // --- vocabulary ----------------------------------------------------------------------------------------
  function shard(word) {
    var first = word.charAt(0);
    return fetchOnce(address("data-words") + (first >= "a" && first <= "z" ? first : "0") + ".json");
  }

  function known(word) {  // the catalogue has this word, or a word starting with it (the user may still type)
    return shard(word).then(function (words) {
      if (words[word]) return true;
      return Object.keys(words).some(function (w) { return w.lastIndexOf(word, 0) === 0; });
    });
  }

  function distance(a, b) {  // Damerau-Levenshtein (adjacent swaps count once)
    var d = [], i, j;
    for (i = 0; i <= a.length; i++) { d[i] = [i]; }
    for (j = 0; j <= b.length; j++) { d[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }

  // Close words from the catalogue's vocabulary, nearest and most used first.
  function suggestions(word) {
    var limit = word.length >= 8 ? 2 : 1;
    var letters = [word.charAt(0)];
    if (word.length > 1 && letters.indexOf(word.charAt(1)) < 0) letters.push(word.charAt(1));  // a slip on the first letter
    return Promise.all(letters.map(shard)).then(function (shards) {
      var found = [];
      shards.forEach(function (words) {
        Object.keys(words).forEach(function (w) {
          if (Math.abs(w.length - word.length) > limit) return;
          var d = distance(word, w);
          if (d <= limit && found.every(function (f) { return f.word !== w; })) found.push({ word: w, d: d, n: words[w] });
        });
      });
      found.sort(function (x, y) { return x.d - y.d || y.n - x.n || (x.word < y.word ? -1 : 1); });
      return found.slice(0, 3);
    });
  }

  var LINKS = ["", "s", "e", "en"];
  // Split an unknown compound into two catalogue words ('preventieakkoord' -> preventie + akkoord).
  function split(word) {
    if (word.length < 9 || !/^[a-z]+$/.test(word)) return Promise.resolve(null);
    return shard(word).then(function (heads) {
      var cuts = [];
      for (var cut = word.length - 4; cut >= 4; cut--) {
        if (heads[word.slice(0, cut)]) cuts.push(cut);
      }
      var tries = [];
      cuts.forEach(function (cut) {
        LINKS.forEach(function (link) {
          var rest = word.slice(cut);
          if (rest.lastIndexOf(link, 0) !== 0) return;
          var tail = rest.slice(link.length);
          if (tail.length >= 4) tries.push({ head: word.slice(0, cut), tail: tail });
        });
      });
      return Promise.all(tries.map(function (t) {
        return shard(t.tail).then(function (words) { return words[t.tail] ? t : null; });
      })).then(function (ok) {
        var best = null;
        ok.forEach(function (t) {
          if (t && (!best || Math.min(t.head.length, t.tail.length) > Math.min(best.head.length, best.tail.length))) best = t;
        });
        return best ? [best.head, best.tail] : null;
      });
    });
  }

  // --- reading a query -----------------------------------------------------------------------------------
  function prepare(data) {
    var places = {}, terms = {}, stop = {}, longest = 1;
    // {facet: [entry]}: an entry is its label, or [label, name or 0, ids] (generator/search_index.py compact_places)
    Object.keys(data.places).forEach(function (facet) {
      data.places[facet].forEach(function (entry) {
        if (typeof entry === "string") entry = [entry, 0];
        var name = entry[1] || normal(entry[0]);
        var ids = entry[2] || [name.replace(/ /g, "-")];
        (places[name] = places[name] || []).push({ facet: facet, ids: ids, label: (facet === "regio" ? "regio " : "") + entry[0] });
        longest = Math.max(longest, name.split(" ").length);
      });
    });
    Object.keys(data.topics).forEach(function (tid) {
      data.topics[tid][1].forEach(function (term) {
        (terms[term] = terms[term] || []).push(tid);
        longest = Math.max(longest, term.split(" ").length);
      });
    });
    data.stop.forEach(function (w) { stop[w] = true; });
    return { places: places, terms: terms, stop: stop, longest: Math.min(longest, 6), topics: data.topics, count: data.count,
             all: data.all };
  }

  function place(entries) {  // a municipality before a region of the same name: its page lists the region's work too
    var order = { gemeente: 0, regio: 1, verzekeraar: 2 };
    return entries.slice().sort(function (a, b) { return order[a.facet] - order[b.facet]; })[0];
  }

  // Query -> {groups: [{kind, text, label, ...}], unknown: [{word, suggestions}], corrected: [{from, to}]}
  function analyse(q) {
    var tokens = normal(q).split(" ").filter(Boolean);
    var groups = [];
    for (var i = 0; i < tokens.length;) {
      var matched = false;
      for (var n = Math.min(help.longest, tokens.length - i); n >= 1 && !matched; n--) {
        var phrase = tokens.slice(i, i + n).join(" ");
        if (help.places[phrase]) {
          var p = place(help.places[phrase]);
          groups.push({ kind: "place", text: phrase, facet: p.facet, ids: p.ids, label: p.label });
        } else if (help.terms[phrase]) {
          groups.push({ kind: "topic", text: phrase, topics: help.terms[phrase] });
        } else if (n === 1 && help.stop[phrase]) {
          groups.push(null);
        } else if (n === 1) {
          groups.push({ kind: "word", text: phrase });
        } else {
          continue;
        }
        matched = true;
        i += n;
      }
    }
    groups = groups.filter(Boolean);
    var unknown = [], corrected = [];
    return Promise.all(groups.map(function (g) {
      if (g.kind !== "word" || g.text.length < 2) return [g];
      return known(g.text).then(function (yes) {
        if (yes) return [g];
        return split(g.text).then(function (parts) {
          if (parts) {
            return parts.map(function (part) {
              return help.terms[part] ? { kind: "topic", text: part, topics: help.terms[part], from: g.text }
                                      : { kind: "word", text: part, from: g.text };
            });
          }
          return suggestions(g.text).then(function (close) {
            unknown.push({ word: g.text, suggestions: close.map(function (c) { return c.word; }), close: close });
            return [];
          });
        });
      });
    })).then(function (parts) {
      var kept = [].concat.apply([], parts);
      // only unknown words, one of them a near-certain slip: search the correction instead of nothing
      if (!kept.length && unknown.length) {
        unknown.forEach(function (u) {
          var best = u.close[0];
          if (best && (best.d === 1 || u.word.length >= 8)) {
            corrected.push({ from: u.word, to: best.word });
            kept.push(help.terms[best.word] ? { kind: "topic", text: best.word, topics: help.terms[best.word] }
                                            : { kind: "word", text: best.word });
          }
        });
        if (corrected.length) unknown = unknown.filter(function (u) {
          return !corrected.some(function (c) { return c.from === u.word; });
        });
      }
      return { groups: kept, unknown: unknown, corrected: corrected };
    });
  }

  // --- searching -----------------------------------------------------------------------------------------
  var pages = {};  // Pagefind page id -> its result object (to load the fragment later)

  function keep(results) {
    results.forEach(function (r) { if (!pages[r.id]) pages[r.id] = r; });
    return results;
  }

  // Every project (filtered): the word all project entries carry, as a search without a word would load
  // every chunk of Pagefind's index.
  function filtered(filters) {
    return pagefind.search(help.all, { filters: filters }).then(function (answer) { return keep(answer.results); });
  }

  // One group -> {id: strength 0..1}. A word's strength follows Pagefind's score; a topic's projects count
  // a little less than projects that use the word itself.
  function match(group) {
    function scored(results) {
      var top = results.length ? results[0].score : 1, out = {};
      results.forEach(function (r) { out[r.id] = 0.5 + 0.5 * (top ? r.score / top : 1); });
      return out;
    }
    if (group.kind === "place") {
      var f = {}; f[group.facet] = { any: group.ids };
      return filtered(f).then(function (results) {
        var out = {}; results.forEach(function (r) { out[r.id] = 1; }); return out;
      });
    }
    var literal = pagefind.search(group.text).then(function (a) { return scored(keep(a.results)); });
    // a topic's own projects, when it has any (a filtered search loads the index chunk every project is in)
    var topics = group.kind === "topic" ? group.topics.filter(function (t) { return help.topics[t][2] > 0; }) : [];
    if (!topics.length) return literal;
    return Promise.all([literal, filtered({ onderwerp: { any: topics } })]).then(function (both) {
      var out = both[0];
      both[1].forEach(function (r) { out[r.id] = out[r.id] ? Math.min(1, out[r.id] + 0.1) : 0.45; });
      return out;
    });
  }

  // Groups -> ranked [{id, score, full, missing: [group]}]: projects matching every group first.
  function rank(groups, found) {
    var total = help.count || 1, weights = [], sum = 0, byId = {};
    groups.forEach(function (g, i) {
      var n = Object.keys(found[i]).length;
      var w = Math.log(1 + total / (1 + n)) * (g.kind === "word" ? 1 : 2);  // subjects and places weigh more
      weights.push(w); sum += w;
      Object.keys(found[i]).forEach(function (id) {
        var entry = byId[id] || (byId[id] = { id: id, score: 0, weight: 0, hits: 0 });
        entry.score += w * found[i][id]; entry.weight += w; entry.hits += 1;
      });
    });
    var ranked = Object.keys(byId).map(function (id) { return byId[id]; }).filter(function (e) {
      e.full = e.hits === groups.length;
      return e.full || e.weight >= sum / 2;   // a partial match must cover the stronger half of the query
    });
    ranked.forEach(function (e) {
      e.missing = groups.filter(function (g, i) { return !found[i][e.id]; });
    });
    ranked.sort(function (a, b) { return (b.full - a.full) || (b.score - a.score) || (a.id < b.id ? -1 : 1); });
    return ranked;
  }

  // Every page id -> its place in the order of a sort key ("naam", "regio", "peildatum"): from the result map,
  // which lists the pages in name order and the other orders as positions (build.py search_result_map).
  function order(key) {
    return facetData().then(function (data) { return data.at[key] || data.at.naam; });
  }

  // The facet data and sort orders of every page (zoeken/resultaten.json): counts, filtering, sorting and export
  // use it. It is loaded after the first results of a plain query (or before them when a filter or a sort is
  // chosen, or when there is no query).
  function facetData() {
    return fetchOnce(address("data-map")).then(function (data) {
      if (!data.byId) {
        data.index = {};
        Object.keys(data.facetten).forEach(function (name, f) { data.index[name] = f; });
        data.byId = {};
        data.at = { naam: {} };
        data.paginas.forEach(function (row, i) { data.byId[row[0]] = row; data.at.naam[row[0]] = i; });
        Object.keys(data.volgorde).forEach(function (key) {
          var at = data.at[key] = {};
          data.volgorde[key].forEach(function (i, rank) { at[data.paginas[i][0]] = rank; });
        });
      }
      return data;
    });
  }

  function has(data, id, name, values) {
    var page = data.byId[id];
    if (!page) return false;
    var f = data.index[name];
    if (f === undefined) return false;
    var own = page[1][f].map(function (i) { return data.facetten[name][i]; });
    return values.some(function (v) { return own.indexOf(v) >= 0; });
  }

  function passes(data, id, chosen, except) {
    return Object.keys(chosen).every(function (name) { return name === except || has(data, id, name, chosen[name]); });
  }

  // --- the search itself ---------------------------------------------------------------------------------
  function run() {
    var sel = selection();
    var mine = ++serial;
    var chosen = Object.keys(sel.facets).length > 0;
    var reading = sel.q ? analyse(sel.q) : Promise.resolve({ groups: [], unknown: [], corrected: [] });
    return reading.then(function (reading) {
      var groups = reading.groups;
      var candidates = groups.length
        ? Promise.all(groups.map(match)).then(function (found) { return rank(groups, found); })
        : Promise.all([filtered({}), order("naam")]).then(function (both) {
          var at = both[1];
          return both[0].map(function (r) { return r.id; }).sort(function (a, b) { return at[a] - at[b]; })
            .map(function (id) { return { id: id, score: 0, full: true, missing: [] }; });
        });
      if (sel.q && !groups.length) candidates = Promise.resolve([]);
      return Promise.all([candidates, chosen ? facetData() : null, sel.sort ? order(sel.sort) : null])
        .then(function (all) {
          if (mine !== serial) return;
          var ranked = all[0], data = all[1], at = all[2];
          var unfiltered = ranked;
          if (data) ranked = ranked.filter(function (e) { return passes(data, e.id, sel.facets); });
          if (at) {
            ranked.sort(function (a, b) { return (b.full - a.full) || (at[a.id] - at[b.id]); });
          }
          var search = current = { ranked: ranked, unfiltered: unfiltered, shown: 0, sel: sel, reading: reading };
          list.innerHTML = "";
          show(current);
          return showMore(FIRST).then(function () {
            return current.shown < PAGE && current === search ? showMore(PAGE - current.shown) : null;
          }).then(function () {
            if (mine === serial) outcome.setAttribute("data-gezocht", String(mine));
            return count(current);  // facet counts and the map's numbers follow the first results
          });
        });
    });
  }

  function describe(sel, n) {
    var parts = [];
    if (sel.q) parts.push("‘" + sel.q + "’");
    Object.keys(sel.facets).forEach(function (name) {
      parts.push(boxes(name).filter(function (b) { return b.checked; }).map(labelOf).join(" of "));
    });
    var what = n === 1 ? "1 project" : n + " projecten";
    return parts.length ? what + " gevonden voor " + parts.join(", ") + "." : "Alle " + what + ", op naam.";
  }

  function notice(node) { notices.appendChild(node); return node; }

  function retry(word) {  // a button that searches for `word` (a history step)
    var button = el("button", "zoeker__woord", word);
    button.type = "button";
    button.addEventListener("click", function () { query.value = word; step(); query.focus(); });
    return button;
  }

  function show(search) {
    var sel = search.sel, reading = search.reading, ranked = search.ranked;
    var full = ranked.filter(function (e) { return e.full; }).length;
    status.textContent = describe(sel, ranked.length);
    notices.innerHTML = "";
    reading.groups.forEach(function (g) {
      if (g.kind === "place") {
        notice(el("p", "zoeker__plaats", (g.facet === "verzekeraar" ? "Projecten met zorgverzekeraar " : "Projecten in ") +
          (g.facet === "gemeente" ? "gemeente " : "") + g.label + "."));
      }
    });
    var split = {};
    reading.groups.forEach(function (g) { if (g.from) (split[g.from] = split[g.from] || []).push(g.text); });
    Object.keys(split).forEach(function (w) {
      notice(el("p", "", "‘" + w + "’ staat niet als woord in de catalogus; gezocht op " + quoted(split[w]) + "."));
    });
    reading.corrected.forEach(function (c) {
      notice(el("p", "zoeker__correctie", "‘" + c.from + "’ komt in de catalogus niet voor. U ziet de projecten met ‘" + c.to + "’."));
    });
    reading.unknown.forEach(function (u) {
      var p = notice(el("p", "zoeker__onbekend", "‘" + u.word + "’ komt in de catalogus niet voor" + (reading.groups.length ? " en is weggelaten." : ".")));
      if (u.suggestions.length) {
        p.appendChild(document.createTextNode(" Bedoelde u "));
        u.suggestions.forEach(function (s, i) {
          if (i) p.appendChild(document.createTextNode(i === u.suggestions.length - 1 ? " of " : ", "));
          var rest = reading.groups.map(function (g) { return g.from ? g.from : g.text; });
          p.appendChild(retry(rest.concat([s]).join(" ")));
        });
        p.appendChild(document.createTextNode("?"));
      }
    });
    if (reading.groups.length > 1 && ranked.length && !full) {
      var missing = ranked[0].missing.map(function (g) { return g.from || g.text; });
      var kept = reading.groups.filter(function (g) { return ranked[0].missing.indexOf(g) < 0; })
        .map(function (g) { return g.from || g.text; });
      notice(el("p", "zoeker__deels", "Geen project noemt " + quoted(reading.groups.map(function (g) { return g.from || g.text; })
        .filter(function (w, i, all) { return all.indexOf(w) === i; })) + " samen. U ziet eerst de projecten met " +
        quoted(kept.filter(function (w, i, all) { return all.indexOf(w) === i; })) + " (zonder " + quoted(missing) + ")."));
    } else if (full && full < ranked.length) {
      notice(el("p", "zoeker__deels", full + (full === 1 ? " project noemt" : " projecten noemen") +
        " alle zoekwoorden; daarna volgen projecten die een deel ervan noemen."));
    }
    exportBar.hidden = ranked.length === 0;
    showChips(sel);
    showEmpty(search);
  }

  // --- result cards --------------------------------------------------------------------------------------
  function terms(search) {  // words to mark in a card: the query's words and the synonyms of its topics
    var out = [];
    search.reading.groups.forEach(function (g) {
      if (g.kind === "place") return;
      out.push(g.text);
      if (g.kind === "topic") g.topics.forEach(function (t) { out = out.concat(help.topics[t][1]); });
    });
    return out.filter(function (t, i) { return t.length > 1 && out.indexOf(t) === i; });
  }

  function marked(text, words) {  // text as nodes with <mark> around words that start a word in it
    var folded = fold(text), spans = [];
    words.forEach(function (w) {
      var needle = w.split(" ").map(function (part) { return part.replace(/\+/g, "\\+"); }).join("[^a-z0-9]+");
      var re = new RegExp("(^|[^a-z0-9])(" + needle + ")", "g");
      var m;
      while ((m = re.exec(folded))) {
        var start = m.index + m[1].length;
        spans.push([start, start + m[2].length]);
        if (re.lastIndex === m.index) re.lastIndex++;
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var frag = document.createDocumentFragment(), at = 0;
    spans.forEach(function (s) {
      if (s[0] < at) return;
      frag.appendChild(document.createTextNode(text.slice(at, s[0])));
      frag.appendChild(el("mark", "", text.slice(s[0], s[1])));
      at = s[1];
    });
    frag.appendChild(document.createTextNode(text.slice(at)));
    return { node: frag, count: spans.length };
  }

  // The description as Pagefind indexed it: the words of the fragment's content from the "omschrijving" heading
  // (its anchor's word location, past the heading's own words) up to the next h1/h2 heading, the first
  // DESCRIPTION_LIMIT characters. Taken from the content, not from a copy in the page's metadata: Pagefind indexes
  // every metadata value as words a second time.
  var DESCRIPTION_LIMIT = 600;
  function description(data) {
    var anchors = data.anchors || [], words = (data.content || "").trim().split(/\s+/);
    for (var i = 0; i < anchors.length; i++) {
      if (anchors[i].id !== "omschrijving") continue;
      var start = anchors[i].location + (anchors[i].text || "").split(/\s+/).filter(Boolean).length, end = words.length;
      for (var j = i + 1; j < anchors.length; j++) {
        if (anchors[j].element === "h1" || anchors[j].element === "h2") { end = anchors[j].location; break; }
      }
      return words.slice(start, end).join(" ").slice(0, DESCRIPTION_LIMIT).trim();
    }
    return "";
  }

  // The highlight: the summary when it has a query word, else the sentence of the description that has one.
  function highlight(data, words) {
    var meta = data.meta || {};
    var summary = meta.samenvatting || "";
    if (!words.length) return marked(summary, []).node;
    var first = marked(summary, words);
    var text = first.count ? "" : description(data);
    if (!text) return first.node;
    var sentences = text.split(/(?<=[.!?])\s+/);
    for (var i = 0; i < sentences.length; i++) {
      var found = marked(sentences[i], words);
      if (found.count) {
        var frag = document.createDocumentFragment();
        frag.appendChild(el("span", "zoeker__uitsnede-label", "Uit de omschrijving: "));
        frag.appendChild(found.node);
        return frag;
      }
    }
    return first.node;
  }

  function card(data, entry, words) {
    var meta = data.meta || {};
    var li = el("li", "kaart" + (entry.full ? "" : " kaart--deels"));
    li.setAttribute("data-id", meta.id || "");
    var title = el("h3", "kaart__titel");
    var link = el("a", "", meta.title || data.url);
    link.href = data.url;
    title.appendChild(link);
    li.appendChild(title);
    var facts = [meta.regio, meta.gemeenten, meta.verzekeraars].filter(Boolean);
    if (facts.length) li.appendChild(el("p", "kaart__feiten", facts.join(" · ")));
    var text = el("p", "kaart__tekst");
    text.appendChild(highlight(data, words));
    li.appendChild(text);
    var badges = el("p", "kaart__labels");
    [["status", meta.status], ["vorm", meta.vorm], ["soort", meta.soort]].forEach(function (b) {
      if (b[1]) badges.appendChild(el("span", "kaart__label kaart__label--" + b[0], b[1]));
    });
    var subjects = meta.onderwerpen || meta.themas;
    if (subjects) badges.appendChild(el("span", "kaart__onderwerpen", (meta.onderwerpen ? "Onderwerpen: " : "Thema's: ") + subjects));
    li.appendChild(badges);
    if (!entry.full && entry.missing.length) {
      li.appendChild(el("p", "kaart__mist", "Noemt niet: " + quoted(entry.missing.map(function (g) { return g.from || g.text; }))));
    }
    return li;
  }

  var FIRST = 5;  // the first results are shown as soon as their five fragments are in; the rest of the page follows
  function showMore(limit) {
    var search = current;
    var next = search.ranked.slice(search.shown, search.shown + (limit || PAGE));
    search.shown += next.length;
    var words = terms(search);
    return Promise.all(next.map(function (e) { return pages[e.id].data(); })).then(function (data) {
      if (search !== current) return;
      data.forEach(function (d, i) { list.appendChild(card(d, next[i], words)); });
      more.hidden = search.shown >= search.ranked.length;
    });
  }

  // --- chips, counts, empty state ------------------------------------------------------------------------
  function showChips(sel) {
    chips.innerHTML = "";
    var n = 0;
    facets.forEach(function (name) {
      boxes(name).filter(function (b) { return b.checked; }).forEach(function (box) {
        n++;
        var li = el("li");
        var button = el("button", "zoeker__chip", facetLabel(name) + ": " + labelOf(box));
        button.type = "button";
        button.setAttribute("aria-label", "Filter " + facetLabel(name) + ": " + labelOf(box) + " weghalen");
        button.appendChild(el("span", "zoeker__chip-x", "×")).setAttribute("aria-hidden", "true");
        button.addEventListener("click", function () { box.checked = false; step(); query.focus(); });
        li.appendChild(button);
        chips.appendChild(li);
      });
    });
    chips.hidden = n === 0;
    $("zoeker-filtertal").textContent = "(" + n + ")";
    facets.forEach(function (name) {
      var k = boxes(name).filter(function (b) { return b.checked; }).length;
      var badge = form.querySelector('[data-gekozen="' + name + '"]');
      if (badge) badge.textContent = k ? " (" + k + " gekozen)" : "";
    });
  }

  function showEmpty(search) {
    empty.innerHTML = "";
    empty.hidden = search.ranked.length > 0;
    if (!empty.hidden) {
      empty.appendChild(el("h3", "", "Geen projecten gevonden"));
      var tips = el("ul");
      var chosen = Object.keys(search.sel.facets);
      if (chosen.length) {
        var li = el("li", "", "Haal een filter weg: ");
        chosen.forEach(function (name) {
          var b = el("button", "zoeker__woord", facetLabel(name));
          b.type = "button";
          b.setAttribute("data-zonder", name);
          b.addEventListener("click", function () {
            boxes(name).forEach(function (box) { box.checked = false; });
            step();
          });
          li.appendChild(b);
          li.appendChild(document.createTextNode(" "));
        });
        tips.appendChild(li);
      }
      if (search.sel.q) tips.appendChild(el("li", "", "Gebruik minder of andere woorden, bijvoorbeeld een onderwerp of een plaatsnaam."));
      var topics = el("li", "", "Bekijk de ");
      var link = el("a", "", "lijst van onderwerpen");
      link.href = address("data-topics").replace(/index\.md$/, "");
      topics.appendChild(link);
      topics.appendChild(document.createTextNode(" of zoek zonder woorden en kies alleen filters."));
      tips.appendChild(topics);
      empty.appendChild(tips);
    }
  }

  // Counts per value over the current results; for a facet with a choice, as if that facet were open (the
  // usual "or" within a facet), so its other values show what adding them would give.
  function count(search) {
    return facetData().then(function (data) {
      if (search !== current) return;
      var sel = search.sel, regions = {};
      facets.forEach(function (name) {
        var counts = {};
        search.unfiltered.forEach(function (e) {
          if (!passes(data, e.id, sel.facets, name)) return;
          var page = data.byId[e.id];
          if (!page || data.index[name] === undefined) return;
          page[1][data.index[name]].forEach(function (i) {
            var v = data.facetten[name][i];
            counts[v] = (counts[v] || 0) + 1;
          });
        });
        if (name === "regio") regions = counts;
        boxes(name).forEach(function (box) {
          var n = counts[box.value] || 0;
          box.parentNode.querySelector(".facet__aantal").textContent = n;
          box.parentNode.classList.toggle("facet__waarde--leeg", n === 0 && !box.checked);
        });
      });
      form.setAttribute("data-geteld", String(serial));
      document.dispatchEvent(new CustomEvent("zoeker:resultaten", {
        detail: { regios: regions, totaal: search.ranked.length },
      }));
    });
  }

  // --- export: the selection as CSV or JSON, in the order shown ------------------------------------------
  function csvRecords(text) {  // split CSV text into records (a quoted cell may hold newlines)
    var records = [], start = 0, quotedCell = false;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (ch === '"') quotedCell = !quotedCell;
      else if (ch === "\n" && !quotedCell) { records.push(text.slice(start, i + 1)); start = i + 1; }
    }
    if (start < text.length) records.push(text.slice(start) + "\n");
    return records;
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
    if (!current || !current.ranked.length) return;
    var search = current;
    status.textContent = "De selectie wordt klaargezet…";
    var file = kind === "json" ? fetchOnce(address("data-json")) : fetchOnce(address("data-csv"), "text");
    var projectIds = fetchOnce(address("data-ids"));  // the project id of each page, in the result map's order
    // licence and date of the data (data/metadata.json, beside projecten.json): part of every selection
    var about = fetchOnce(new URL("metadata.json", address("data-json")).href);
    Promise.all([facetData(), file, about, projectIds]).then(function (both) {
      // JSON gets source, licence and date as fields; a CSV has no room for them, so its name carries the date
      // and the status line below names the licence
      var at = both[0].at.naam;
      var ids = search.ranked.map(function (e) { return both[3][at[e.id]]; }).filter(Boolean);
      var meta = both[2];
      var byId = {};
      var name = "projecten-selectie-" + meta.modified;
      if (kind === "json") {
        both[1].forEach(function (record) { byId[record.id] = record; });
        var selection = Object.assign({}, meta, { selection: window.location.href, count: ids.length,
          projects: ids.map(function (id) { return byId[id]; }) });
        download(name + ".json", "application/json", JSON.stringify(selection, null, 1) + "\n");
      } else {
        var records = csvRecords(both[1]);
        records.slice(1).forEach(function (record) { byId[record.slice(0, record.indexOf(","))] = record; });
        download(name + ".csv", "text/csv", records[0] + ids.map(function (id) { return byId[id]; }).join(""));
      }
      status.textContent = describe(search.sel, search.ranked.length) + " De download bevat " +
        (ids.length === 1 ? "1 project" : ids.length + " projecten") + ", gegevens van " + meta.modified +
        ", licentie " + meta.licence.name + ".";
    }).catch(function () {
      status.textContent = "De download is mislukt; probeer het opnieuw of gebruik de bestanden op de pagina Open data.";
    });
  }

  // --- wiring --------------------------------------------------------------------------------------------
  form.querySelectorAll(".facet__filter").forEach(function (input) {
    input.addEventListener("input", function () {
      var needle = fold(input.value.trim());
      var facet = form.querySelector('[data-facet="' + input.getAttribute("data-filter-for") + '"]');
      facet.querySelectorAll(".facet__waarde").forEach(function (label) {
        label.hidden = needle !== "" && fold(label.textContent).indexOf(needle) < 0;
      });
    });
    // Enter in the list filter narrows the list; it must not submit the finder
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
  });

  var timer = null;
  form.addEventListener("change", function (e) {
    if (e.target.matches("input[type=checkbox]") || e.target === sorter) step();
  });
  query.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      remember(typing ? "replace" : "push");  // one history entry per query typed
      typing = true;
      run();
    }, 300);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    if (typing) { typing = false; remember("replace"); run(); } else step();
  });
  $("zoeker-wis").addEventListener("click", function () {
    query.value = "";
    form.querySelectorAll("input[type=checkbox]").forEach(function (b) { b.checked = false; });
    step();
    query.focus();
  });
  // Small screens: the filters are a panel behind "Filters (n)", so the results come first.
  function panel(open) {
    form.classList.toggle("zoeker--filters-open", open);
    panelButton.setAttribute("aria-expanded", String(open));
  }
  panelButton.addEventListener("click", function () {
    var open = !form.classList.contains("zoeker--filters-open");
    panel(open);
    if (open) { var first = form.querySelector(".zoeker__facetten summary"); if (first) first.focus(); }
  });
  $("zoeker-klaar").addEventListener("click", function () { panel(false); panelButton.focus(); });
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
  window.addEventListener("popstate", function () {
    typing = false;
    facetValues(wantedLazy()).then(function () { restore(); openChosen(); run(); });
  });
  // The map (kaart.js) asks to toggle a filter: {facet: "regio", waarde: "<id>"}, as a history step.
  document.addEventListener("zoeker:kies", function (e) {
    var d = e.detail || {};
    var box = boxes(d.facet).filter(function (b) { return b.value === d.waarde; })[0];
    if (!box) return;
    box.checked = !box.checked;
    openChosen();
    step();
  });

  function openChosen() {  // open the facets that have a choice, so a restored selection is visible
    facets.forEach(function (name) {
      if (boxes(name).some(function (b) { return b.checked; })) form.querySelector('[data-facet="' + name + '"]').open = true;
    });
  }

  // Start: Pagefind and the finder's word lists, then the search the address asks for.
  function init() {
    var bundle = address("data-bundle");
    // A large catalogue is indexed in shards (generator/build.py); the primary bundle lists the others.
    var shards = fetch(bundle + "shards.json").then(function (r) { return r.ok ? r.json() : []; }, function () { return []; });
    var loads = [import(bundle + "pagefind.js"), fetchOnce(address("data-help")), facetValues(wantedLazy())];
    return Promise.all(loads).then(function (loaded) {
      pagefind = loaded[0];
      help = prepare(loaded[1]);
      // noWorker: Pagefind in the page itself; its worker script is a second copy of the same code (12 kB gzip)
      return pagefind.options({ bundlePath: bundle, noWorker: true });
    }).then(function () {
      return shards;
    }).then(function (others) {
      return Promise.all(others.map(function (path) { return pagefind.mergeIndex(new URL(path, bundle).href); }));
    });
  }

  init().then(function () {
    form.hidden = false;
    outcome.hidden = false;
    everything.hidden = true;
    restore();
    if (window.matchMedia("(min-width: 50em)").matches) {  // wide screens: the subject facets start open
      ["onderwerp", "thema"].forEach(function (name) {
        var facet = form.querySelector('[data-facet="' + name + '"]');
        if (facet) facet.open = true;
      });
    }
    remember("replace");  // the address in today's terms (a former municipality id becomes today's)
    openChosen();
    return run();
  }).catch(function () {
    // the index could not be loaded: keep the plain list visible
    form.hidden = true;
    outcome.hidden = true;
    everything.hidden = false;
  });
})();
