(function () {
  "use strict";
  var table = document.getElementById("board");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var type = document.getElementById("type");
  var shown = document.getElementById("shown");

  function apply() {
    var verdicts = {};
    document.querySelectorAll("input[name=verdict]").forEach(function (box) {
      verdicts[box.value] = box.checked;
    });
    var only = type.value;
    var count = 0;
    rows.forEach(function (r) {
      var on = !!verdicts[r.dataset.verdict] && (only === "" || r.dataset.type === only);
      r.hidden = !on;
      var heat = document.getElementById("heat-" + r.dataset.n);
      if (heat) { heat.hidden = !on; }
      if (on) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " documents shown";
  }

  function sortBy(th) {
    var key = th.dataset.key;
    var numeric = th.dataset.numeric === "1";
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var sign = dir === "ascending" ? 1 : -1;
    rows.sort(function (a, b) {
      var x = a.dataset[key] || "", y = b.dataset[key] || "";
      if (numeric) {
        var nx = x === "" ? -1 : parseFloat(x), ny = y === "" ? -1 : parseFloat(y);
        return sign * (nx - ny) || (parseInt(a.dataset.n, 10) - parseInt(b.dataset.n, 10));
      }
      return sign * x.localeCompare(y) || (parseInt(a.dataset.n, 10) - parseInt(b.dataset.n, 10));
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  table.querySelectorAll("th[data-key]").forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
  });
  document.querySelectorAll("input[name=verdict]").forEach(function (box) {
    box.addEventListener("change", apply);
  });
  type.addEventListener("change", apply);
  apply();
}());
