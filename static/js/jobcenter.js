// Starts DKFDS's components (accordions, menus, ...). A file of its own so the
// Content-Security-Policy can forbid inline scripts.
if (window.DKFDS) {
  window.DKFDS.init();
}
