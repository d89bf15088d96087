// Printing a region or theme page as a dossier: spell out where every link in the text goes.
// Before printing, each link in the article gets its full address in data-adres; the print stylesheet
// shows it after the link text. (Links to other sites are spelled out by the stylesheet alone.)
// Folded groups (<details>) are opened for the print and closed again afterwards, so the dossier is complete.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("article details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
    document.querySelectorAll("article a[href]:not(.headerlink):not(.md-button)").forEach(function (link) {
      var href = link.getAttribute("href");
      if (/^(https?:|mailto:|#)/.test(href)) return;
      link.setAttribute("data-adres", link.href);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
