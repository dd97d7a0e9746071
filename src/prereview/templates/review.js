(function () {
  "use strict";
  var RANK = { blocker: 0, major: 1, minor: 2 };
  var notes = Array.prototype.slice.call(document.querySelectorAll(".note"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl"));
  var sevOf = {};
  notes.forEach(function (n) { sevOf[n.dataset.f] = n.dataset.sev; });
  var crit = document.getElementById("crit");
  var shown = document.getElementById("shown");

  function apply() {
    var sevs = {};
    document.querySelectorAll("input[name=sev]").forEach(function (box) {
      sevs[box.value] = box.checked;
    });
    var only = crit ? crit.value : "";
    var visible = {};
    var count = 0;
    notes.forEach(function (n) {
      var on = !!sevs[n.dataset.sev] && (only === "" || n.dataset.crit === only);
      n.hidden = !on;
      if (on) { visible[n.dataset.f] = true; count += 1; }
    });
    marks.forEach(function (m) {
      var worst = null;
      var on = 0;
      m.dataset.f.split(" ").forEach(function (id) {
        if (!visible[id]) { return; }
        on += 1;
        if (worst === null || RANK[sevOf[id]] < RANK[worst]) { worst = sevOf[id]; }
      });
      m.className = "hl " + (worst === null ? "off" : "sev-" + worst) + (on > 1 ? " multi" : "");
    });
    document.querySelectorAll(".row").forEach(function (row) {
      var any = row.querySelector(".notes .note:not([hidden])");
      row.classList.toggle("has-notes", !!any);
    });
    var section = document.getElementById("document-notes");
    if (section) { section.hidden = !section.querySelector(".note:not([hidden])"); }
    if (shown) { shown.textContent = count + " of " + notes.length + " findings shown"; }
  }

  function flash(elements) {
    document.querySelectorAll(".focus").forEach(function (e) { e.classList.remove("focus"); });
    elements.forEach(function (e) { e.classList.add("focus"); });
  }

  document.querySelectorAll("input[name=sev]").forEach(function (box) {
    box.addEventListener("change", apply);
  });
  if (crit) { crit.addEventListener("change", apply); }
  document.querySelectorAll("button.show-crit").forEach(function (b) {
    b.addEventListener("click", function () {
      if (!crit) { return; }
      crit.value = b.dataset.crit;
      apply();
      document.getElementById("filters").scrollIntoView({ behavior: "smooth" });
    });
  });
  marks.forEach(function (m) {
    m.addEventListener("click", function () {
      var first = m.dataset.f.split(" ").map(function (id) {
        return document.getElementById("note-" + id);
      }).filter(function (n) { return n && !n.hidden; });
      if (first.length) {
        first.forEach(function (n) {
          var more = n.closest("details.more-notes");
          if (more) { more.open = true; }
          var body = n.querySelector("details.note-more");
          if (body) { body.open = true; }
        });
        flash(first);
        first[0].scrollIntoView({ behavior: "smooth", block: "center" });
      }
    });
  });
  notes.forEach(function (n) {
    n.addEventListener("click", function () {
      var mine = marks.filter(function (m) { return m.dataset.f.split(" ").indexOf(n.dataset.f) >= 0; });
      flash([n].concat(mine));
    });
  });
  document.querySelectorAll("button.copy-accept").forEach(function (b) {
    b.addEventListener("click", function (ev) {
      ev.stopPropagation();
      var code = b.parentNode.querySelector("code.accept-cmd");
      if (!code) { return; }
      var range = document.createRange();
      range.selectNodeContents(code);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      var done = function () { b.textContent = "Copied"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(code.textContent).then(done, function () {
          if (document.execCommand("copy")) { done(); }
        });
      } else if (document.execCommand("copy")) { done(); }
    });
  });
  apply();
})();
