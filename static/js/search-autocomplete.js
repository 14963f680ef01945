// Progressive enhancement of the search box: suggestions from /recherche/suggestions/ as an
// ARIA combobox (WAI-ARIA APG "list autocomplete"). Without this script the form still submits.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autocomplete-url]");
  var input = form && form.querySelector("#search-q");
  if (!input || !window.fetch) return;

  var list = document.createElement("ul");
  list.id = "search-q-suggestions";
  list.className = "search-suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.labels[0] ? input.labels[0].textContent : "");
  list.hidden = true;
  form.appendChild(list);
  var help = document.getElementById("search-q-help");
  if (help) help.hidden = false;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  if (help) input.setAttribute("aria-describedby", help.id);

  var active = -1, timer = null, lastQuery = "";

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function show(results) {
    list.innerHTML = "";
    results.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = "search-q-option-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      // No link inside an option: an option is already the interactive element (ARIA).
      option.dataset.url = item.url;
      option.textContent = item.title;
      var type = document.createElement("span");
      type.className = "suggestion-type";
      type.textContent = " – " + item.type;
      option.appendChild(type);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.href = item.url;
      });
      list.appendChild(option);
    });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
  }

  function move(step) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    if (active >= 0) options[active].setAttribute("aria-selected", "false");
    active = (active + step + options.length) % options.length;
    options[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  input.addEventListener("input", function () {
    var query = input.value.trim();
    clearTimeout(timer);
    if (query.length < 2) return close();
    timer = setTimeout(function () {
      lastQuery = query;
      var url = form.dataset.autocompleteUrl + "?q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (data.query.trim() === lastQuery) show(data.results); })
        .catch(close);
    }, 200);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { move(1); event.preventDefault(); }
    else if (event.key === "ArrowUp") { move(-1); event.preventDefault(); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      var chosen = list.querySelectorAll("[role=option]")[active];
      if (chosen) { event.preventDefault(); window.location.href = chosen.dataset.url; }
    }
  });

  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
