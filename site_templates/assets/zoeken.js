// Search page: Pagefind's UI, with the query kept in the address (?q=…) so a search can be linked and shared.
(function () {
  var element = document.getElementById("zoeken");
  if (!element || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#zoeken",
    bundlePath: element.getAttribute("data-bundle"),
    showSubResults: false,
    showImages: false,
    resetStyles: true,
    autofocus: true,
    translations: { placeholder: "Zoek op trefwoord, bijvoorbeeld mantelzorg of schulden" }
  });
  var params = new URLSearchParams(window.location.search);
  var query = params.get("q");
  if (query) ui.triggerSearch(query);
  element.addEventListener("input", function (event) {
    if (!event.target.matches("input")) return;
    var url = new URL(window.location.href);
    if (event.target.value) url.searchParams.set("q", event.target.value); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  });
})();
