// Home page: "Zoek je gemeente". Today's name, a common name (Den Haag) or a former name (Molenwaard, Haaren)
// and Enter opens the municipality's page; case, accents and hyphens do not matter ("sudwest fryslan").
// A name two municipalities share (Bergen) offers both, with their province. Without JavaScript the form
// opens the list of all municipalities.
(function () {
  "use strict";
  var form = document.querySelector("[data-gemeentezoeker]");
  if (!form) return;
  var input = form.querySelector("input");
  var help = form.querySelector(".gemeentezoeker__hulp");
  var options = Array.prototype.slice.call(form.querySelectorAll("datalist option"));

  function normal(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }
  function bare(text) { return normal(text.replace(/\s*\([^)]*\)\s*$/, "")); }  // 'Bergen (NH)' -> 'bergen'

  function distinct(found) {  // one option per page
    var seen = {};
    return found.filter(function (o) {
      var url = o.getAttribute("data-url");
      if (seen[url]) return false;
      seen[url] = true;
      return true;
    });
  }

  // The pages a typed name can mean: exact names first, then names without the province, then a unique start.
  function find(text) {
    var wanted = normal(text);
    if (!wanted) return [];
    var exact = distinct(options.filter(function (o) {
      return normal(o.value) === wanted || normal(o.getAttribute("data-naam")) === wanted;
    }));
    if (exact.length) return exact;
    var named = distinct(options.filter(function (o) { return bare(o.getAttribute("data-naam")) === wanted; }));
    if (named.length) return named;
    var starts = distinct(options.filter(function (o) { return normal(o.getAttribute("data-naam")).indexOf(wanted) === 0; }));
    return starts.length <= 5 ? starts : [];
  }

  function offer(found) {
    help.textContent = "Bedoelt u ";
    found.forEach(function (o, i) {
      if (i) help.appendChild(document.createTextNode(i === found.length - 1 ? " of " : ", "));
      var link = document.createElement("a");
      link.href = o.getAttribute("data-url");
      link.textContent = o.value;
      help.appendChild(link);
    });
    help.appendChild(document.createTextNode("?"));
  }

  form.addEventListener("submit", function (event) {
    var found = find(input.value);
    event.preventDefault();
    if (found.length === 1) {
      window.location.href = found[0].getAttribute("data-url");
    } else if (found.length > 1) {
      offer(found);
    } else {
      help.textContent = input.value.trim()
        ? "Geen gemeente gevonden met die naam. Kies een naam uit de lijst of bekijk alle gemeenten."
        : "Typ de naam van een gemeente.";
    }
  });
})();
