// storylens: small progressive enhancements. Every page works without this file.
"use strict";
(function () {
  // Article page: switch highlight kinds on and off.
  var text = document.getElementById("article-text");
  document.querySelectorAll("input[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (text) text.classList.toggle("off-" + box.dataset.toggle, !box.checked);
    });
  });
  // Article page: bring the focused claim, quote or figure into view.
  var focus = document.querySelector("mark.focus");
  if (focus && !window.location.hash) focus.scrollIntoView({ block: "center" });
  // Event page: show only the claims that need checking.
  var tools = document.querySelector(".matrix-tools");
  var matrix = document.querySelector("table.matrix");
  if (tools && matrix) {
    tools.hidden = false;
    document.getElementById("only-weak").addEventListener("change", function (e) {
      matrix.classList.toggle("hide-strong", e.target.checked);
    });
  }
})();
