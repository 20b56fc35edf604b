// Starts DKFDS's components (accordions, the »Menu« drawer below 992 px, ...). A file of its own so the
// Content-Security-Policy can forbid inline scripts.
if (window.DKFDS) {
  window.DKFDS.init();
}

// Print buttons: <button data-udskriv>.
document.querySelectorAll("[data-udskriv]").forEach(function (knap) {
  knap.addEventListener("click", function () {
    window.print();
  });
});
