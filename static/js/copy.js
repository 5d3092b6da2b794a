// "Copy" buttons: <button data-copy="input-id" hidden> copies that field's value. Without this
// script the button stays hidden and the field (read-only, selectable) is copied by hand.
(function () {
  function say(button, text) {
    var status = document.getElementById(button.getAttribute("data-copy") + "-status");
    if (status) status.textContent = text;
  }
  function setUp() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      if (!field) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        field.select();
        var done = function () { say(button, "Copied to the clipboard."); };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(field.value).then(done, function () {
            say(button, "Selected: press Ctrl+C (or ⌘C) to copy.");
          });
        } else {
          say(button, "Selected: press Ctrl+C (or ⌘C) to copy.");
        }
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
