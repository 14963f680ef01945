// Progressive enhancement: time stamps in the transcript seek the player on this page instead of
// opening the video file; a page address ending in #t=83 starts the recording at 83 seconds.
(function () {
  "use strict";
  var player = document.getElementById("session-player");
  var transcript = player && document.getElementById(player.dataset.transcript);
  if (!player || !transcript) return;

  function seek(seconds) {
    if (!isFinite(seconds)) return;
    player.currentTime = seconds;
    var playing = player.play();
    if (playing && playing.catch) playing.catch(function () {});
  }

  transcript.addEventListener("click", function (event) {
    var link = event.target.closest("a.cue-time");
    if (!link) return;
    event.preventDefault();
    seek(parseFloat(link.dataset.start));
    player.focus();
    history.replaceState(null, "", "#t=" + Math.floor(parseFloat(link.dataset.start)));
  });

  var links = transcript.querySelectorAll("a.cue-time");
  player.addEventListener("timeupdate", function () {
    var now = player.currentTime;
    links.forEach(function (link, index) {
      var next = links[index + 1];
      var current = parseFloat(link.dataset.start) <= now &&
        (!next || now < parseFloat(next.dataset.start));
      if (current) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
  });

  // A deep link (#t=83, as search results give) becomes a media fragment on the sources, which
  // the browser applies itself once it has loaded enough of the file.
  var match = /^#t=(\d+(?:\.\d+)?)$/.exec(window.location.hash);
  if (match) {
    player.querySelectorAll("source").forEach(function (source) {
      source.src = source.src.split("#")[0] + "#t=" + match[1];
    });
    player.load();
  }
})();
