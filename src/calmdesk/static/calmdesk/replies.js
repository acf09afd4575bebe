/* Reply help (issue 5): the parts of the draft as the agent edited them.
 *
 * - "Start from the draft" in the reply box sends the edited parts with its request, so the
 *   server builds the reply from them (without JavaScript, "Put these parts in the reply"
 *   under the parts posts the same form).
 * - "Re-draft" asks before it replaces parts the agent has edited.
 */
(function () {
  "use strict";
  if (window.calmdeskReplyHelp) {
    return; // the panel is swapped in again on each re-draft: listen once
  }
  window.calmdeskReplyHelp = true;

  function partsForm() {
    return document.getElementById("rh-parts-form");
  }

  function editedParts() {
    var form = partsForm();
    var names = [];
    if (!form) {
      return names;
    }
    form.querySelectorAll("textarea").forEach(function (box) {
      if (box.value !== box.defaultValue) {
        var label = form.querySelector('label[for="' + box.id + '"]');
        names.push(label ? label.textContent.trim() : box.name);
      }
    });
    return names;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var source = event.detail.elt;
    var form = partsForm();
    if (!form || !source || source.id !== "reply-use-draft") {
      return;
    }
    form.querySelectorAll("textarea, input[name='rh-channel']").forEach(function (field) {
      event.detail.parameters[field.name] = field.value;
    });
  });

  // Capture phase: runs before HTMX's own submit handler, so a "Cancel" stops the request.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!form.classList || !form.classList.contains("rh-channel-form")) {
        return;
      }
      var edited = editedParts();
      if (!edited.length) {
        return;
      }
      var question =
        "You have edited: " + edited.join(", ") + ". Re-drafting replaces your edits " +
        "with a new draft. Re-draft anyway?";
      if (!window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );
})();
