// Progressive enhancement for podcast pages: timestamps seek the player, the feed address
// can be copied. Without JavaScript the timestamps stay plain #t= links.
(function () {
  "use strict";
  var player = document.getElementById("episode-player");
  var HASH = /^#t=(\d+(?:\.\d+)?)$/;

  function seek(seconds, play) {
    if (!player || !isFinite(seconds)) return;
    player.currentTime = seconds;
    if (play) {
      var started = player.play();
      if (started && started.catch) started.catch(function () {});
    }
  }

  if (player) {
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-seek]") : null;
      if (!link) return;
      event.preventDefault();
      if (window.history && history.replaceState) history.replaceState(null, "", link.getAttribute("href"));
      seek(parseFloat(link.getAttribute("data-seek")), true);
    });
    var match = HASH.exec(window.location.hash);
    if (match) seek(parseFloat(match[1]), false);
    window.addEventListener("hashchange", function () {
      var again = HASH.exec(window.location.hash);
      if (again) seek(parseFloat(again[1]), false);
    });
    // Mark the passage being heard, for sighted listeners following the text.
    var cues = Array.prototype.slice.call(document.querySelectorAll(".transcript li[data-start]"));
    player.addEventListener("timeupdate", function () {
      var now = player.currentTime;
      cues.forEach(function (cue) {
        var inside = now >= parseFloat(cue.getAttribute("data-start")) && now < parseFloat(cue.getAttribute("data-end"));
        cue.classList.toggle("is-current", inside);
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentNode.querySelector(".copy-status");
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) status.textContent = button.getAttribute("data-copied") || "✓";
      });
    });
  });
})();
