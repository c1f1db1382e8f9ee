// A citation written as /documents/ID#s=START-END (the form a shared link or another tool may use): the server
// highlights a cited span when asked with ?s=START-END, so ask it, and land on the span's element (#s-START-END).
(function () {
  "use strict";
  function follow() {
    var found = /^#s=(\d+)-(\d+)$/.exec(window.location.hash);
    if (!found) return;
    var url = new URL(window.location.href);
    url.searchParams.set("s", found[1] + "-" + found[2]);
    url.hash = "s-" + found[1] + "-" + found[2];
    window.location.replace(url.toString());
  }
  follow();
  window.addEventListener("hashchange", follow);
})();
