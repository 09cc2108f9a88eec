// The main menu works without this script: every disclosure in it is a <details>.
// The script adds what <details> lacks (decision 0161): Escape closes the open
// disclosure and returns focus to its button, one group is open at a time, a click
// or focus outside closes it, and the "Menu" disclosure is open only on wide screens.
const menu = document.querySelector("[data-menu]");
if (menu) {
  const wide = window.matchMedia("(min-width: 70rem)");
  const whole = menu.querySelector("details.menu");
  const groups = Array.from(menu.querySelectorAll(".nav-group > details"));
  const closeGroups = (except) => {
    groups.forEach((group) => {
      if (group !== except) group.open = false;
    });
  };

  groups.forEach((group) => {
    group.addEventListener("toggle", () => {
      if (group.open) closeGroups(group);
    });
    // On a wide screen a group is a drop-down over the page; it closes once focus leaves it.
    group.addEventListener("focusout", (event) => {
      if (wide.matches && !group.contains(event.relatedTarget)) group.open = false;
    });
  });

  menu.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = event.target.closest("details[open]");
    // On a wide screen the menu itself is always shown; only its groups close.
    if (!open || (open === whole && wide.matches)) return;
    open.open = false;
    open.querySelector("summary").focus();
    event.preventDefault();
  });

  document.addEventListener("click", (event) => {
    if (!menu.contains(event.target)) closeGroups();
  });

  const fitScreen = () => {
    whole.open = wide.matches;
  };
  wide.addEventListener("change", fitScreen);
  fitScreen();
}
