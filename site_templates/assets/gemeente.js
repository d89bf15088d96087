// Home page: "Zoek je gemeente". Typing today's name or a former name (Molenwaard, Haaren, …) and pressing
// Enter opens the municipality's page. Without JavaScript the form opens the list of all municipalities.
(function () {
  "use strict";
  var form = document.querySelector("[data-gemeentezoeker]");
  if (!form) return;
  var input = form.querySelector("input");
  var help = form.querySelector(".gemeentezoeker__hulp");
  var options = Array.prototype.slice.call(form.querySelectorAll("datalist option"));

  function normal(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[’‘`´]/g, "'").toLowerCase().trim();
  }

  function find(text) {
    var wanted = normal(text);
    if (!wanted) return null;
    var exact = options.filter(function (o) {
      return normal(o.value) === wanted || normal(o.getAttribute("data-naam")) === wanted;
    });
    if (exact.length) return exact[0];
    var starts = options.filter(function (o) { return normal(o.getAttribute("data-naam")).indexOf(wanted) === 0; });
    return starts.length === 1 ? starts[0] : null;
  }

  form.addEventListener("submit", function (event) {
    var option = find(input.value);
    event.preventDefault();
    if (option) {
      window.location.href = option.getAttribute("data-url");
    } else {
      help.textContent = input.value.trim()
        ? "Geen gemeente gevonden met die naam. Kies een naam uit de lijst of bekijk alle gemeenten."
        : "Typ de naam van een gemeente.";
    }
  });
})();
