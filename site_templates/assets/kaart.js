// Maps of the Wmo regions: recolouring on /kaart/ and the finder's map. No library; the counts are in the page
// (computed at build time by generator/pages/map.py) or come from the finder. The only request is the finder's
// map itself (zoeken/kaart.svg, after the first results). Without JavaScript the maps show all projects and every
// region is a plain link.
(function () {
  "use strict";

  function colourClass(n, floors) {
    var k = 0;
    for (var i = 1; i < floors.length; i++) if (n >= floors[i]) k = i;
    return "k" + k;
  }

  function projects(n) {
    return n + (n === 1 ? " project" : " projecten");
  }

  function setClass(el, base, k) {
    el.setAttribute("class", (base ? base + " " : "") + k);
  }

  // Recolour one map: counts[regionId] -> number; `suffix` follows the count in each region's accessible name.
  function paint(svg, counts, floors, suffix) {
    svg.querySelectorAll("a[data-regio]").forEach(function (a) {
      var id = a.getAttribute("data-regio");
      var n = counts[id] || 0;
      setClass(a, "kaart__regio", colourClass(n, floors));
      var name = a.getAttribute("data-naam") || a.getAttribute("aria-label").split(":")[0];
      a.setAttribute("data-naam", name);
      a.setAttribute("aria-label", name + ": " + projects(n) + suffix);
      var text = a.querySelector("text");
      if (text) text.textContent = String(n);
    });
  }

  // --- /kaart/: the layer selector ---------------------------------------------------------------------------
  var page = document.querySelector("[data-kaart-pagina]");
  if (page) {
    var data = JSON.parse(document.getElementById("kaart-gegevens").textContent);
    var select = document.getElementById("kaart-laag");
    var svg = page.querySelector("svg[data-kaart]");
    var status = document.getElementById("kaart-uitleg");
    var caption = document.getElementById("kaart-bijschrift");
    var chooser = page.querySelector(".kaart__kiezer");

    var apply = function (layer) {
      if (!Object.prototype.hasOwnProperty.call(data.lagen, layer)) layer = "";
      select.value = layer;
      var list = data.lagen[layer], counts = {};
      data.regios.forEach(function (id, i) { counts[id] = list[i]; });
      var label = layer ? select.options[select.selectedIndex].text : "alle projecten";
      var group = layer ? select.options[select.selectedIndex].parentNode.label.toLowerCase() : "";
      var suffix = layer ? " (" + group + " " + label + ")" : "";
      paint(svg, counts, data.klassen, suffix);
      var total = list.reduce(function (a, b) { return a + b; }, 0);
      var none = list.filter(function (n) { return n === 0; }).length;
      var text = (layer ? group.charAt(0).toUpperCase() + group.slice(1) + " " + label : "Alle projecten") +
        ": " + (data.regios.length - none) + " regio's met een project, " + none + " zonder bekend project";
      status.textContent = text;
      caption.textContent = "Projecten per Wmo-regio: " + (layer ? group + " " + label : "alle projecten");
      page.querySelectorAll("tr[data-regio]").forEach(function (row) {
        var id = row.getAttribute("data-regio"), cell = row.querySelector("td"), link = cell.querySelector("a");
        setClass(cell, "kaart__getal", colourClass(counts[id], data.klassen));
        link.textContent = String(counts[id]);
        var base = link.getAttribute("data-zoeker");
        link.setAttribute("href", layer ? base + "&" + layer.replace(":", "=") : base);
      });
      return total;
    };

    chooser.hidden = false;
    var start = new URLSearchParams(location.search).get("laag") || "";
    apply(start);
    select.addEventListener("change", function () {
      apply(select.value);
      var url = new URL(location.href);
      if (select.value) url.searchParams.set("laag", select.value); else url.searchParams.delete("laag");
      history.replaceState(null, "", url.pathname + url.search + url.hash);
    });
  }

  // --- the finder's map: shaded by the current results, a click filters by region ------------------------------
  // The map is a file of its own (zoeken/kaart.svg), loaded into its reserved place once the finder reports its
  // first results, or when the visitor opens it: the first result never waits for it.
  var place = document.querySelector(".zoekkaart__plek[data-kaart-bron]");
  if (place) {
    var vlak = place.closest("[data-klassen]");
    var floors = JSON.parse((vlak && vlak.getAttribute("data-klassen")) || "[0,1,2,4,8,16]");
    var live = false, last = null, finderMap = null, loading = null;
    var note = document.getElementById("zoekkaart-status");
    // open beside the results on wide screens; on a phone it stays a closed heading, so the results come first
    var box = place.closest("details");
    if (box && window.matchMedia("(min-width: 60em)").matches) box.open = true;

    var load = function () {
      if (!loading) {
        loading = fetch(new URL(place.getAttribute("data-kaart-bron"), document.baseURI).href).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.text();
        }).then(function (text) {
          place.innerHTML = text;
          finderMap = place.querySelector('svg[data-kaart="zoeker"]');
          finderMap.addEventListener("click", function (e) {
            var a = e.target.closest ? e.target.closest("a[data-regio]") : null;
            if (!a || !live) return;  // before the finder runs, the link itself filters (?regio=...)
            e.preventDefault();
            document.dispatchEvent(new CustomEvent("zoeker:kies", {detail: {facet: "regio", waarde: a.getAttribute("data-regio")}}));
          });
          if (last) show(last);
          return finderMap;
        });
      }
      return loading;
    };

    var show = function (detail) {
      if (finderMap) paint(finderMap, detail.regios || {}, floors, " in de selectie");
      if (note) {
        var shown = Object.keys(detail.regios || {}).filter(function (k) { return detail.regios[k] > 0; }).length;
        note.textContent = "Op de kaart: " + projects(detail.totaal || 0) + " in " + shown +
          (shown === 1 ? " regio" : " regio's") + ".";
      }
    };

    document.addEventListener("zoeker:resultaten", function (e) {
      live = true;
      last = e.detail || {};
      show(last);
      if (!box || box.open) load();
    });
    if (box) box.addEventListener("toggle", function () { if (box.open && live) load(); });
  }
})();
