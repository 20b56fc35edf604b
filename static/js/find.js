// The find fields (templates/includes/find.html, jobcenter/find.py) as comboboxes, after the
// WAI-ARIA pattern "combobox with listbox popup": htmx posts what is typed and swaps the
// suggestions into the listbox; this file opens and closes it, moves through it with the arrow
// keys, picks with Enter (or a click) and closes with Escape. Picking fills the hidden id and
// shows the chosen row. Without this file the "Søg" button does the same by reloading the page.
(function () {
  "use strict";

  function dele(input) {
    var boks = input.closest("[data-find]");
    return {
      boks: boks,
      input: input,
      liste: document.getElementById(input.getAttribute("aria-controls")),
      vaerdi: boks.querySelector("[data-find-vaerdi]"),
      valgt: boks.querySelector("[data-find-valgt]"),
      status: boks.querySelector("[data-find-status]"),
    };
  }

  function combobox(element) {
    return element && element.closest ? element.closest("[data-find] [role=combobox]") : null;
  }

  function muligheder(d) {
    return Array.prototype.slice.call(
      d.liste.querySelectorAll("[role=option]:not([aria-disabled=true])")
    );
  }

  function aktiv(d) {
    return d.liste.querySelector("[role=option][aria-selected=true]");
  }

  function aaben(d, aabn) {
    var tom = d.liste.querySelector("[role=option]") === null;
    d.liste.hidden = !aabn || tom;
    d.input.setAttribute("aria-expanded", d.liste.hidden ? "false" : "true");
    if (d.liste.hidden) {
      marker(d, null);
    }
  }

  function marker(d, mulighed) {
    muligheder(d).forEach(function (m) {
      m.setAttribute("aria-selected", m === mulighed ? "true" : "false");
    });
    if (mulighed) {
      d.input.setAttribute("aria-activedescendant", mulighed.id);
      mulighed.scrollIntoView({ block: "nearest" });
    } else {
      d.input.removeAttribute("aria-activedescendant");
    }
  }

  function flyt(d, skridt) {
    var alle = muligheder(d);
    if (alle.length === 0) {
      return;
    }
    if (d.liste.hidden) {
      aaben(d, true);
    }
    var nu = alle.indexOf(aktiv(d));
    var naeste = nu === -1 ? (skridt > 0 ? 0 : alle.length - 1) : nu + skridt;
    naeste = (naeste + alle.length) % alle.length;
    marker(d, alle[naeste]);
  }

  function vaelg(d, mulighed) {
    d.vaerdi.value = mulighed.dataset.vaerdi;
    d.vaerdi.disabled = false;
    // The radio buttons of a search without JavaScript no longer count.
    d.boks.querySelectorAll("[data-find-fund] input").forEach(function (radio) {
      radio.checked = false;
      radio.disabled = true;
    });
    d.input.value = mulighed.dataset.tekst;
    d.valgt.querySelector("strong").textContent = mulighed.dataset.tekst;
    d.valgt.hidden = false;
    d.status.textContent = "Valgt: " + mulighed.dataset.tekst;
    aaben(d, false);
  }

  document.addEventListener("keydown", function (event) {
    var input = combobox(event.target);
    if (!input) {
      return;
    }
    var d = dele(input);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      flyt(d, event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && !d.liste.hidden) {
      event.preventDefault();
      var mulighed = aktiv(d);
      if (mulighed) {
        vaelg(d, mulighed);
      }
    } else if (event.key === "Escape" && !d.liste.hidden) {
      event.preventDefault();
      aaben(d, false);
    }
  });

  document.addEventListener("input", function (event) {
    var input = combobox(event.target);
    if (input) {
      // A new text: the row chosen for the old one is no longer chosen.
      var d = dele(input);
      d.vaerdi.value = "";
      d.valgt.hidden = true;
    }
  });

  // An option is no focus target: keep the focus in the input, so the list stays open.
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest("[data-find] [role=option]")) {
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    var mulighed = event.target.closest("[data-find] [role=option]");
    if (mulighed && mulighed.getAttribute("aria-disabled") !== "true") {
      var d = dele(mulighed.closest("[data-find]").querySelector("[role=combobox]"));
      vaelg(d, mulighed);
      d.input.focus();
      return;
    }
    document.querySelectorAll("[data-find] [role=combobox]").forEach(function (input) {
      if (!input.closest("[data-find]").contains(event.target)) {
        aaben(dele(input), false);
      }
    });
  });

  document.addEventListener("focusout", function (event) {
    var input = combobox(event.target);
    if (input && !input.closest("[data-find]").contains(event.relatedTarget)) {
      aaben(dele(input), false);
    }
  });

  // The endpoint reads the text as `q`, whatever the field is called; nothing else of the form
  // but its CSRF token is sent (hx-params).
  document.addEventListener("htmx:configRequest", function (event) {
    var input = combobox(event.detail.elt);
    if (input) {
      event.detail.parameters.q = input.value;
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var liste = event.detail.target;
    var input = document.querySelector("[aria-controls='" + liste.id + "']");
    if (!combobox(input)) {
      return;
    }
    var d = dele(input);
    d.liste.querySelectorAll("[role=option]").forEach(function (mulighed, i) {
      mulighed.id = liste.id + "-" + i;
    });
    var antal = muligheder(d).length;
    d.status.textContent = antal
      ? antal + " forslag. Brug pil op og ned, og vælg med Enter."
      : d.liste.textContent.trim();
    aaben(d, document.activeElement === input);
  });
})();
