// What GX's pages asked of jQuery and Bootstrap's scripts, in plain JavaScript:
// blocks that open and close ("Show more info..."), the index's tabs, and the
// validation filter of page_action_card.j2.

function showValidations(failedOnly) {
  const display = failedOnly ? "none" : "";
  document.querySelectorAll(".hide-succeeded-validation-target-child").forEach((el) => {
    el.parentElement.style.display = display;
  });
  document.querySelectorAll(".hide-succeeded-validation-target").forEach((el) => {
    el.style.display = display;
  });
  document.querySelectorAll(".hide-succeeded-validations-column-section-target-child").forEach((el) => {
    const section = el.parentElement.parentElement;
    section.style.display = display;
    document.querySelectorAll(`a[href$="${section.id}"]`).forEach((link) => { link.style.display = display; });
  });
}

function showTab(link) {
  const nav = link.closest(".nav");
  const pane = document.getElementById(link.getAttribute("href").slice(1));
  nav.querySelectorAll(".nav-link").forEach((other) => other.classList.toggle("active", other === link));
  pane.parentElement.querySelectorAll(".tab-pane").forEach((other) => other.classList.toggle("active", other === pane));
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll('[data-toggle="collapse"]').forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      document.getElementById(link.getAttribute("href").slice(1)).classList.toggle("show");
    });
  });
  document.querySelectorAll('[data-toggle="tab"]').forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      showTab(link);
    });
  });
});
